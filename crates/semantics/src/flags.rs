//! GOFLAGS, checked as `base.InitGOFLAGS` does.

/// Flag names some go subcommand defines (`hasFlag(Go, name)` looks through all of them).
const KNOWN_FLAGS: &[&str] = &[
    "C",
    "a",
    "asan",
    "asmflags",
    "bench",
    "benchmem",
    "benchtime",
    "blockprofile",
    "blockprofilerate",
    "buildmode",
    "buildvcs",
    "compiler",
    "count",
    "cover",
    "covermode",
    "coverpkg",
    "coverprofile",
    "cpu",
    "cpuprofile",
    "d",
    "debug-actiongraph",
    "debug-deprioritize",
    "debug-runtime-trace",
    "debug-trace",
    "e",
    "exec",
    "f",
    "failfast",
    "find",
    "fix",
    "fullpath",
    "fuzz",
    "fuzzminimizetime",
    "fuzztime",
    "gccgoflags",
    "gcflags",
    "i",
    "insecure",
    "installsuffix",
    "json",
    "l",
    "ldflags",
    "linkshared",
    "list",
    "m",
    "memprofile",
    "memprofilerate",
    "mod",
    "modcacherw",
    "modfile",
    "msan",
    "mutexprofile",
    "mutexprofilefraction",
    "n",
    "o",
    "outputdir",
    "overlay",
    "p",
    "parallel",
    "pgo",
    "pkgdir",
    "r",
    "race",
    "retracted",
    "reuse",
    "run",
    "s",
    "short",
    "shuffle",
    "skip",
    "t",
    "tags",
    "test",
    "timeout",
    "toolexec",
    "trace",
    "trimpath",
    "u",
    "v",
    "vet",
    "w",
    "work",
    "x",
];

/// A GOFLAGS problem, with the go command's message (after `go: parsing $GOFLAGS: `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagsError {
    Unterminated(char),
    NonFlag(String),
    UnknownFlag(String),
}

impl FlagsError {
    pub fn message(&self) -> String {
        match self {
            FlagsError::Unterminated(quote) => {
                format!("go: parsing $GOFLAGS: unterminated {quote} string")
            }
            FlagsError::NonFlag(word) => format!("go: parsing $GOFLAGS: non-flag \"{word}\""),
            FlagsError::UnknownFlag(name) => format!("go: parsing $GOFLAGS: unknown flag -{name}"),
        }
    }
}

/// Splits GOFLAGS into words (`quoted.Split`: spaces separate, `'` and `"` quote).
pub fn split(goflags: &str) -> Result<Vec<String>, FlagsError> {
    let mut words = Vec::new();
    let mut rest = goflags.trim_start();
    while !rest.is_empty() {
        let first = rest.chars().next().unwrap_or(' ');
        if first == '\'' || first == '"' {
            let inner = &rest[1..];
            let end = inner.find(first).ok_or(FlagsError::Unterminated(first))?;
            words.push(inner[..end].to_owned());
            rest = inner[end + 1..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            words.push(rest[..end].to_owned());
            rest = rest[end..].trim_start();
        }
    }
    Ok(words)
}

/// The words of GOFLAGS, or the first error the go command would stop on.
pub fn parse(goflags: &str) -> Result<Vec<String>, FlagsError> {
    let words = split(goflags)?;
    for word in &words {
        let bad = !word.starts_with('-')
            || word == "-"
            || word == "--"
            || word.starts_with("---")
            || word.starts_with("-=")
            || word.starts_with("--=");
        if bad {
            return Err(FlagsError::NonFlag(word.clone()));
        }
        let name = word.trim_start_matches('-');
        let name = name.split('=').next().unwrap_or(name);
        if !KNOWN_FLAGS.contains(&name) {
            return Err(FlagsError::UnknownFlag(name.to_owned()));
        }
    }
    Ok(words)
}

/// The value GOFLAGS gives `-name` (the last one wins), if any; `Some("")` for a bare bool flag.
pub fn value<'a>(words: &'a [String], name: &str) -> Option<&'a str> {
    words.iter().rev().find_map(|word| {
        let flag = word.strip_prefix("--").or_else(|| word.strip_prefix('-'))?;
        match flag.split_once('=') {
            Some((n, v)) if n == name => Some(v),
            None if flag == name => Some(""),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_flags() {
        assert_eq!(
            parse("-mod=mod -modcacherw"),
            Ok(vec!["-mod=mod".into(), "-modcacherw".into()])
        );
        assert_eq!(
            parse("  -tags=a,b  --trimpath"),
            Ok(vec!["-tags=a,b".into(), "--trimpath".into()])
        );
        // Quotes only count at the start of a word, so this is two words.
        assert_eq!(parse("-tags='a b'"), Err(FlagsError::NonFlag("b'".into())));
        assert_eq!(
            split("-ldflags='-s -w' -x"),
            Ok(vec!["-ldflags='-s".into(), "-w'".into(), "-x".into()])
        );
        assert_eq!(
            split("'-ldflags=-s -w' -x"),
            Ok(vec!["-ldflags=-s -w".into(), "-x".into()])
        );
        assert_eq!(parse(""), Ok(vec![]));
    }

    #[test]
    fn rejects_what_cmd_go_rejects() {
        assert_eq!(
            parse("mod=mod").unwrap_err().message(),
            "go: parsing $GOFLAGS: non-flag \"mod=mod\""
        );
        assert_eq!(
            parse("-modd=mod").unwrap_err().message(),
            "go: parsing $GOFLAGS: unknown flag -modd"
        );
        assert_eq!(parse("-mod=mod --").unwrap_err(), FlagsError::NonFlag("--".into()));
        assert_eq!(
            parse("'-mod=mod").unwrap_err().message(),
            "go: parsing $GOFLAGS: unterminated ' string"
        );
    }

    #[test]
    fn reads_values() {
        let words = parse("-mod=vendor -x -mod=mod").unwrap();
        assert_eq!(value(&words, "mod"), Some("mod"));
        assert_eq!(value(&words, "x"), Some(""));
        assert_eq!(value(&words, "tags"), None);
    }
}
