//! Sentence templates: translating text the analysis and the probe write in English by matching
//! it against `("… {} …", "…{}…")` pairs. What stands at a `{}` is kept (a host, a version, a
//! path), unless it is itself a known phrase or a sentence of the same table, which is
//! translated too. Shared by the Chinese texts of gmd-analysis and gmd-probe.

/// The translation of `text` by `table`, with `phrases` for what stands at a `{}`. Exact entries
/// are tried first, so a template never shadows one; then templates in table order (list the
/// longer ones before the shorter ones they extend). A `{}` stands for at least one character,
/// except at the very end of an entry.
pub fn translate(table: &[(&str, &str)], phrases: &[(&str, &str)], text: &str) -> Option<String> {
    let (templates, exact): (Vec<_>, Vec<_>) = table.iter().partition(|(en, _)| en.contains("{}"));
    exact
        .iter()
        .chain(&templates)
        .find_map(|(en, zh)| fill(table, phrases, en, zh, text))
}

fn fill(table: &[(&str, &str)], phrases: &[(&str, &str)], en: &str, zh: &str, text: &str) -> Option<String> {
    let parts: Vec<&str> = en.split("{}").collect();
    let mut rest = text.strip_prefix(parts[0])?;
    let mut zh_parts = zh.split("{}");
    let mut out = String::from(zh_parts.next()?);
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let at = if last {
            rest.strip_suffix(part).map(str::len)?
        } else {
            rest.find(part)?
        };
        let value = &rest[..at];
        if value.is_empty() && !(last && part.is_empty()) {
            return None;
        }
        match phrases.iter().find(|(phrase, _)| *phrase == value) {
            Some((_, translated)) => out.push_str(translated),
            // A value shorter than the text: the recursion ends.
            None => match (value.len() < text.len())
                .then(|| translate(table, phrases, value))
                .flatten()
            {
                Some(translated) => out.push_str(&translated),
                None => out.push_str(value),
            },
        }
        out.push_str(zh_parts.next()?);
        rest = &rest[at + part.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &[(&str, &str)] = &[
        // The wider sentence first: the one below would take its tail as a value.
        ("{}; served by {}", "{}；提供它的有 {}"),
        ("Remove {} from GOFLAGS", "从 GOFLAGS 中删除 {}"),
        ("Remove GOFLAGS", "删除 GOFLAGS"),
        ("Import `{}` instead of `{}`", "导入 `{}` 而不是 `{}`"),
        ("down: {} ({})", "不可用：{}（{}）"),
        ("its list lacks {}, which it serves{}", "列表中没有 {}，但它提供{}"),
    ];
    const PHRASES: &[(&str, &str)] = &[("timed out", "超时")];

    fn check(text: &str, expected: Option<&str>) {
        assert_eq!(translate(TABLE, PHRASES, text).as_deref(), expected, "{text}");
    }

    #[test]
    fn exact_then_templates_with_kept_phrased_and_nested_values() {
        check("Remove GOFLAGS", Some("删除 GOFLAGS"));
        check("Remove -insecure from GOFLAGS", Some("从 GOFLAGS 中删除 -insecure"));
        check("Import `a/b` instead of `a/c`", Some("导入 `a/b` 而不是 `a/c`"));
        check("down: timed out (8 s)", Some("不可用：超时（8 s）"));
        check(
            "its list lacks v1.0.0, which it serves",
            Some("列表中没有 v1.0.0，但它提供"),
        );
        check(
            "its list lacks v1.0.0, which it serves; served by a, b",
            Some("列表中没有 v1.0.0，但它提供；提供它的有 a, b"),
        );
        check("Import `` instead of `a`", None);
        check("Remove GOFLAGS now", None);
        check("something else", None);
    }
}
