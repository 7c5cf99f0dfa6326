//! Git repositories for direct mode: built with the real git, tagged per module version with
//! fixed dates (so commit hashes and pseudo-versions are stable), and served over smart HTTP by
//! `git http-backend` (CGI).

use crate::http::{Reply, Request};
use crate::module::ModuleVersion;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Builds bare repository `<root>/<name>` with one commit per version (in order), each tagged
/// with its version, all on branch `main`.
pub fn build_repository(root: &Path, name: &str, versions: &[ModuleVersion]) -> Result<PathBuf, String> {
    let work = root.join(format!("{name}.work"));
    let bare = root.join(name);
    for dir in [&work, &bare] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| e.to_string())?;
        }
    }
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    git(&work, &["init", "--quiet", "--initial-branch=main"], 0)?;
    for (index, version) in versions.iter().enumerate() {
        std::fs::write(work.join("go.mod"), &version.go_mod).map_err(|e| e.to_string())?;
        for (file, content) in &version.files {
            let path = work.join(file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            std::fs::write(path, content).map_err(|e| e.to_string())?;
        }
        git(&work, &["add", "--all"], index)?;
        git(
            &work,
            &[
                "commit",
                "--quiet",
                "--allow-empty",
                "-m",
                &format!("release {}", version.version),
            ],
            index,
        )?;
        if !crate::module::is_pseudo_version(&version.version) {
            git(&work, &["tag", &version.version], index)?;
        }
    }
    git(
        root,
        &[
            "clone",
            "--quiet",
            "--bare",
            &work.to_string_lossy(),
            &bare.to_string_lossy(),
        ],
        0,
    )?;
    std::fs::remove_dir_all(&work).map_err(|e| e.to_string())?;
    Ok(bare)
}

/// Runs git in `dir` with a fixed identity and commit date (day `day` of January 2024).
fn git(dir: &Path, args: &[&str], day: usize) -> Result<(), String> {
    let date = format!("2024-01-{:02}T12:00:00Z", day + 1);
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Gopher")
        .env("GIT_AUTHOR_EMAIL", "gopher@example.com")
        .env("GIT_COMMITTER_NAME", "Gopher")
        .env("GIT_COMMITTER_EMAIL", "gopher@example.com")
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Serves a smart-HTTP git request for repositories under `project_root` through
/// `git http-backend`.
pub fn http_backend(project_root: &Path, request: &Request) -> Reply {
    let mut command = Command::new("git");
    command
        .arg("http-backend")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_PROJECT_ROOT", project_root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("REQUEST_METHOD", &request.method)
        .env("PATH_INFO", &request.path)
        .env("QUERY_STRING", &request.query)
        .env("REMOTE_ADDR", "127.0.0.1")
        .env("CONTENT_LENGTH", request.body.len().to_string())
        .env("CONTENT_TYPE", request.header("Content-Type").unwrap_or_default());
    if let Some(protocol) = request.header("Git-Protocol") {
        command.env("GIT_PROTOCOL", protocol);
    }
    if let Some(encoding) = request.header("Content-Encoding") {
        command.env("HTTP_CONTENT_ENCODING", encoding);
    }
    let child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return Reply::text(500, "cannot run git http-backend\n");
    };
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(&request.body);
    }
    let Ok(output) = child.wait_with_output() else {
        return Reply::text(500, "git http-backend failed\n");
    };
    parse_cgi(&output.stdout)
}

/// Turns CGI output (headers, a blank line, the body) into a reply.
fn parse_cgi(output: &[u8]) -> Reply {
    let split = output
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| output.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
    let Some((end, gap)) = split else {
        return Reply::text(502, "malformed CGI output\n");
    };
    let mut status = 200;
    let mut headers = Vec::new();
    for line in String::from_utf8_lossy(&output[..end]).lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("Status") {
            status = value.split(' ').next().and_then(|s| s.parse().ok()).unwrap_or(500);
        } else {
            headers.push((name.trim().to_owned(), value.to_owned()));
        }
    }
    Reply::Response {
        status,
        headers,
        body: output[end + gap..].to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cgi_output() {
        match parse_cgi(b"Status: 404 Not Found\r\nContent-Type: text/plain\r\n\r\nnope") {
            Reply::Response { status, headers, body } => {
                assert_eq!(status, 404);
                assert_eq!(headers, vec![("Content-Type".to_owned(), "text/plain".to_owned())]);
                assert_eq!(body, b"nope");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_cgi(b"Content-Type: x\n\nbody"),
            Reply::Response { status: 200, .. }
        ));
        assert!(matches!(
            parse_cgi(b"no blank line"),
            Reply::Response { status: 502, .. }
        ));
    }

    #[test]
    fn builds_tagged_repositories_and_serves_refs() {
        let root = std::env::temp_dir().join(format!("gmd-git-test-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        let versions = [
            ModuleVersion::new("example.com/lib", "v1.0.0"),
            ModuleVersion::new("example.com/lib", "v1.1.0"),
        ];
        let bare = build_repository(&root, "team/lib.git", &versions).unwrap();
        assert!(bare.join("HEAD").is_file());
        let request = Request {
            method: "GET".into(),
            path: "/team/lib.git/info/refs".into(),
            query: "service=git-upload-pack".into(),
            headers: vec![],
            body: vec![],
        };
        let reply = http_backend(&root, &request);
        std::fs::remove_dir_all(&root).unwrap();
        let Reply::Response { status, body, .. } = reply else {
            panic!("a response")
        };
        assert_eq!(status, 200);
        let refs = String::from_utf8_lossy(&body);
        assert!(
            refs.contains("refs/tags/v1.0.0") && refs.contains("refs/tags/v1.1.0"),
            "{refs}"
        );
    }
}
