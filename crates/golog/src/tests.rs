//! Data-driven tests: a log and the events it must produce, one line each.

use super::*;

/// Parses `log` and renders each event as `line kind details module@version`.
fn check(log: &str, expected: &[&str]) {
    let events = parse(log.lines().enumerate().map(|(i, l)| (i + 1, l)));
    let actual: Vec<String> = events
        .iter()
        .map(|e| {
            let kind = format!("{:?}", e.kind);
            let lines: Vec<String> = e.lines().map(|l| l.to_string()).collect();
            let at = match (&e.module, &e.version) {
                (Some(m), Some(v)) => format!(" {m}@{v}"),
                _ => String::new(),
            };
            format!("{} {kind}{at}", lines.join(","))
        })
        .collect();
    assert_eq!(actual, expected, "log:\n{log}");
}

#[test]
fn fetch_failures() {
    check(
        "go: github.com/sirupsen/logrus@v1.9.3: Get \"https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.mod\": dial tcp 142.250.72.177:443: i/o timeout",
        &[
            "1 Fetch { url: \"https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.mod\", host: \"proxy.golang.org\", target: ModuleProxy, error: TcpTimeout } github.com/sirupsen/logrus@v1.9.3",
        ],
    );
    check(
        "go: github.com/x/y@v1.0.0: verifying go.mod: github.com/x/y@v1.0.0/go.mod: Get \"https://sum.golang.org/lookup/github.com/x/y@v1.0.0\": net/http: TLS handshake timeout",
        &[
            "1 Fetch { url: \"https://sum.golang.org/lookup/github.com/x/y@v1.0.0\", host: \"sum.golang.org\", target: ChecksumDb, error: TlsHandshakeTimeout } github.com/x/y@v1.0.0",
        ],
    );
    check(
        "go: github.com/sirupsen/logrus@v1.9.3: read \"https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.zip\": unexpected EOF",
        &[
            "1 Fetch { url: \"https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.zip\", host: \"proxy.golang.org\", target: ModuleProxy, error: UnexpectedEof } github.com/sirupsen/logrus@v1.9.3",
        ],
    );
    // A paste cut inside the quoted URL: the request failed in the transport, how is lost.
    check(
        "go get: module github.com/cosmtrek/air: Get \"https://proxy.golang.org/github.com/co",
        &[
            "1 Fetch { url: \"https://proxy.golang.org/github.com/co\", host: \"proxy.golang.org\", target: Other, error: CutOff }",
        ],
    );
    // The same cut in Go ≤ 1.13's unquoted form.
    check(
        "go: github.com/x/y@v1.3.1: Get https://proxy.golang.org/github.com/x/y/@v/v1.",
        &[
            "1 Fetch { url: \"https://proxy.golang.org/github.com/x/y/@v/v1.\", host: \"proxy.golang.org\", target: ModuleProxy, error: CutOff } github.com/x/y@v1.3.1",
        ],
    );
    // A paste that hard-wrapped the quoted URL: the next line completes it.
    check(
        "go: github.com/x/y@v1.0.0: Get \"https://proxy.golang.org/github.com/x/\n  y/@v/v1.0.0.mod\": dial tcp 142.250.72.177:443: i/o timeout\n",
        &[
            "1,2 Fetch { url: \"https://proxy.golang.org/github.com/x/y/@v/v1.0.0.mod\", host: \"proxy.golang.org\", target: ModuleProxy, error: TcpTimeout } github.com/x/y@v1.0.0",
        ],
    );
}

#[test]
fn what_no_event_reads_is_still_a_failure_and_a_log_that_ends_waiting_is_a_hang() {
    check(
        "go: unheard-of trouble\ngo: downloading github.com/a/b v1.0.0\ngo: warning: x\ngo get: something new broke\ngo: errors parsing go.mod:\n",
        &[
            "1 GoFailure { text: \"go: unheard-of trouble\", cause: None }",
            "2 Downloading github.com/a/b@v1.0.0",
            "4 GoFailure { text: \"go get: something new broke\", cause: None }",
        ],
    );
    // What no event reads is read through the error catalogue: its cause and typed holes; the
    // lines under a frame that goes on (`go: M imports`) say the error too.
    check(
        "go: github.com/x/y@v2.0.0: go.mod has post-v2 module path \"github.com/x/y/v3\" at revision v2.0.0\ngo: github.com/a/app imports\n\tgithub.com/x/y: parsing go.mod: missing module line\n",
        &[
            "1 GoFailure { text: \"go: github.com/x/y@v2.0.0: go.mod has post-v2 module path \\\"github.com/x/y/v3\\\" at revision v2.0.0\", cause: Some(\"invalid_version\") } github.com/x/y@v2.0.0",
            "3 GoFailure { text: \"github.com/x/y: parsing go.mod: missing module line\", cause: Some(\"go_mod_syntax_error\") }",
        ],
    );
    // A request of `-x` that never got its answer line; another that did.
    check(
        "# get https://proxy.golang.org/github.com/a/b/@v/list\n# get https://proxy.golang.org/github.com/a/b/@v/list: 200 OK (0.1s)\n# get https://sum.golang.org/lookup/github.com/a/b@v1.0.0\n",
        &[
            "3 Fetch { url: \"https://sum.golang.org/lookup/github.com/a/b@v1.0.0\", host: \"sum.golang.org\", target: ChecksumDb, error: NoAnswer }",
        ],
    );
    // The last line: downloading, then the command was stopped.
    check(
        "go: downloading github.com/a/b v1.0.0\n^C\n",
        &["1 Downloading github.com/a/b@v1.0.0", "1 Waiting github.com/a/b@v1.0.0"],
    );
    // A run that ends well ends so too.
    check(
        "go: downloading github.com/a/b v1.0.0\n\n",
        &["1 Downloading github.com/a/b@v1.0.0"],
    );
}

#[test]
fn a_server_response_belongs_to_its_status_line() {
    check(
        "go: git.corp.example/platform/auth@v1.2.0: reading https://proxy.golang.org/git.corp.example/platform/auth/@v/v1.2.0.mod: 404 Not Found\n\tserver response: not found: git.corp.example/platform/auth@v1.2.0: unrecognized import path \"git.corp.example/platform/auth\": https fetch: Get \"https://git.corp.example/platform/auth?go-get=1\": dial tcp: lookup git.corp.example on 169.254.169.254:53: no such host\ngo: next line",
        &[
            "1,2 HttpStatus { url: \"https://proxy.golang.org/git.corp.example/platform/auth/@v/v1.2.0.mod\", host: \"proxy.golang.org\", target: ModuleProxy, status: 404, response: \"not found: git.corp.example/platform/auth@v1.2.0: unrecognized import path \\\"git.corp.example/platform/auth\\\": https fetch: Get \\\"https://git.corp.example/platform/auth?go-get=1\\\": dial tcp: lookup git.corp.example on 169.254.169.254:53: no such host\" } git.corp.example/platform/auth@v1.2.0",
            // The next error, which no other event reads, is a failure of its own.
            "3 GoFailure { text: \"go: next line\", cause: None }",
        ],
    );
    check(
        "go: example.com/app imports\n\tgithub.com/acme/x: github.com/acme/x@v0.3.1: reading https://goproxy.cn/github.com/acme/x/@v/v0.3.1.zip: 410 Gone\n\tserver response:\n\tnot found: x: invalid version: git ls-remote -q origin in /tmp: exit status 128:\n\t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\n\tConfirm the import path was entered correctly.\n\tgithub.com/other/pkg: github.com/other/pkg@v1.0.0: unknown revision v1.0.0",
        &[
            "2,3,4,5,6 HttpStatus { url: \"https://goproxy.cn/github.com/acme/x/@v/v0.3.1.zip\", host: \"goproxy.cn\", target: ModuleProxy, status: 410, response: \"not found: x: invalid version: git ls-remote -q origin in /tmp: exit status 128:\\nfatal: could not read Username for 'https://github.com': terminal prompts disabled\\nConfirm the import path was entered correctly.\" } github.com/acme/x@v0.3.1",
            "7 UnknownRevision { revision: \"v1.0.0\" } github.com/other/pkg@v1.0.0",
        ],
    );
}

#[test]
fn checksum_mismatches() {
    check(
        "verifying github.com/sirupsen/logrus@v1.9.3: checksum mismatch\n\tdownloaded: h1:yN3q=\n\tgo.sum:     h1:AAAA=\n\nSECURITY ERROR\nThis download does NOT match",
        &["1,2,3,5 ChecksumMismatch { go_mod: false, against: \"go.sum\" } github.com/sirupsen/logrus@v1.9.3"],
    );
    check(
        "go: github.com/x/y@v1.9.3: verifying module: checksum mismatch\n\tdownloaded: h1:yN3q=\n\tsum.golang.org: h1:zE=",
        &["1,2,3 ChecksumMismatch { go_mod: false, against: \"sum.golang.org\" } github.com/x/y@v1.9.3"],
    );
}

#[test]
fn git_and_vcs() {
    check(
        "\tfatal: could not read Username for 'https://git.corp.example': terminal prompts disabled\n\tfatal: unable to access 'https://github.com/x/y/': Failed to connect to github.com port 443 after 0 ms: Couldn't connect to server\ngo: x.example/m@v1.2.0: unable to resolve git version: failed to execute git version: exec: \"git\": executable file not found in $PATH\nfatal: unable to access 'https://gitlab.internal/x.git/': Could not resolve host: gitlab.internal",
        &[
            "1 GitAuth { host: \"git.corp.example\" }",
            "2 GitConnect { host: \"github.com\" }",
            "3 VcsMissing { tool: \"git\" } x.example/m@v1.2.0",
            "4 GitDns { host: \"gitlab.internal\" }",
        ],
    );
    check(
        "go: git.corp.example/a@v1.2.0: unrecognized import path \"git.corp.example/a\": reading https://git.corp.example/a?go-get=1: 404 Not Found\ngo: git.corp.example/a@v1.2.0: unrecognized import path \"git.corp.example/a\": parse https://git.corp.example/a?go-get=1: no go-import meta tags ()\ngo: g.example/a@v1: unrecognized import path \"g.example/a\": https fetch: Get \"https://g.example/a?go-get=1\": dial tcp: lookup g.example on 127.0.0.1:53: no such host",
        &[
            "1 UnrecognizedImportPath { path: \"git.corp.example/a\", error: None, status: Some(404), no_meta: false } git.corp.example/a@v1.2.0",
            "2 UnrecognizedImportPath { path: \"git.corp.example/a\", error: None, status: None, no_meta: true } git.corp.example/a@v1.2.0",
            // The request inside is a failed fetch of its own.
            "3 Fetch { url: \"https://g.example/a?go-get=1\", host: \"g.example\", target: GoGet, error: DnsNoSuchHost } g.example/a@v1",
            "3 UnrecognizedImportPath { path: \"g.example/a\", error: Some(DnsNoSuchHost), status: None, no_meta: false } g.example/a@v1",
        ],
    );
}

#[test]
fn configuration_and_toolchain() {
    check(
        "go: parsing $GOFLAGS: non-flag \"mod=mod\"\ngo: github.com/x/y@v1.9.3: GOPROXY list is not the empty string, but contains no entries\ngo: github.com/x/y@v1.9.3: invalid proxy URL missing scheme: drect\ngo: go.mod requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)\ngo: downloading go1.99.0 (linux/amd64)\ngo: download go1.99.0 for linux/amd64: toolchain not available\ngo: github.com/x/y@v1.9.3: module lookup disabled by GOPROXY=off",
        &[
            "1 GoflagsInvalid { message: \"parsing $GOFLAGS: non-flag \\\"mod=mod\\\"\" }",
            "2 GoproxyInvalid { message: \"GOPROXY list is not the empty string, but contains no entries\" } github.com/x/y@v1.9.3",
            "3 GoproxyInvalid { message: \"invalid proxy URL missing scheme: drect\" } github.com/x/y@v1.9.3",
            "4 ToolchainRequired { need: \"1.99\", running: \"1.27.3\", gotoolchain: \"local\" }",
            "5 ToolchainDownloading { version: \"1.99.0\" }",
            "6 ToolchainUnavailable { version: \"1.99.0\" }",
            "7 ProxyOff github.com/x/y@v1.9.3",
        ],
    );
}

#[test]
fn module_graph_errors() {
    check(
        "go: github.com/example/renamed@v1.0.0 requires github.com/example/renamed@v1.0.0: parsing go.mod:\n\tmodule declares its path as: github.com/example/newname\n\t        but was required as: github.com/example/renamed\ngo: errors parsing go.mod:\ngo.mod:5: unknown directive: requires\ngo.mod:6:2: require github.com/s/l: version \"master\" invalid: must be of the form v1.2.3\nmain.go:4:2: missing go.sum entry for module providing package github.com/s/l (imported by example.com/app); to add:\ngo: warning: github.com/example/retracted@v1.0.0: retracted by module author: v1.0.0 deletes files on import.\ngo: module github.com/example/oldlib is deprecated: use github.com/example/newlib instead.",
        &[
            "2,3 PathMismatch { declared: \"github.com/example/newname\", required: \"github.com/example/renamed\" } github.com/example/renamed@v1.0.0",
            "5 GoModError { file: \"go.mod\", message: \"unknown directive: requires\" }",
            "6 InvalidVersion { detail: \"require github.com/s/l: version \\\"master\\\" invalid: must be of the form v1.2.3\" } github.com/s/l@master",
            "7 MissingGoSum",
            "8 Retracted { rationale: \"v1.0.0 deletes files on import.\" } github.com/example/retracted@v1.0.0",
            "9 Deprecated { message: \"use github.com/example/newlib instead.\" }",
        ],
    );
}

#[test]
fn local_state() {
    check(
        "go: unzip /home/g/go/pkg/mod/cache/download/github.com/x/y/@v/v1.0.0.zip: zip: not a valid zip file\ngo: zip: not a valid zip file\ngo: x@v1: open /home/g/go/pkg/sumdb/sum.golang.org/latest: no such file or directory\nmkdir /root/go/pkg/mod/cache: permission denied\nmain.go:5:2: cannot find module providing package github.com/s/l/hooks/syslog: import lookup disabled by -mod=vendor\ngo: inconsistent vendoring in /home/g/src/app:\nmain.go:4:2: cannot find package \"github.com/s/l\" in any of:",
        &[
            "1 ZipNotValid { in_cache: true }",
            "2 ZipNotValid { in_cache: false }",
            "3 CacheProblem { path: \"/home/g/go/pkg/sumdb/sum.golang.org/latest\", trouble: Missing }",
            "4 CacheProblem { path: \"/root/go/pkg/mod/cache\", trouble: PermissionDenied }",
            "5 VendorLookupDisabled { mode: \"vendor\" }",
            "6 InconsistentVendoring",
            "7 GopathCannotFind { package: \"github.com/s/l\" }",
        ],
    );
}

#[test]
fn x_traces_are_not_errors() {
    check(
        "# get https://proxy.golang.org/sumdb/sum.golang.org/supported: 404 Not Found (0.016s)\n0.014s # cd /tmp; git ls-remote -q origin",
        &[],
    );
}

#[test]
fn targets() {
    assert_eq!(
        target_of("https://proxy.golang.org/sumdb/sum.golang.org/supported"),
        Target::SumdbSupported
    );
    assert_eq!(
        target_of("https://goproxy.cn/sumdb/sum.golang.org/lookup/x@v1"),
        Target::ChecksumDb
    );
    assert_eq!(
        target_of("https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.99.0.linux-amd64.zip"),
        Target::Toolchain
    );
    assert_eq!(target_of("https://git.corp.example/a?go-get=1"), Target::GoGet);
    assert_eq!(target_of("https://goproxy.cn/x/@latest"), Target::ModuleProxy);
    assert_eq!(host_of("https://user:pw@Goproxy.CN:443/x"), "goproxy.cn");
}

/// The same errors as other releases and systems word them (each from a real paste or a
/// recording of that release).
#[test]
fn other_releases_and_systems() {
    // Go ≤ 1.13: the URL is not quoted.
    check(
        "go: github.com/gogo/protobuf@v1.3.1: Get https://proxy.golang.org/github.com/gogo/protobuf/@v/v1.3.1.mod: dial tcp 172.217.160.81:443: i/o timeout",
        &[
            "1 Fetch { url: \"https://proxy.golang.org/github.com/gogo/protobuf/@v/v1.3.1.mod\", host: \"proxy.golang.org\", target: ModuleProxy, error: TcpTimeout } github.com/gogo/protobuf@v1.3.1",
        ],
    );
    // Go ≤ 1.21: one slash after the scheme.
    check(
        "go: github.com/sirupsen/logrus@v1.9.3: read \"https:/proxy.golang.org/@v/v1.9.3.zip\": unexpected EOF",
        &[
            "1 Fetch { url: \"https:/proxy.golang.org/@v/v1.9.3.zip\", host: \"proxy.golang.org\", target: ModuleProxy, error: UnexpectedEof } github.com/sirupsen/logrus@v1.9.3",
        ],
    );
    // Chinese Windows.
    check(
        "go: github.com/a/b@v1.0.0: Get \"https://proxy.golang.org/github.com/a/b/@v/v1.0.0.mod\": dial tcp 142.251.43.17:443: connectex: 由于连接方在一段时间后没有正确答复或连接的主机没有反应，连接尝试失败。",
        &[
            "1 Fetch { url: \"https://proxy.golang.org/github.com/a/b/@v/v1.0.0.mod\", host: \"proxy.golang.org\", target: ModuleProxy, error: TcpTimeout } github.com/a/b@v1.0.0",
        ],
    );
    // No URL at all: the module proxy's connection.
    check(
        "github.com/coreos/etcd@v3.3.25+incompatible: read tcp 192.168.0.26:53028->119.28.201.50:443: read: connection reset by peer",
        &[
            "1 Fetch { url: \"\", host: \"\", target: ModuleProxy, error: TcpReset } github.com/coreos/etcd@v3.3.25+incompatible",
        ],
    );
    // modfetch's InvalidVersionError; `+incompatible` in a version is no error.
    check(
        "go get github.com/go-git/go-git@v5.1.0: github.com/go-git/go-git@v5.1.0: invalid version: module contains a go.mod file, so major version must be compatible: should be v0 or v1, not v5",
        &[
            "1 InvalidVersion { detail: \"module contains a go.mod file, so major version must be compatible: should be v0 or v1, not v5\" } github.com/go-git/go-git@v5.1.0",
        ],
    );
    // Replacements as Go 1.11–1.13 and 1.19 word them.
    check(
        "go: parsing /go.mod: open /go.mod: no such file or directory\ngo: github.com/a/b@v1.9.3 (replaced by ./third_party/b): reading third_party/b/go.mod: open /src/third_party/b/go.mod: no such file or directory",
        &[
            "1 ReplacementNoGoMod { dir: \"/\" }",
            "2 ReplacementNoGoMod { dir: \"./third_party/b\" } github.com/a/b@v1.9.3",
        ],
    );
    // A dependency that needs a newer Go; a standard-library path an old Go does not know.
    check(
        "go: example.com/m@v1.0.0 requires go >= 1.99 (running go 1.27.3; GOTOOLCHAIN=local)\nbuild x: cannot load embed: malformed module path \"embed\": missing dot in first path element",
        &[
            "1 ToolchainRequired { need: \"1.99\", running: \"1.27.3\", gotoolchain: \"local\" } example.com/m@v1.0.0",
            "2 MalformedModulePath { path: \"embed\" }",
        ],
    );
    // Go 1.11–1.12's proxy status wording.
    check(
        "go: github.com/x/y@v1.0.0: unexpected status (https://goproxy.io/github.com/x/y/@v/v1.0.0.info): 404 Not Found",
        &[
            "1 HttpStatus { url: \"https://goproxy.io/github.com/x/y/@v/v1.0.0.info\", host: \"goproxy.io\", target: ModuleProxy, status: 404, response: \"\" } github.com/x/y@v1.0.0",
        ],
    );
    // Windows' own words for the module cache, in English and in Chinese.
    check(
        "go: C:\\Users\\u\\go\\pkg\\mod\\cache\\download\\x: Access is denied.\ngo: C:\\Users\\u\\go\\pkg\\mod\\cache\\lock: 拒绝访问。",
        &[
            "1 CacheProblem { path: \"C:\\\\Users\\\\u\\\\go\\\\pkg\\\\mod\\\\cache\\\\download\\\\x\", trouble: PermissionDenied }",
            "2 CacheProblem { path: \"C:\\\\Users\\\\u\\\\go\\\\pkg\\\\mod\\\\cache\\\\lock\", trouble: PermissionDenied }",
        ],
    );
    // Older releases' toolchain and module-mode wordings.
    check(
        "go: go.mod file indicates go 1.21, but maximum supported version is 1.20\nnote: module requires Go 1.22\npackage slices is not in GOROOT (/usr/local/go/src/slices)\ngo: cannot find main module, but found .git/config in /src/app",
        &[
            "1 ToolchainRequired { need: \"1.21\", running: \"1.20\", gotoolchain: \"\" }",
            "2 ToolchainRequired { need: \"1.22\", running: \"\", gotoolchain: \"\" }",
            "3 MalformedModulePath { path: \"slices\" }",
            "4 NoGoMod",
        ],
    );
    // git over SSH.
    check(
        "\tssh: connect to host github.com port 22: Connection timed out\n\tssh: Could not resolve hostname git.corp.example: Name or service not known\n\tHost key verification failed.",
        &[
            "1 GitConnect { host: \"github.com\" }",
            "2 GitDns { host: \"git.corp.example\" }",
            "3 GitAuth { host: \"\" }",
        ],
    );
    // Neighbours: the build, not the modules.
    check(
        "exec: \"gcc\": executable file not found in %PATH%\ngo: write /root/go/pkg/mod/cache/x: no space left on device\n./main.go:12:3: undefined: foo",
        &[
            "1 Neighbour(CCompilerMissing { tool: \"gcc\" })",
            // A full disk under the module cache stops the modules themselves.
            "2 CacheProblem { path: \"/root/go/pkg/mod/cache/x\", trouble: NoSpace }",
            "3 Neighbour(CompileError)",
        ],
    );
}

#[test]
fn a_request_url_names_its_module() {
    for (url, expected) in [
        (
            "https://proxy.golang.org/github.com/!burnt!sushi/toml/@v/v1.2.0.info",
            Some(("github.com/BurntSushi/toml", Some("v1.2.0"))),
        ),
        (
            "https://mirrors.aliyun.com/goproxy/github.com/a/b/@v/list",
            Some(("github.com/a/b", None)),
        ),
        (
            "http://127.0.0.1:8081/xxx.company.com/golang/xxxx/@v/list",
            Some(("xxx.company.com/golang/xxxx", None)),
        ),
        (
            "https://goproxy.cn/golang.org/x/net/@latest",
            Some(("golang.org/x/net", None)),
        ),
        (
            "https://sum.golang.org/lookup/github.com/a/b@v1.0.0",
            Some(("github.com/a/b", Some("v1.0.0"))),
        ),
        ("https://goproxy.io/sumdb/sum.golang.org/tile/8/1/237", None),
        ("https://proxy.golang.org/github.com/Bad/@v/list", None),
    ] {
        let got = crate::module_of_url(url);
        assert_eq!(got.as_ref().map(|(m, v)| (m.as_str(), v.as_deref())), expected, "{url}");
    }
}
