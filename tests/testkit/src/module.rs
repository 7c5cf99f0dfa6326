//! Module versions as a proxy serves them: `.info`, `.mod`, `.zip`, and their `h1:` hashes.

use crate::hash;

/// One version of one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleVersion {
    pub path: String,
    pub version: String,
    /// RFC 3339 commit time for `.info`.
    pub time: String,
    pub go_mod: String,
    /// Files of the module other than go.mod, relative to the module root.
    pub files: Vec<(String, String)>,
    /// Whether `@v/list` names it (pseudo-versions are not listed).
    pub listed: bool,
}

impl ModuleVersion {
    /// A module version with a minimal go.mod and one Go file of package `package`.
    pub fn new(path: &str, version: &str) -> ModuleVersion {
        let package = package_name(path);
        ModuleVersion {
            path: path.to_owned(),
            version: version.to_owned(),
            time: "2024-01-02T03:04:05Z".to_owned(),
            go_mod: format!("module {path}\n\ngo 1.21\n"),
            files: vec![(
                format!("{package}.go"),
                format!(
                    "// Package {package} is a test module.\npackage {package}\n\n// Version is the module version.\nconst Version = \"{version}\"\n"
                ),
            )],
            listed: !is_pseudo_version(version),
        }
    }

    pub fn with_go_mod(mut self, go_mod: &str) -> ModuleVersion {
        self.go_mod = go_mod.to_owned();
        self
    }

    pub fn with_file(mut self, name: &str, content: &str) -> ModuleVersion {
        self.files.push((name.to_owned(), content.to_owned()));
        self
    }

    pub fn with_time(mut self, time: &str) -> ModuleVersion {
        self.time = time.to_owned();
        self
    }

    /// The `.info` JSON.
    pub fn info(&self) -> String {
        format!("{{\"Version\":\"{}\",\"Time\":\"{}\"}}\n", self.version, self.time)
    }

    /// The zip entries: `<path>@<version>/<file>`, go.mod included.
    pub fn zip_entries(&self) -> Vec<(String, Vec<u8>)> {
        let prefix = format!("{}@{}/", self.path, self.version);
        let mut entries = vec![(format!("{prefix}go.mod"), self.go_mod.clone().into_bytes())];
        entries.extend(
            self.files
                .iter()
                .map(|(n, c)| (format!("{prefix}{n}"), c.clone().into_bytes())),
        );
        entries
    }

    /// The module zip.
    pub fn zip(&self) -> Vec<u8> {
        crate::zip::write_stored(&self.zip_entries())
    }

    /// The `h1:` hash of the zip's content (the first go.sum line).
    pub fn zip_hash(&self) -> String {
        hash::hash1(&self.zip_entries())
    }

    /// The `h1:` hash of go.mod (the `/go.mod` go.sum line).
    pub fn go_mod_hash(&self) -> String {
        hash::go_mod_hash(self.go_mod.as_bytes())
    }

    /// The two go.sum lines of this version.
    pub fn go_sum_lines(&self) -> String {
        format!(
            "{p} {v} {}\n{p} {v}/go.mod {}\n",
            self.zip_hash(),
            self.go_mod_hash(),
            p = self.path,
            v = self.version
        )
    }
}

/// The package name a module path suggests: its last element that is not a `/vN` suffix,
/// reduced to identifier characters.
fn package_name(path: &str) -> String {
    let mut elements = path.rsplit('/');
    let mut last = elements.next().unwrap_or("m");
    if last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit()) {
        last = elements.next().unwrap_or("m");
    }
    let name: String = last
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("m{name}")
    } else {
        name
    }
}

pub use gmd_semantics::module::{escape, is_pseudo_version, unescape};

/// Orders Go module versions by semantic versioning; invalid versions sort first.
pub fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let parse = |v: &str| semver::Version::parse(v.strip_prefix('v')?).ok();
    parse(a).cmp(&parse(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_from_paths() {
        assert_eq!(package_name("example.com/hello"), "hello");
        assert_eq!(package_name("example.com/hello/v2"), "hello");
        assert_eq!(package_name("example.com/go-yaml"), "goyaml");
        assert_eq!(package_name("example.com/123"), "m123");
    }

    #[test]
    fn versions_order_like_semver() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_versions("v1.10.0", "v1.9.0"), Greater);
        assert_eq!(compare_versions("v1.0.0-rc.1", "v1.0.0"), Less);
        assert_eq!(compare_versions("junk", "v0.0.1"), Less);
    }

    #[test]
    fn hashes_and_info() {
        let m = ModuleVersion::new("example.com/hello", "v1.0.0");
        assert_eq!(m.info(), "{\"Version\":\"v1.0.0\",\"Time\":\"2024-01-02T03:04:05Z\"}\n");
        assert!(m.zip_hash().starts_with("h1:") && m.zip_hash().len() == 47);
        assert_ne!(m.zip_hash(), m.with_file("extra.go", "package hello\n").zip_hash());
    }
}
