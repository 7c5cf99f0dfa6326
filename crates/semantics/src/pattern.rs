//! `path.Match` and `module.MatchPrefixPatterns`: how GOPRIVATE, GONOPROXY, GONOSUMDB and
//! GOINSECURE select modules.

/// Whether `target` (a module path) matches any glob of the comma-separated `globs`, comparing
/// each glob with as many leading path elements of `target` as the glob has.
pub fn match_prefix_patterns(globs: &str, target: &str) -> bool {
    matching_pattern(globs, target).is_some()
}

/// The first glob of `globs` that matches `target`, as written (without a trailing `/`).
pub fn matching_pattern<'a>(globs: &'a str, target: &str) -> Option<&'a str> {
    for glob in globs.split(',') {
        let glob = glob.strip_suffix('/').unwrap_or(glob);
        if glob.is_empty() {
            continue;
        }
        let mut n = glob.matches('/').count();
        let mut prefix = target;
        for (i, b) in target.bytes().enumerate() {
            if b == b'/' {
                if n == 0 {
                    prefix = &target[..i];
                    break;
                }
                n -= 1;
            }
        }
        if n > 0 {
            continue;
        }
        if path_match(glob, prefix) == Ok(true) {
            return Some(glob);
        }
    }
    None
}

/// A malformed pattern (`path.ErrBadPattern`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadPattern;

/// Go's `path.Match`: `*` (no `/`), `?`, `[...]` classes with ranges and `^`, `\` escapes.
pub fn path_match(pattern: &str, name: &str) -> Result<bool, BadPattern> {
    let mut pattern = pattern;
    let mut name = name;
    'outer: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            return Ok(!name.contains('/'));
        }
        let (t, ok) = match_chunk(chunk, name)?;
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if star {
            for (i, c) in name.char_indices() {
                if c == '/' {
                    break;
                }
                let after = &name[i + c.len_utf8()..];
                let (t, ok) = match_chunk(chunk, after)?;
                if ok {
                    if pattern.is_empty() && !t.is_empty() {
                        continue;
                    }
                    name = t;
                    continue 'outer;
                }
            }
        }
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            match_chunk(chunk, "")?;
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

fn scan_chunk(pattern: &str) -> (bool, &str, &str) {
    let trimmed = pattern.trim_start_matches('*');
    let star = trimmed.len() != pattern.len();
    let bytes = trimmed.as_bytes();
    let mut in_range = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => i += 1,
            b'[' => in_range = true,
            b']' => in_range = false,
            b'*' if !in_range => return (star, &trimmed[..i], &trimmed[i..]),
            _ => {}
        }
        i += 1;
    }
    (star, trimmed, "")
}

fn match_chunk<'a>(chunk: &str, s: &'a str) -> Result<(&'a str, bool), BadPattern> {
    let mut chunk = chunk;
    let mut s = s;
    let mut failed = false;
    while let Some(first) = chunk.chars().next() {
        failed = failed || s.is_empty();
        match first {
            '[' => {
                let mut r = '\0';
                if !failed {
                    let c = s.chars().next().unwrap_or('\0');
                    r = c;
                    s = &s[c.len_utf8()..];
                }
                chunk = &chunk[1..];
                let negated = chunk.starts_with('^');
                if negated {
                    chunk = &chunk[1..];
                }
                let mut matched = false;
                let mut ranges = 0;
                loop {
                    if chunk.starts_with(']') && ranges > 0 {
                        chunk = &chunk[1..];
                        break;
                    }
                    let (lo, rest) = get_escaped(chunk)?;
                    chunk = rest;
                    let mut hi = lo;
                    if let Some(rest) = chunk.strip_prefix('-') {
                        let (h, rest) = get_escaped(rest)?;
                        hi = h;
                        chunk = rest;
                    }
                    matched = matched || (lo <= r && r <= hi);
                    ranges += 1;
                }
                failed = failed || matched == negated;
            }
            '?' => {
                if !failed {
                    let c = s.chars().next().unwrap_or('\0');
                    failed = c == '/';
                    s = &s[c.len_utf8()..];
                }
                chunk = &chunk[1..];
            }
            _ => {
                let mut literal = first;
                if first == '\\' {
                    chunk = &chunk[1..];
                    literal = chunk.chars().next().ok_or(BadPattern)?;
                }
                if !failed {
                    let c = s.chars().next().unwrap_or('\0');
                    failed = c != literal;
                    s = &s[c.len_utf8().min(s.len())..];
                }
                chunk = &chunk[literal.len_utf8()..];
            }
        }
    }
    Ok(if failed { ("", false) } else { (s, true) })
}

fn get_escaped(chunk: &str) -> Result<(char, &str), BadPattern> {
    let mut chunk = chunk;
    if chunk.is_empty() || chunk.starts_with('-') || chunk.starts_with(']') {
        return Err(BadPattern);
    }
    if let Some(rest) = chunk.strip_prefix('\\') {
        chunk = rest;
    }
    let c = chunk.chars().next().ok_or(BadPattern)?;
    let rest = &chunk[c.len_utf8()..];
    if rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((c, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cases from Go's path/match_test.go.
    #[test]
    fn path_match_like_go() {
        let cases: &[(&str, &str, Result<bool, BadPattern>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a", Ok(true)),
            ("a*", "abc", Ok(true)),
            ("a*", "ab/c", Ok(false)),
            ("a*/b", "abc/b", Ok(true)),
            ("a*/b", "a/c/b", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Ok(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Ok(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Ok(false)),
            ("ab[c]", "abc", Ok(true)),
            ("ab[b-d]", "abc", Ok(true)),
            ("ab[e-g]", "abc", Ok(false)),
            ("ab[^c]", "abc", Ok(false)),
            ("ab[^b-d]", "abc", Ok(false)),
            ("ab[^e-g]", "abc", Ok(true)),
            ("a\\*b", "a*b", Ok(true)),
            ("a\\*b", "ab", Ok(false)),
            ("a?b", "a☺b", Ok(true)),
            ("a[^a]b", "a☺b", Ok(true)),
            ("a???b", "a☺b", Ok(false)),
            ("a[^a][^a][^a]b", "a☺b", Ok(false)),
            ("[a-ζ]*", "α", Ok(true)),
            ("*[a-ζ]", "A", Ok(false)),
            ("a?b", "a/b", Ok(false)),
            ("a*b", "a/b", Ok(false)),
            ("[\\]a]", "]", Ok(true)),
            ("[\\-]", "-", Ok(true)),
            ("[x\\-]", "x", Ok(true)),
            ("[x\\-]", "-", Ok(true)),
            ("[x\\-]", "z", Ok(false)),
            ("[\\-x]", "x", Ok(true)),
            ("[]a]", "]", Err(BadPattern)),
            ("[-]", "-", Err(BadPattern)),
            ("[x-]", "x", Err(BadPattern)),
            ("[x-]", "-", Err(BadPattern)),
            ("[x-]", "z", Err(BadPattern)),
            ("[-x]", "x", Err(BadPattern)),
            ("[-x]", "-", Err(BadPattern)),
            ("[a-b-c]", "a", Err(BadPattern)),
            ("[", "a", Err(BadPattern)),
            ("[^", "a", Err(BadPattern)),
            ("[^bc", "a", Err(BadPattern)),
            ("a[", "a", Err(BadPattern)),
            ("a[", "ab", Err(BadPattern)),
            ("a[", "x", Err(BadPattern)),
            ("a/b[", "x", Err(BadPattern)),
            ("*x", "xxx", Ok(true)),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(path_match(pattern, name), *expected, "Match({pattern:?}, {name:?})");
        }
    }

    /// Cases from golang.org/x/mod/module's TestMatchPrefixPatterns.
    #[test]
    fn prefix_patterns_like_go() {
        let cases = [
            ("*/quote", "rsc.io/quote", true),
            ("*/quo", "rsc.io/quote", false),
            ("*/quo??", "rsc.io/quote", true),
            ("*/quo*", "rsc.io/quote", true),
            ("*quo*", "rsc.io/quote", false),
            ("rsc.io", "rsc.io/quote", true),
            ("*.io", "rsc.io/quote", true),
            ("rsc.io/", "rsc.io/quote", true),
            ("rsc", "rsc.io/quote", false),
            ("rsc*", "rsc.io/quote", true),
            ("rsc.io", "rsc.io/quote/v3", true),
            ("*/quote", "rsc.io/quote/v3", true),
            ("*/quote/", "rsc.io/quote/v3", true),
            ("*/quote/*", "rsc.io/quote/v3", true),
            ("*/quote/*/", "rsc.io/quote/v3", true),
            ("*/v3", "rsc.io/quote/v3", false),
            ("*/*/v3", "rsc.io/quote/v3", true),
            ("*/*/*", "rsc.io/quote/v3", true),
            ("*/*/*/", "rsc.io/quote/v3", true),
            ("*/*/*", "rsc.io/quote", false),
            ("*/*/*/", "rsc.io/quote", false),
            ("*/*/*,,", "rsc.io/quote", false),
            ("*/*/*,,*/quote", "rsc.io/quote", true),
            (",,*/quote", "rsc.io/quote", true),
        ];
        for (globs, target, expected) in cases {
            assert_eq!(match_prefix_patterns(globs, target), expected, "{globs:?} {target:?}");
        }
    }

    #[test]
    fn the_mistakes_users_make() {
        let module = "git.corp.example/platform/auth";
        assert!(match_prefix_patterns("git.corp.example", module));
        assert!(match_prefix_patterns("*.corp.example", module));
        assert!(!match_prefix_patterns("https://git.corp.example", module));
        assert!(!match_prefix_patterns("corp.example", module));
        assert!(!match_prefix_patterns("Git.Corp.Example", module));
        assert!(!match_prefix_patterns("git.corp.example/team/*", module));
        assert!(
            !match_prefix_patterns(" git.corp.example", module),
            "spaces are not trimmed"
        );
        assert_eq!(
            matching_pattern("a.example,git.corp.example/", module),
            Some("git.corp.example")
        );
    }
}
