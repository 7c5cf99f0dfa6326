//! The rules: one file each, listed in [`RULES`] in root-cause order.
//!
//! A rule is a [`Rule`] declaration (id, cause, hop, title, explanation, reference) plus a check
//! function that reads the [`Facts`] of a paste and returns its findings. The order of
//! [`RULES`] is the order of root-cause likelihood: a broken setting stops the go command
//! before the network is touched; a DNS failure explains the unreachable proxy after it.

use crate::facts::Facts;
use crate::finding::{Cause, Certainty, Evidence, Finding, Fix, Hop, Severity, Text};
use gmd_vocabulary::Message;

mod cache_corrupt_or_locked;
mod catalogued;
mod checksum_mismatch;
mod dead_mirror;
mod dns_failure;
mod git_auth_required;
mod go_import_meta_failure;
mod go_mod_syntax_error;
mod goflags_malformed;
mod gopath_equals_goroot;
mod gopath_mode;
mod goprivate_malformed;
mod goproxy_malformed;
mod goproxy_without_fallback;
mod gosumdb_malformed;
mod gosumdb_off;
mod gotoolchain_malformed;
mod http_proxy_misconfigured;
mod insecure_settings;
mod invalid_version;
mod missing_go_sum_entry;
mod module_not_found;
mod module_path_mismatch;
mod module_zip_invalid;
mod not_a_module_problem;
mod private_module_sumdb_lookup;
mod private_module_via_public_proxy;
mod proxy_off;
mod proxy_server_error;
mod proxy_unreachable;
mod replace_directive_problem;
mod replace_local_path;
mod retracted_or_deprecated;
mod sumdb_unreachable;
mod tls_handshake_failure;
mod tls_untrusted_ca;
mod toolchain_download_failed;
mod toolchain_too_old;
mod unclassified;
mod unknown_revision;
mod vcs_host_unreachable;
mod vcs_tool_missing;
mod vendor_mode_inconsistent;

/// Every rule, most fundamental cause first: within a severity, findings keep this order.
pub(crate) const RULES: &[&Rule] = &[
    // Settings the go command cannot parse stop it before anything else.
    &goflags_malformed::RULE,
    &goproxy_malformed::RULE,
    &gosumdb_malformed::RULE,
    &goprivate_malformed::RULE,
    &gotoolchain_malformed::RULE,
    &gopath_mode::RULE,
    &toolchain_too_old::RULE,
    &toolchain_download_failed::RULE,
    &go_mod_syntax_error::RULE,
    &proxy_off::RULE,
    &vendor_mode_inconsistent::RULE,
    // The network, from the bottom up.
    &dns_failure::RULE,
    &http_proxy_misconfigured::RULE,
    &tls_untrusted_ca::RULE,
    &tls_handshake_failure::RULE,
    // Where a module is looked up.
    &private_module_via_public_proxy::RULE,
    &private_module_sumdb_lookup::RULE,
    &vcs_tool_missing::RULE,
    &git_auth_required::RULE,
    &go_import_meta_failure::RULE,
    &vcs_host_unreachable::RULE,
    &sumdb_unreachable::RULE,
    &proxy_unreachable::RULE,
    &proxy_server_error::RULE,
    // The module graph and content.
    &checksum_mismatch::RULE,
    &module_path_mismatch::RULE,
    &invalid_version::RULE,
    &unknown_revision::RULE,
    // A missing go.sum line for a version that cannot be had is a symptom.
    &missing_go_sum_entry::RULE,
    &module_not_found::RULE,
    &replace_directive_problem::RULE,
    &module_zip_invalid::RULE,
    &cache_corrupt_or_locked::RULE,
    &retracted_or_deprecated::RULE,
    // Nothing above explains a failed run (see `run_all`).
    &unclassified::RULE,
    // Advice.
    &not_a_module_problem::RULE,
    &gosumdb_off::RULE,
    &insecure_settings::RULE,
    &dead_mirror::RULE,
    &goproxy_without_fallback::RULE,
    &gopath_equals_goroot::RULE,
    &replace_local_path::RULE,
];

/// The declaration of one rule.
pub(crate) struct Rule {
    /// Kebab-case id, shown in every finding.
    pub id: &'static str,
    pub cause: Cause,
    /// The hop findings name unless the check says otherwise.
    pub hop: Hop,
    pub title: &'static str,
    /// Why it breaks the build and what fixes it, for the user.
    pub explanation: &'static str,
    /// The title and the explanation in Simplified Chinese.
    pub title_zh: &'static str,
    pub explanation_zh: &'static str,
    /// The go.dev reference section.
    pub reference: &'static str,
    pub check: fn(&Rule, &Facts<'_>) -> Vec<Finding>,
}

impl Rule {
    /// A finding of this rule.
    pub fn finding(
        &self,
        severity: Severity,
        message: &dyn Message,
        evidence: Vec<Evidence>,
        fixes: Vec<Fix>,
    ) -> Finding {
        Finding {
            rule: self.id,
            cause: self.cause,
            hop: self.hop,
            severity,
            certainty: Certainty::Certain,
            title: Text::new(self.title, self.title_zh),
            message: Text::of(message),
            message_id: message.id(),
            args: message.args(),
            explanation: Text::new(self.explanation, self.explanation_zh),
            evidence,
            more_evidence: 0,
            fixes,
            reference: self.reference,
        }
    }
}

/// Runs every rule in declaration order, then lets the outcome decide: a run that did not fail
/// raises no error from the attempts its `-x` trace shows failing (a lookup that failed before
/// the next path worked), and a failed run always has an error finding (`unclassified` when no
/// rule explains it).
pub(crate) fn run_all(facts: &Facts<'_>) -> Vec<Finding> {
    let mut findings: Vec<Finding> = RULES.iter().flat_map(|rule| (rule.check)(rule, facts)).collect();
    if !facts.failed && facts.recovered {
        let trace = |line: usize| facts.split.line(line).trim_start().starts_with("# ");
        let logged = |line: usize| facts.log_lines().any(|(n, _)| n == line);
        for finding in &mut findings {
            let log: Vec<usize> = finding.evidence.iter().map(|e| e.line).filter(|l| logged(*l)).collect();
            if finding.severity == Severity::Error && !log.is_empty() && log.iter().all(|l| trace(*l)) {
                finding.severity = Severity::Info;
            }
        }
    }
    let named = catalogued::after(facts, &findings);
    findings.extend(named);
    if facts.failed && !findings.iter().any(|f| f.severity == Severity::Error) {
        findings.extend(unclassified::after(&unclassified::RULE, facts));
    }
    findings
}

/// Fixes shared by several rules.
pub(crate) mod common {
    use crate::finding::{Command, Fix, Hole, Kind, Program, Step, Var, Word};

    gmd_vocabulary::texts! {
        /// The titles of the fixes several rules offer.
        pub enum Title {
            MirrorChina =>
                "Use a module mirror reachable from mainland China, with direct as the fallback",
                "使用在中国大陆可以访问的模块镜像，并以 direct 作为后备";
            MirrorPublic =>
                "Use the public module proxy, with direct as the fallback",
                "使用公共模块代理，并以 direct 作为后备";
            CleanModcache => "Clear the module cache and download again", "清空模块缓存并重新下载";
            NetrcToken { host: String } =>
                "Or store a personal access token for {host} in ~/.netrc (_netrc on Windows)",
                "或者把 {host} 的个人访问令牌存进 ~/.netrc（Windows 上是 _netrc）";
            NetrcProxy =>
                "Store the proxy credentials in ~/.netrc, which GOAUTH=netrc (the default) reads",
                "把代理凭据存进 ~/.netrc，GOAUTH=netrc（默认）会读取它";
            PipeFallback =>
                "Or fall back to the next entry on any error with `|`",
                "或者用 `|`，遇到任何错误都换下一项";
            Retry => "Retry: proxy failures are often temporary", "重试：代理故障通常是暂时的";
            Probe { request: String } =>
                "Probe {request} on the mirrors from this machine",
                "在这台电脑上向各个镜像探测 {request}";
            Check =>
                "Run the check from this machine: it runs the command again, probes the mirrors and diagnoses the whole",
                "在这台电脑上运行检查：它会再次运行命令、探测镜像，并整体诊断";
        }
    }

    /// What helps with a failure read but not explained: probing its `module@version` (when the
    /// event names one) on the mirrors, and running the check from the machine.
    pub fn probe_and_check(event: Option<&gmd_golog::Event>) -> Vec<Fix> {
        let request = event
            .and_then(|e| Some((e.module.as_deref()?, e.version.as_deref().unwrap_or("latest"))))
            .and_then(|(m, v)| Some((Word::module_at(m, v)?, format!("{m}@{v}"))));
        let mut fixes = Vec::new();
        if let Some((word, request)) = request {
            fixes.push(Fix::safe(
                &Title::Probe { request },
                Command::new(Step::run(Program::GomodDoctor, vec![Word::lit("probe"), word])),
            ));
        }
        fixes.push(Fix::safe(
            &Title::Check,
            Command::new(Step::run(
                Program::GomodDoctor,
                ["check", "--", "go", "mod", "download"]
                    .into_iter()
                    .map(Word::lit)
                    .collect(),
            )),
        ));
        fixes
    }

    /// The mirror to suggest first: goproxy.cn where the paste suggests mainland China
    /// (`goproxy.cn`, `goproxy.io`, `aliyun` already in use), else the default.
    ///
    /// Never the mirror that failed in this log, nor the GOPROXY the user already has: the next
    /// mirror of the list instead.
    pub fn mirror_fix(facts: &crate::facts::Facts<'_>, china: bool) -> Fix {
        const CHINA: &[&str] = &[
            "https://goproxy.cn",
            "https://goproxy.io",
            "https://mirrors.aliyun.com/goproxy/",
        ];
        const PUBLIC: &str = "https://proxy.golang.org";
        let order: Vec<&'static str> = if china {
            CHINA.iter().copied().chain([PUBLIC]).collect()
        } else {
            [PUBLIC].into_iter().chain(CHINA.iter().copied()).collect()
        };
        let failed: Vec<&str> = facts
            .events
            .iter()
            .filter_map(|e| match &e.kind {
                gmd_golog::EventKind::Fetch { host, .. } | gmd_golog::EventKind::HttpStatus { host, .. } => {
                    Some(host.as_str())
                }
                _ => None,
            })
            .collect();
        let current = facts.goproxy().trim();
        let pick = order
            .iter()
            .copied()
            .find(|m| !failed.contains(&gmd_golog::host_of(m).as_str()) && format!("{m},direct") != current)
            .unwrap_or(order[0]);
        let title: &dyn gmd_vocabulary::Message = if pick == PUBLIC {
            &Title::MirrorPublic
        } else {
            &Title::MirrorChina
        };
        Fix::set(
            title,
            "GOPROXY",
            Word::join(vec![Word::lit(pick), Word::lit(",direct")]),
        )
    }

    /// The ways around a module proxy that fails in the network: another mirror, and `|` so that
    /// the next entry is tried after any error — only when the proxy that failed is not the first
    /// entry: every request would wait on it first.
    pub fn around_the_proxy(facts: &crate::facts::Facts<'_>, host: &str) -> Vec<Fix> {
        let mut fixes = vec![mirror_fix(facts, looks_like_china(facts) || host == "proxy.golang.org")];
        let goproxy = facts.goproxy();
        let first = goproxy.split([',', '|']).next().unwrap_or_default().trim();
        let failing_first = gmd_golog::host_of(first) == host;
        if goproxy.contains(',') && !goproxy.contains('|') && !failing_first {
            let piped = goproxy.replacen(',', "|", 1);
            if !piped.starts_with("direct") {
                fixes.push(Fix::set(&Title::PipeFallback, "GOPROXY", goproxy_word(&piped)));
            }
        }
        fixes
    }

    /// Whether the paste points at a user in mainland China.
    pub fn looks_like_china(facts: &crate::facts::Facts<'_>) -> bool {
        let goproxy = facts.goproxy();
        [
            "goproxy.cn",
            "goproxy.io",
            "aliyun.com",
            "tencent.com",
            "sum.golang.google.cn",
        ]
        .iter()
        .any(|m| goproxy.contains(m))
            || facts.env.value_or_empty("GOSUMDB").contains("google.cn")
    }

    /// Clearing the module cache.
    pub fn clean_modcache() -> Fix {
        Fix::go(&Title::CleanModcache, &["clean", "-modcache"])
    }

    /// Storing a token for `host` (a hole when the paste gives none) in ~/.netrc (`_netrc` on
    /// Windows), which git and GOAUTH read. The user name and the token are holes.
    pub fn netrc(title: &dyn gmd_vocabulary::Message, host: Option<Word>) -> Fix {
        Fix::safe(
            title,
            Command::new(Step::AppendNetrc {
                words: vec![
                    Word::lit("machine"),
                    host.unwrap_or_else(|| Word::hole(Hole::GitHost)),
                    Word::lit("login"),
                    Word::hole(Hole::User),
                    Word::lit("password"),
                    Word::hole(Hole::Token),
                ],
            }),
        )
    }

    /// Removing a variable (`go env -u` for a Go setting).
    pub fn unset(title: &dyn gmd_vocabulary::Message, key: &'static str) -> Fix {
        Fix::safe(title, Command::unset(Var::new(key)))
    }

    /// A GOPROXY list read from the paste as a word: each entry a URL (scheme-less entries are
    /// https, as the go command reads them), `direct` or `off`, separators kept; an entry that
    /// is none of them (masked, malformed) is a hole for a proxy the user can reach.
    pub fn goproxy_word(value: &str) -> Word {
        let mut words = Vec::new();
        let mut rest = value.trim();
        loop {
            let cut = rest.find([',', '|']);
            let entry = cut.map_or(rest, |i| &rest[..i]).trim();
            words.push(match entry {
                "direct" => Word::lit("direct"),
                "off" => Word::lit("off"),
                _ if Kind::Url.accepts(entry) => {
                    Word::value(Kind::Url, entry).unwrap_or_else(|| Word::hole(Hole::MirrorUrl))
                }
                _ if !entry.contains("://") && Kind::Url.accepts(&format!("https://{entry}")) => {
                    Word::value(Kind::Lit, entry).unwrap_or_else(|| Word::hole(Hole::MirrorUrl))
                }
                _ => Word::hole(Hole::MirrorUrl),
            });
            match cut {
                Some(i) => {
                    words.push(Word::lit(if rest.as_bytes()[i] == b',' { "," } else { "|" }));
                    rest = &rest[i + 1..];
                }
                None => break,
            }
        }
        Word::join(words)
    }

    /// A comma-separated list of module path patterns (GOPRIVATE and the like) read from the
    /// paste; `None` when a pattern is not one.
    pub fn patterns_word<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Option<Word> {
        let words: Option<Vec<Word>> = patterns.into_iter().map(|p| Word::value(Kind::Pattern, p)).collect();
        words.filter(|w| !w.is_empty()).map(|w| Word::list(w, ","))
    }

    /// GOFLAGS words read from the paste, space-separated; `None` when one is not a flag or
    /// there are none.
    pub fn flags_word<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Word> {
        let words: Option<Vec<Word>> = words.into_iter().map(|w| Word::value(Kind::Flag, w)).collect();
        words.filter(|w| !w.is_empty()).map(|w| Word::list(w, " "))
    }

    /// `go list -m -versions M`: the versions the proxy (or the repository) has.
    pub fn list_versions(module: Word) -> Command {
        Command::new(Step::go(vec![
            Word::lit("list"),
            Word::lit("-m"),
            Word::lit("-versions"),
            module,
        ]))
    }

    /// A module path read from the paste, or the hole for one when it is not a valid path
    /// (masked by redaction, malformed, hostile).
    pub fn module_or_hole(path: &str) -> Word {
        Word::module(path).unwrap_or_else(|| Word::hole(Hole::Module))
    }

    /// `path@query` read from the paste, holes where either part is not valid.
    pub fn module_at_or_holes(path: &str, query: &str) -> Word {
        Word::join(vec![
            module_or_hole(path),
            Word::lit("@"),
            Word::value(Kind::Query, query).unwrap_or_else(|| Word::hole(Hole::Version)),
        ])
    }

    /// The GOPRIVATE-like list `existing` (as pasted; what is not a pattern is left out) with
    /// `add` at its end (a hole when it is not a pattern).
    pub fn with_pattern(existing: &str, add: &str) -> Word {
        let kept: Vec<&str> = existing
            .split(',')
            .map(str::trim)
            .filter(|p| Kind::Pattern.accepts(p) && *p != add)
            .collect();
        let add = Word::value(Kind::Pattern, add).unwrap_or_else(|| Word::hole(Hole::PrivateModules));
        match patterns_word(kept) {
            Some(kept) => Word::list(vec![kept, add], ","),
            None => add,
        }
    }

    /// `git config --global url."git@HOST:".insteadOf "https://HOST/"`: git fetches the host's
    /// repositories over SSH, with the user's key.
    pub fn git_over_ssh(host: Word) -> Command {
        Command::new(Step::run(
            Program::Git,
            vec![
                Word::lit("config"),
                Word::lit("--global"),
                Word::join(vec![Word::lit("url.git@"), host.clone(), Word::lit(":.insteadOf")]),
                Word::join(vec![Word::lit("https://"), host, Word::lit("/")]),
            ],
        ))
    }

    /// Installing Go `version` (`1.22`, `go1.22.0`) with `golang.org/dl`, then running it once
    /// to download it; `None` when `version` is not a release.
    pub fn install_release(title: &dyn gmd_vocabulary::Message, version: &str) -> Option<Fix> {
        let release = gmd_semantics::gover::first_release(version.trim_start_matches("go"));
        let program = Program::GoRelease(gmd_command::Release::new(&release)?);
        let dl = Word::module(&format!("golang.org/dl/go{release}"))?;
        Some(Fix::safe(
            title,
            Command::new(Step::go(vec![
                Word::lit("install"),
                Word::join(vec![dl, Word::lit("@latest")]),
            ]))
            .then(Step::run(program, vec![Word::lit("download")])),
        ))
    }

    /// A host read from the paste, or the hole for one.
    pub fn host_or_hole(host: &str) -> Word {
        Word::host(host).unwrap_or_else(|| Word::hole(Hole::Host))
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::finding::Safety;

    /// Analyses `input` and compares one line per finding:
    /// `rule cause severity lines=1,2 fixes=safe,unsafe`.
    pub fn check(input: &str, expected: &[&str]) {
        let analysis = crate::analyze(input).expect("test inputs are small");
        let actual: Vec<String> = analysis
            .findings
            .iter()
            .map(|f| {
                let lines: Vec<String> = f.evidence.iter().map(|e| e.line.to_string()).collect();
                let fixes: Vec<&str> = f
                    .fixes
                    .iter()
                    .map(|x| if x.safety == Safety::Safe { "safe" } else { "unsafe" })
                    .collect();
                format!(
                    "{} {} {} lines={} fixes={}",
                    f.rule,
                    f.cause.code(),
                    f.severity.code(),
                    lines.join(","),
                    fixes.join(",")
                )
            })
            .collect();
        assert_eq!(actual, expected, "input:\n{input}");
    }

    /// Analyses `input` and returns the rule ids of its findings, in order.
    pub fn rules(input: &str) -> Vec<&'static str> {
        crate::analyze(input)
            .expect("small")
            .findings
            .iter()
            .map(|f| f.rule)
            .collect()
    }

    /// The first finding of `rule` for `input`.
    pub fn finding(input: &str, rule: &str) -> crate::Finding {
        let analysis = crate::analyze(input).expect("small");
        analysis
            .findings
            .into_iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} finding for:\n{input}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Safety;

    #[test]
    fn every_rule_is_well_formed() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
        for rule in RULES {
            assert!(
                rule.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.id
            );
            assert!(
                rule.reference.starts_with("https://go.dev/") || rule.reference.starts_with("https://pkg.go.dev/"),
                "{}",
                rule.id
            );
            assert!(!rule.title.is_empty() && !rule.explanation.is_empty(), "{}", rule.id);
            assert!(!rule.explanation.ends_with(' '), "{}", rule.id);
            // The Chinese texts are Chinese (not a copy of the English) and keep the English
            // one's code spans, which name settings and commands the user types.
            let han = |s: &str| s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
            assert!(han(rule.title_zh) >= 2 && han(rule.explanation_zh) >= 20, "{}", rule.id);
            let spans = |s: &'static str| s.split('`').skip(1).step_by(2).collect::<Vec<_>>();
            for span in spans(rule.explanation) {
                let translated = span
                    .replace("<path>", "<路径>")
                    .replace("<prefix>", "<前缀>")
                    .replace("<repo-url>", "<仓库地址>")
                    .replace("<module>", "<模块>");
                assert!(
                    rule.explanation_zh.contains(&format!("`{span}`"))
                        || rule.explanation_zh.contains(&format!("`{translated}`")),
                    "{}: `{span}` missing from the Chinese explanation",
                    rule.id
                );
            }
        }
    }

    /// Rules say what to type only as typed commands (`gmd_command`): no string in a rule's
    /// code holds shell text (an operator, a shell's own syntax, a command line).
    #[test]
    fn no_rule_builds_shell_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let shell_text = [
            "export ",
            "$env:",
            "set \\\"",
            " && ",
            " || ",
            "; if ($?)",
            "| grep",
            "| findstr",
            "| Set-Content",
            "2>/dev/null",
            " >> ",
            "%USERPROFILE%",
            "insteadOf \\\"",
        ];
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("rules").flatten() {
            let source = std::fs::read_to_string(entry.path()).expect("a rule file");
            // The tests below a rule may quote what its commands render to.
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            if code.contains("ShellCommands") || code.contains("per_shell") {
                found.push(format!("{}: the old shell-text model", entry.path().display()));
            }
            for (n, line) in code.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for literal in string_literals(line) {
                    if let Some(text) = shell_text.iter().find(|t| literal.contains(*t)) {
                        found.push(format!("{}:{}: {text:?} in {literal:?}", entry.path().display(), n + 1));
                    }
                }
            }
        }
        assert!(found.is_empty(), "shell text in rules:\n{}", found.join("\n"));
    }

    /// The contents of the `"…"` literals of a line of Rust (escapes kept as written).
    fn string_literals(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut current: Option<String> = None;
        let mut escaped = false;
        for c in line.chars() {
            match (&mut current, c) {
                (Some(text), _) if escaped => {
                    text.push(c);
                    escaped = false;
                }
                (Some(text), '\\') => {
                    text.push(c);
                    escaped = true;
                }
                (Some(_), '"') => out.extend(current.take()),
                (Some(text), _) => text.push(c),
                (None, '"') => current = Some(String::new()),
                (None, _) => {}
            }
        }
        out
    }

    #[test]
    fn every_cause_of_the_taxonomy_has_a_rule() {
        for cause in Cause::ALL {
            assert!(RULES.iter().any(|r| r.cause == *cause), "no rule for {}", cause.code());
        }
    }

    /// Runs every rule on every fixture of the real-go corpus and checks the fix invariants.
    #[test]
    fn first_fix_is_never_unsafe_and_messages_follow_the_style() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/go");
        for entry in std::fs::read_dir(corpus).expect("corpus").flatten() {
            let Ok(output) = std::fs::read_to_string(entry.path().join("output.txt")) else {
                continue;
            };
            let env = std::fs::read_to_string(entry.path().join("go-env.txt")).unwrap_or_default();
            let analysis = crate::analyze(&format!("{env}\n{output}")).expect("small");
            for finding in &analysis.findings {
                assert!(
                    !finding.fixes.is_empty(),
                    "{}: {} has no fix",
                    entry.path().display(),
                    finding.rule
                );
                assert_eq!(
                    finding.fixes[0].safety,
                    Safety::Safe,
                    "{}: {}",
                    entry.path().display(),
                    finding.rule
                );
                assert!(
                    !finding.message.en.ends_with('.'),
                    "{}: message ends with a period",
                    finding.rule
                );
                assert!(
                    !finding.message.en.starts_with(char::is_uppercase),
                    "{}: message starts upper case: {}",
                    finding.rule,
                    finding.message.en
                );
            }
        }
    }
}
