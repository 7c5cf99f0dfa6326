//! `sumdb-unreachable`: the checksum database cannot be reached, or answers wrongly, for
//! public modules.

use super::{Facts, Rule, common};
use crate::attribution;
use crate::finding::{Cause, Command, Finding, Fix, Hop, Severity, Var, Word};
use crate::words::NetDetail;
use gmd_golog::{EventKind, NetError, Target};

pub(crate) const RULE: Rule = Rule {
    id: "sumdb-unreachable",
    cause: Cause::SumdbUnreachable,
    hop: Hop::ChecksumDb,
    title: "The checksum database cannot be reached",
    explanation: "Before using a module not yet in go.sum, the go command checks its hash with GOSUMDB (sum.golang.org), through the first GOPROXY entry that proxies it (`/sumdb/sum.golang.org/supported`) or directly. sum.golang.org is blocked in mainland China; a mirror that does not proxy it (or a chain without `direct`) leaves no way to it. Use `sum.golang.google.cn`, or a mirror that proxies the database. Switching the check off is a last resort: it removes the protection against tampered modules.",
    title_zh: "无法连接校验和数据库",
    explanation_zh: "使用 go.sum 中还没有的模块之前，go 命令会用 GOSUMDB（sum.golang.org）校验它的哈希，途径是 GOPROXY 中第一个代理该数据库的项（`/sumdb/sum.golang.org/supported`），或者直接连接。sum.golang.org 在中国大陆被屏蔽；不代理它的镜像（或不含 `direct` 的列表）会让它无路可达。使用 `sum.golang.google.cn`，或代理该数据库的镜像。关闭校验是最后手段：它会去掉对被篡改模块的防护。",
    reference: "https://go.dev/ref/mod#checksum-database",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        BadSignature =>
            "the checksum database's signed tree does not verify with the configured key",
            "校验和数据库的签名树无法用配置的密钥验证";
        Unreachable { host: String, detail: NetDetail } =>
            "the checksum database at `{host}` cannot be reached ({detail})",
            "无法连接位于 `{host}` 的校验和数据库（{detail}）";
        Failed { host: String, status: u16 } =>
            "the checksum database at `{host}` answered {status}",
            "位于 `{host}` 的校验和数据库返回了 {status}";
        Disagrees { name: String, id: String } =>
            "the checksum database `{name}` records another hash for `{id}` than the one downloaded: a database other than the Go team's sum.golang.org that differs is most likely the one wrong",
            "校验和数据库 `{name}` 为 `{id}` 记录的哈希与下载到的不同：不是 Go 团队的 sum.golang.org 的数据库出现分歧，多半是它自己错了";
    }
    enum Do {
        Default =>
            "Use sum.golang.org by its own name: the go command then asks your GOPROXY first, which mirrors such as goproxy.cn proxy it through",
            "直接使用 sum.golang.org 这个名字：go 命令会先通过你的 GOPROXY 访问它，goproxy.cn 等镜像会代理它";
        Alias =>
            "Use the checksum database's mirror that is reachable from mainland China",
            "使用在中国大陆可以访问的校验和数据库镜像";
        Skip =>
            "Last resort: skip the checksum database (modules are then trusted unverified)",
            "最后手段：跳过校验和数据库（模块将不经验证就被信任）";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let network = |e: &NetError| {
        !e.is_dns()
            && !matches!(
                e,
                NetError::TlsUnknownAuthority
                    | NetError::TlsExpired
                    | NetError::TlsWrongName
                    | NetError::TlsOther
                    | NetError::ProxyConnect(_)
                    | NetError::ProxyAuthRequired
            )
    };
    let events = facts.events_where(|k| match k {
        EventKind::Fetch {
            target: Target::ChecksumDb,
            error,
            ..
        } => network(error),
        EventKind::SumdbBadSignature => true,
        _ => false,
    });
    let mut events: Vec<_> = events
        .into_iter()
        .filter(|e| !attribution::proxied_sumdb_broke(e))
        .collect();
    events.extend(
        facts
            .events
            .iter()
            .filter(|e| attribution::owner(facts, e) == Some(Cause::SumdbUnreachable)),
    );
    gmd_order::sort_by_key(&mut events, |e| e.line);
    let Some(first) = events.first() else { return Vec::new() };
    let message = match &first.kind {
        EventKind::Fetch { host, error, .. } => Msg::Unreachable {
            host: host.clone(),
            detail: NetDetail::of(error),
        },
        EventKind::HttpStatus { host, status, .. } => Msg::Failed {
            host: host.clone(),
            status: *status,
        },
        EventKind::ChecksumMismatch { against, .. } => Msg::Disagrees {
            name: against.clone(),
            id: match (&first.module, &first.version) {
                (Some(m), Some(v)) => format!("{m}@{v}"),
                _ => "a module".to_owned(),
            },
        },
        _ => Msg::BadSignature,
    };
    let mut evidence = Vec::new();
    if let Some(var) = facts.var("GOSUMDB") {
        evidence.push(facts.evidence(var.line));
    }
    evidence.extend(facts.events_evidence(events.iter().copied()));
    // A database named with its own URL (the sum.golang.google.cn alias is one) is reached
    // directly, never through GOPROXY: another mirror changes nothing, and the alias is the
    // setting that failed.
    let direct = matches!(
        gmd_semantics::sumdb::parse(facts.env.value_or_empty("GOSUMDB")),
        Ok(gmd_semantics::sumdb::SumDb::Database { url: Some(_), .. })
    );
    let mut fixes = Vec::new();
    if direct {
        fixes.push(Fix::set(&Do::Default, "GOSUMDB", Word::lit("sum.golang.org")));
    } else {
        fixes.push(Fix::set(&Do::Alias, "GOSUMDB", Word::lit("sum.golang.google.cn")));
        fixes.push(common::mirror_fix(facts, true));
    }
    fixes.push(Fix::risky(
        &Do::Skip,
        Command::set(Var::new("GONOSUMDB"), Word::lit("*")),
    ));
    vec![rule.finding(Severity::Error, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{check, finding};

    #[test]
    fn the_alias_that_failed_is_not_offered_again() {
        let log = "GOPROXY='https://goproxy.cn,direct'\nGOSUMDB='sum.golang.google.cn'\ngo: github.com/s/l@v1.9.3: verifying go.mod: github.com/s/l@v1.9.3/go.mod: Get \"https://sum.golang.google.cn/lookup/github.com/s/l@v1.9.3\": dial tcp 1.2.3.4:443: connect: connection refused\n";
        let f = crate::rules::test_support::finding(log, "sumdb-unreachable");
        let commands: Vec<String> = f.fixes.iter().map(|x| x.posix()).collect();
        assert_eq!(commands, ["export GOSUMDB=sum.golang.org", "export GONOSUMDB='*'"]);
    }

    #[test]
    fn fires_when_the_database_is_out_of_reach() {
        let log = "go: x.example/m@v1.9.3: verifying go.mod: x.example/m@v1.9.3/go.mod: Get \"https://sum.golang.org/lookup/x.example/m@v1.9.3\": net/http: TLS handshake timeout\n";
        check(
            log,
            &["sumdb-unreachable sumdb_unreachable error lines=1 fixes=safe,safe,unsafe"],
        );
        assert_eq!(
            finding(log, "sumdb-unreachable").message.en,
            "the checksum database at `sum.golang.org` cannot be reached (the TLS handshake timed out, as when the host is blocked)"
        );
        check(
            "go: x@v1: verifying go.mod: reading tree note: note has no verifiable signatures\n",
            &["sumdb-unreachable sumdb_unreachable error lines=1 fixes=safe,safe,unsafe"],
        );
    }

    #[test]
    fn stays_silent_on_private_lookups() {
        let log = "go: git.corp.example/a@v1: verifying go.mod: reading https://sum.golang.org/lookup/git.corp.example/a@v1: 404 Not Found\n";
        assert!(!crate::rules::test_support::rules(log).contains(&"sumdb-unreachable"));
    }
}
