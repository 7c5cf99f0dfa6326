//! Simplified Chinese for the verdict lines the probe writes (the web app's probe panel shows
//! them in the page's language). What a line quotes — a mirror, a version, a hash, a server's
//! words — is kept.

/// The Chinese of a verdict line.
pub fn verdict_line_zh(line: &str) -> Option<String> {
    gmd_semantics::templates::translate(VERDICTS, PHRASES, line)
}

/// Verdict lines, by their English wording (`report::verdict` and `report::compare`); the wider
/// sentences first.
const VERDICTS: &[(&str, &str)] = &[
    ("{}; served by {}", "{}；提供它的有 {}"),
    (
        "its go.mod hashes to {}; {} say {}",
        "它的 go.mod 哈希是 {}；{} 给出的是 {}",
    ),
    ("down: no answer within {} s", "不可用：{} 秒内没有回应"),
    ("down: {} ({})", "不可用：{}（{}）"),
    (
        "its checksum-database answer is bad, the go command would refuse it: {}",
        "它返回的校验和数据库记录有问题，go 命令会拒绝：{}",
    ),
    (
        "the go.mod of {} hashes to {}, the checksum database says {}",
        "{} 的 go.mod 哈希是 {}，而校验和数据库记录的是 {}",
    ),
    ("does not serve {}: {}", "不提供 {}：{}"),
    (
        "its version list lacks {}, which it serves{}",
        "它的版本列表中没有 {}，但它提供该版本{}",
    ),
    (
        "serves {} ({} ms); its go.mod matches the checksum database",
        "提供 {}（{} 毫秒）；它的 go.mod 与校验和数据库一致",
    ),
    (
        "serves {} ({} ms); it does not proxy the checksum database",
        "提供 {}（{} 毫秒）；它不代理校验和数据库",
    ),
    ("serves {} ({} ms)", "提供 {}（{} 毫秒）"),
    ("{}: {} ({})", "{}：{}（{}）"),
];

/// What `report::describe` says of an outcome, and the comparison's sources.
const PHRASES: &[(&str, &str)] = &[
    ("timed out", "超时"),
    ("TLS failed", "TLS 失败"),
    ("the name does not resolve", "名称无法解析"),
    ("the connection failed", "连接失败"),
    ("refused by the probe's rules", "被探测规则拒绝"),
    ("not found", "未找到"),
    ("gone", "已删除"),
    ("HTTP error", "HTTP 错误"),
    ("invalid answer", "无效的回应"),
    ("failed", "失败"),
    ("the checksum database", "校验和数据库"),
    ("most mirrors", "多数镜像"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_lines_in_chinese() {
        for (line, expected) in [
            (
                "serves golang.org/x/text@v0.14.0 (7 ms); its go.mod matches the checksum database",
                "提供 golang.org/x/text@v0.14.0（7 毫秒）；它的 go.mod 与校验和数据库一致",
            ),
            ("down: no answer within 1.5 s", "不可用：1.5 秒内没有回应"),
            (
                "down: timed out (no answer within 8000 ms)",
                "不可用：超时（no answer within 8000 ms）",
            ),
            (
                "its version list lacks v0.14.0, which it serves",
                "它的版本列表中没有 v0.14.0，但它提供该版本",
            ),
            (
                "its version list lacks v0.14.0, which it serves; served by a.example, b.example",
                "它的版本列表中没有 v0.14.0，但它提供该版本；提供它的有 a.example, b.example",
            ),
            (
                "list: HTTP error (502 Bad Gateway)",
                "list：HTTP 错误（502 Bad Gateway）",
            ),
        ] {
            assert_eq!(verdict_line_zh(line).as_deref(), Some(expected), "{line}");
        }
    }
}
