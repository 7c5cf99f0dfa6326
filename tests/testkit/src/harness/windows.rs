//! Derives what `go env` would print on Windows (cmd.exe `set KEY=value` lines) for the same
//! environment, with the go command's own escaping rules (`src/cmd/go/internal/envcmd`).
//! These renderings are derived, not recorded: the fixture files say so in their names.

use super::HOME;

/// Windows values for the keys whose meaning is tied to the operating system.
fn windows_value(key: &str, value: &str, go_version: &str) -> String {
    let sdk = format!("{HOME}/sdk/{go_version}");
    match key {
        "GOOS" | "GOHOSTOS" => "windows".into(),
        "GOEXE" => ".exe".into(),
        "GOROOT" => r"C:\Program Files\Go".into(),
        "GOTOOLDIR" => r"C:\Program Files\Go\pkg\tool\windows_amd64".into(),
        "GOENV" => r"C:\Users\gopher\AppData\Roaming\go\env".into(),
        "GOCACHE" => r"C:\Users\gopher\AppData\Local\go-build".into(),
        "GOTELEMETRYDIR" => r"C:\Users\gopher\AppData\Roaming\go\telemetry".into(),
        "GOGCCFLAGS" => "-m64 -mthreads -Wl,--no-gc-sections -fmessage-length=0 -gno-record-gcc-switches".into(),
        _ => {
            let value = value.replace(&sdk, r"C:\Program Files\Go");
            if value.starts_with(HOME) || value.contains(&format!("{HOME}/")) {
                value.replace(HOME, r"C:\Users\gopher").replace('/', r"\")
            } else {
                value
            }
        }
    }
}

/// `batchEscape`: `%` doubled, `< > | & ^` escaped with `^`, CR and LF replaced.
pub fn batch_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\r' | '\n' => out.push('\u{fffd}'),
            '%' => out.push_str("%%"),
            '<' | '>' | '|' | '&' | '^' => {
                out.push('^');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The `set KEY=value` rendering of a `go env -json` object, keys in the order given.
pub fn render(go_env_json: &str, go_version: &str) -> Result<String, String> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(go_env_json).map_err(|e| format!("go env -json: {e}"))?;
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    Ok(keys
        .into_iter()
        .map(|key| {
            let value = map[key].as_str().unwrap_or_default();
            format!("set {key}={}\n", batch_escape(&windows_value(key, value, go_version)))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_envcmd() {
        assert_eq!(batch_escape("https://a|https://b"), "https://a^|https://b");
        assert_eq!(batch_escape("100%&<>^"), "100%%^&^<^>^^");
        assert_eq!(batch_escape("a\nb"), "a\u{fffd}b");
    }

    #[test]
    fn renders_windows_paths() {
        let json = r#"{"GOPATH": "/home/gopher/go", "GOOS": "linux", "GOPROXY": "https://goproxy.cn|direct",
            "GOROOT": "/home/gopher/sdk/go1.27.3", "GOFLAGS": ""}"#;
        assert_eq!(
            render(json, "go1.27.3").unwrap(),
            "set GOFLAGS=\nset GOOS=windows\nset GOPATH=C:\\Users\\gopher\\go\nset GOPROXY=https://goproxy.cn^|direct\nset GOROOT=C:\\Program Files\\Go\n"
        );
    }
}
