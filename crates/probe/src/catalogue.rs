//! The public mirrors probed when the user names none: every mirror gmd-semantics knows to be in
//! service. Retired ones (gocenter.io, …) are listed with their note and not probed.

use gmd_semantics::proxy::KnownMirror;

/// Mirrors in service, in the order they are shown.
pub fn mirrors() -> Vec<KnownMirror> {
    gmd_semantics::proxy::known_mirrors()
        .iter()
        .copied()
        .filter(|m| m.alive)
        .collect()
}

/// Mirrors no longer in service, with what happened to them.
pub fn retired() -> Vec<KnownMirror> {
    gmd_semantics::proxy::known_mirrors()
        .iter()
        .copied()
        .filter(|m| !m.alive)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::{Policy, validate};

    #[test]
    fn every_catalogue_url_passes_the_probe_rules() {
        let urls: Vec<&str> = mirrors().iter().map(|m| m.url).collect();
        assert!(urls.contains(&"https://proxy.golang.org"));
        assert!(urls.contains(&"https://goproxy.cn"));
        assert!(urls.contains(&"https://mirrors.aliyun.com/goproxy"));
        for url in urls {
            assert_eq!(validate(url, Policy::Public).map(|t| t.base()).as_deref(), Ok(url));
        }
        assert!(
            retired()
                .iter()
                .any(|m| m.host == "gocenter.io" && m.note.contains("shut down"))
        );
    }
}
