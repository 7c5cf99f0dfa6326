//! What the go.mod check may send: the requirements the paste's own settings fetch through a
//! proxy, never those GOPRIVATE or GONOPROXY (as pasted) make direct — their paths are private
//! and the worker could not fetch them anyway — nor the main module's path; and the first proxy
//! of a GOPROXY list, which the check uses until the user names another (`first_proxy`).

use crate::facts::Facts;
use gmd_semantics::{pattern, proxy};

/// The go.mod check of a paste.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoModCheck {
    /// The go.mod to send: its `go` and `toolchain` lines and the requirements that may leave
    /// the browser (no `module` line, no `replace`).
    pub gomod: String,
    /// Requirements kept here: module, version, and the pattern (GONOPROXY, else GOPRIVATE)
    /// that makes them direct.
    pub private: Vec<Private>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Private {
    pub module: String,
    pub version: String,
    /// The pattern that matched, and the setting it came from (`GONOPROXY`, `GOPRIVATE`).
    pub pattern: String,
    pub setting: &'static str,
}

/// The go.mod check of `input` (empty when it holds no go.mod with requirements).
pub fn go_mod_check(input: &str) -> GoModCheck {
    let facts = Facts::new(input);
    let Some(gomod) = &facts.gomod else {
        return GoModCheck::default();
    };
    let setting = match facts.env.value("GONOPROXY") {
        Some(v) if !v.is_empty() => "GONOPROXY",
        _ => "GOPRIVATE",
    };
    let mut text = String::new();
    if let Some(go) = &gomod.go {
        text.push_str(&format!("go {}\n", go.value));
    }
    if let Some(toolchain) = &gomod.toolchain {
        text.push_str(&format!("toolchain {}\n", toolchain.value));
    }
    let mut private = Vec::new();
    let mut public = Vec::new();
    for require in &gomod.requires {
        let (module, version) = (&require.path.value, &require.version.value);
        match pattern::matching_pattern(facts.gonoproxy(), module) {
            Some(matched) => private.push(Private {
                module: module.clone(),
                version: version.clone(),
                pattern: matched.to_owned(),
                setting,
            }),
            None => public.push(format!("\t{module} {version}\n")),
        }
    }
    if !public.is_empty() {
        text.push_str("\nrequire (\n");
        text.extend(public);
        text.push_str(")\n");
    }
    GoModCheck { gomod: text, private }
}

/// The first proxy of a GOPROXY list, without its user info (credentials never leave the
/// browser); none when the list names none.
pub fn first_proxy(goproxy: &str) -> Option<String> {
    proxy::parse(goproxy).ok()?.into_iter().find_map(|entry| match entry {
        proxy::ProxyEntry::Url { url, .. } => Some(without_user_info(&url)),
        _ => None,
    })
}

/// A proxy URL without its user info.
fn without_user_info(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_requirements_and_the_main_module_stay_here() {
        let input = "GOPROXY='https://bob:s3cret@goproxy.corp.example/go,direct'\nGOPRIVATE='git.corp.example,*.internal'\n\nmodule git.corp.example/team/app\n\ngo 1.22\n\ntoolchain go1.22.4\n\nrequire (\n\tgit.corp.example/team/lib v1.2.0\n\tgolang.org/x/text v0.14.0\n\tbuild.internal/tools v0.1.0 // indirect\n)\n\nreplace git.corp.example/team/lib => ../lib\n";
        let check = go_mod_check(input);
        assert_eq!(
            check.gomod,
            "go 1.22\ntoolchain go1.22.4\n\nrequire (\n\tgolang.org/x/text v0.14.0\n)\n"
        );
        let private: Vec<(&str, &str, &str)> = check
            .private
            .iter()
            .map(|p| (p.module.as_str(), p.pattern.as_str(), p.setting))
            .collect();
        assert_eq!(
            private,
            [
                ("git.corp.example/team/lib", "git.corp.example", "GOPRIVATE"),
                ("build.internal/tools", "*.internal", "GOPRIVATE")
            ]
        );
        assert_eq!(
            first_proxy("https://bob:s3cret@goproxy.corp.example/go,direct").as_deref(),
            Some("https://goproxy.corp.example/go")
        );
        assert_eq!(first_proxy("direct"), None);
        // GONOPROXY, when set, decides; no GOPROXY pasted, no proxy named.
        let check = go_mod_check("GONOPROXY=golang.org/x\nmodule m.example/a\nrequire golang.org/x/text v0.14.0\n");
        assert_eq!(check.private.len(), 1);
        assert_eq!(check.private[0].setting, "GONOPROXY");
        assert_eq!(check.gomod, "");
        assert_eq!(go_mod_check("go: no go.mod here\n"), GoModCheck::default());
    }
}
