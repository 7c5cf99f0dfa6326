//! The modules of the fake internet, and the checksum database that knows the public ones.

use crate::module::ModuleVersion;
use crate::proxy::Proxy;
use crate::sumdb::SumDb;

/// The seed of the checksum database's signing key (deterministic across runs).
const SUMDB_SEED: u8 = 1;

/// Public modules every healthy mirror serves.
pub fn public_modules() -> Vec<ModuleVersion> {
    let retracted_go_mod =
        "module github.com/example/retracted\n\ngo 1.21\n\n// v1.0.0 deletes files on import.\nretract v1.0.0\n";
    vec![
        ModuleVersion::new("github.com/sirupsen/logrus", "v1.9.0"),
        ModuleVersion::new("github.com/sirupsen/logrus", "v1.9.3"),
        ModuleVersion::new("github.com/google/uuid", "v1.6.0"),
        ModuleVersion::new("github.com/pkg/errors", "v0.9.1"),
        ModuleVersion::new("golang.org/x/text", "v0.14.0"),
        ModuleVersion::new("gopkg.in/yaml.v3", "v3.0.1"),
        ModuleVersion::new("github.com/example/retracted", "v1.0.0"),
        ModuleVersion::new("github.com/example/retracted", "v1.1.0").with_go_mod(retracted_go_mod),
        ModuleVersion::new("github.com/example/oldlib", "v1.5.0").with_go_mod(
            "// Deprecated: use github.com/example/newlib instead.\nmodule github.com/example/oldlib\n\ngo 1.21\n",
        ),
        // A v2 release without the /v2 suffix in its module path.
        ModuleVersion::new("github.com/example/major", "v2.0.0")
            .with_go_mod("module github.com/example/major\n\ngo 1.21\n"),
        // A repository that was renamed: its go.mod declares the new path.
        ModuleVersion::new("github.com/example/renamed", "v1.0.0")
            .with_go_mod("module github.com/example/newname\n\ngo 1.21\n"),
        // The pre-2017 capitalisation of logrus, as old code still requires it.
        ModuleVersion::new("github.com/Sirupsen/logrus", "v1.9.3")
            .with_go_mod("module github.com/sirupsen/logrus\n\ngo 1.21\n"),
        // A module with a package below its root (vendoring must copy both).
        ModuleVersion::new("github.com/example/hooks", "v1.0.0").with_file("syslog/syslog.go", "package syslog\n"),
        // Files whose names collide on case-insensitive file systems: not a valid module zip.
        ModuleVersion::new("github.com/example/collide", "v1.0.0")
            .with_file("README", "upper\n")
            .with_file("readme", "lower\n"),
    ]
}

/// Private modules: on the company's GitLab and in a private GitHub organisation.
pub fn private_modules() -> Vec<ModuleVersion> {
    vec![
        ModuleVersion::new("git.corp.example/platform/auth", "v1.2.0"),
        ModuleVersion::new("github.com/acme-corp/billing", "v0.3.1"),
    ]
}

/// The checksum database, named sum.golang.org, holding every public module.
pub fn sumdb() -> SumDb {
    sumdb_with(&[])
}

/// The checksum database with `extra` modules too.
pub fn sumdb_with(extra: &[ModuleVersion]) -> SumDb {
    let mut db = SumDb::new("sum.golang.org", SUMDB_SEED);
    for module in public_modules().iter().chain(extra) {
        db.add(module);
    }
    db.unknown_prefix("git.corp.example/", 404);
    db.unknown_prefix("github.com/acme-corp/", 410);
    db
}

/// A public mirror: every public module; private ones answered as proxy.golang.org does.
pub fn public_proxy() -> Proxy {
    public_modules()
        .into_iter()
        .fold(Proxy::new(), Proxy::module)
        // One toolchain release, as golang.org/toolchain serves it (for one platform: enough for
        // the checks that ask whether a release is served; no scenario switches to it).
        .module(ModuleVersion::new(
            "golang.org/toolchain",
            "v0.0.1-go1.22.0.linux-amd64",
        ))
        .private("git.corp.example/", 404)
        .private("github.com/acme-corp/", 410)
}

/// The toolchain release the scenarios ask for (`go 1.99.0`), as the fixes' world serves it:
/// its `bin/go` runs the Go SDK of the sandbox (`sdk`) with GOTOOLCHAIN=local, without the
/// variables that tell a switched-to go command which release it must be. A download that works
/// then switches to it, and the command goes on until the go line stops the SDK (`go.mod
/// requires go >= 1.99.0`): what a fix that reaches a mirror can prove here.
pub fn toolchain_release(sdk: &str) -> ModuleVersion {
    // The go command marks bin/, pkg/tool/ and lib/ executable after the download: they exist.
    let mut release = ModuleVersion::new("golang.org/toolchain", "v0.0.1-go1.99.0.linux-amd64")
        .with_file(
            "bin/go",
            &format!(
                "#!/bin/sh\nunset GOTOOLCHAIN_INTERNAL_SWITCH_VERSION GOTOOLCHAIN_INTERNAL_SWITCH_COUNT\nGOTOOLCHAIN=local GOROOT={sdk} exec {sdk}/bin/go \"$@\"\n"
            ),
        )
        .with_file("bin/gofmt", &format!("#!/bin/sh\nexec {sdk}/bin/gofmt \"$@\"\n"))
        .with_file("pkg/tool/linux_amd64/README", "the tools of the SDK\n")
        .with_file("lib/README", "nothing to run\n");
    release.files.retain(|(name, _)| name.contains('/'));
    release
}

/// A company proxy (Athens, Artifactory, …) that serves the private modules and the public ones.
pub fn corporate_proxy() -> Proxy {
    public_modules()
        .into_iter()
        .chain(private_modules())
        .fold(Proxy::new(), Proxy::module)
}

/// go.mod of the app requiring `requires` (`path version` each).
pub fn app_go_mod(go: &str, requires: &[&str]) -> String {
    let mut text = format!("module example.com/app\n\ngo {go}\n");
    if !requires.is_empty() {
        text.push_str("\nrequire (\n");
        for require in requires {
            text.push_str(&format!("\t{require}\n"));
        }
        text.push_str(")\n");
    }
    text
}

/// The go.sum lines of the named public or private `path@version`s.
pub fn go_sum(ids: &[&str]) -> String {
    public_modules()
        .into_iter()
        .chain(private_modules())
        .filter(|m| ids.contains(&format!("{}@{}", m.path, m.version).as_str()))
        .map(|m| m.go_sum_lines())
        .collect()
}
