//! `checksum-mismatch`: downloaded content differs from go.sum or from the checksum database.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Kind, Os, Severity, Step, Word};
use gmd_golog::{Event, EventKind};

pub(crate) const RULE: Rule = Rule {
    id: "checksum-mismatch",
    cause: Cause::ChecksumMismatch,
    hop: Hop::ChecksumDb,
    title: "Downloaded content does not match its recorded checksum",
    explanation: "go.sum and the checksum database record the hash of every module version. A mismatch means the bytes changed: the author moved a tag (re-tagged a different commit), a mirror or proxy altered the content, the cache holds a corrupted download, or someone edited go.sum. Never paper over it by deleting go.sum or switching the checksum database off; find out which side changed.",
    title_zh: "下载的内容与记录的校验和不符",
    explanation_zh: "go.sum 和校验和数据库记录了每个模块版本的哈希。不一致说明内容变了：作者移动了标签（把同一个标签打到了另一个提交上）、镜像或代理篡改了内容、缓存里是损坏的下载，或者有人改动了 go.sum。不要靠删除 go.sum 或关闭校验和数据库来掩盖它；先查清是哪一方变了。",
    reference: "https://go.dev/ref/mod#authenticating",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        Content { id: String, against: Against } =>
            "the `{id}` that was downloaded differs from the hash in {against}",
            "下载的 `{id}` 与 {against} 中记录的哈希不符";
        GoMod { id: String, against: Against } =>
            "the go.mod of `{id}` that was downloaded differs from the hash in {against}",
            "下载的 `{id}` 的 go.mod 与 {against} 中记录的哈希不符";
    }
    enum Against {
        GoSum => "go.sum", "go.sum";
        Database => "the checksum database", "校验和数据库";
        Named { name: String } => "{name}", "{name}";
    }
    enum Do {
        Retagged =>
            "If the author re-tagged the version on purpose, drop the stale go.sum lines and record the new hash (check the change first)",
            "如果作者是有意重新打的标签，删除 go.sum 中过时的行并记录新的哈希（先检查改动）";
        Verify => "Verify the rest of the module cache", "校验模块缓存中的其余内容";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events: Vec<&Event> = facts
        .events
        .iter()
        .filter(|e| crate::attribution::owner(facts, e) == Some(Cause::ChecksumMismatch))
        .collect();
    let Some(first) = events.first() else { return Vec::new() };
    let EventKind::ChecksumMismatch { go_mod, against } = &first.kind else {
        return Vec::new();
    };
    let id = match (&first.module, &first.version) {
        (Some(m), Some(v)) => format!("{m}@{v}"),
        _ => "a module".to_owned(),
    };
    let against_text = match against.as_str() {
        "go.sum" => Against::GoSum,
        "checksum database" => Against::Database,
        name => Against::Named { name: name.to_owned() },
    };
    let message = if *go_mod {
        Msg::GoMod {
            id: id.clone(),
            against: against_text,
        }
    } else {
        Msg::Content {
            id: id.clone(),
            against: against_text,
        }
    };
    // Bytes this run downloaded (`go: downloading M v`) did not come from the cache, and bytes
    // the checksum database disagrees with came from the proxy: cleaning the cache changes
    // nothing (the sandbox proved it on both).
    let fresh = facts
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Downloading) && e.module == first.module && e.version == first.version);
    let mut fixes = if fresh || against != "go.sum" {
        Vec::new()
    } else {
        vec![common::clean_modcache()]
    };
    if against == "go.sum" {
        // Drop go.sum's lines for that version; the download that follows is checked against
        // the checksum database again, so nothing is trusted blindly.
        if let (Some(module), Some(version)) = (
            first.module.as_deref().and_then(Word::module),
            first.version.as_deref().and_then(|v| Word::value(Kind::Query, v)),
        ) {
            let download = Step::go(vec![Word::lit("mod"), Word::lit("download"), module.clone()]);
            fixes.insert(
                0,
                Fix::safe(
                    &Do::Retagged,
                    Command::os(Os::RemoveSumLines { module, version }).then(download),
                ),
            );
        }
    } else {
        // Another mirror than the one that served these bytes (never the current setting): the
        // likelier cause than a damaged cache, so first.
        fixes.insert(0, common::mirror_fix(facts, common::looks_like_china(facts)));
    }
    fixes.push(Fix::go(&Do::Verify, &["mod", "verify"]));
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn fires_on_mismatches() {
        let log = "verifying github.com/s/l@v1.9.3: checksum mismatch\n\tdownloaded: h1:yN3q=\n\tgo.sum:     h1:AAAA=\n\nSECURITY ERROR\n";
        check(
            log,
            &["checksum-mismatch checksum_mismatch error lines=1,2,3,5 fixes=safe,safe,safe"],
        );
        assert_eq!(
            finding(log, "checksum-mismatch").message.en,
            "the `github.com/s/l@v1.9.3` that was downloaded differs from the hash in go.sum"
        );
        let db = "go: github.com/s/l@v1.9.3: verifying module: checksum mismatch\n\tdownloaded: h1:yN3q=\n\tsum.golang.org: h1:zE=\n";
        assert_eq!(
            finding(db, "checksum-mismatch").message.en,
            "the `github.com/s/l@v1.9.3` that was downloaded differs from the hash in sum.golang.org"
        );
    }

    #[test]
    fn bytes_just_downloaded_are_not_the_caches_fault() {
        let cached =
            "verifying github.com/s/l@v1.9.3: checksum mismatch\n\tdownloaded: h1:yN3q=\n\tgo.sum:     h1:AAAA=\n";
        let fresh = format!("go: downloading github.com/s/l v1.9.3\n{cached}");
        let commands = |log: &str| -> Vec<String> {
            finding(log, "checksum-mismatch")
                .fixes
                .iter()
                .map(|f| f.posix().clone())
                .collect()
        };
        assert!(commands(cached).iter().any(|c| c.starts_with("go clean -modcache")));
        assert!(!commands(&fresh).iter().any(|c| c.starts_with("go clean -modcache")));
        // The mismatch against the database fetches from another mirror than the current one.
        let db = "GOPROXY='https://goproxy.cn,direct'\ngo: github.com/s/l@v1.9.3: verifying module: checksum mismatch\n\tdownloaded: h1:yN3q=\n\tsum.golang.org: h1:zE=\n";
        assert_eq!(commands(db)[0], "export GOPROXY=https://goproxy.io,direct");
    }

    #[test]
    fn stays_silent_without_a_mismatch() {
        check("go: finding github.com/s/l v1.9.3\nall modules verified\n", &[]);
    }
}
