//! GOSUMDB, as `modfetch.dbDial` reads it, and which modules it covers.

use crate::pattern::match_prefix_patterns;

/// The checksum database the go command will use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumDb {
    /// `GOSUMDB=off`.
    Off,
    /// A database: its name, whether the key is the built-in one, and an explicit URL (which
    /// bypasses every proxy).
    Database {
        name: String,
        known_key: bool,
        url: Option<String>,
    },
}

/// Known database keys by name.
const KNOWN: &[&str] = &["sum.golang.org"];

/// Parses GOSUMDB; `Err` holds the go command's message. An empty value means `sum.golang.org`.
pub fn parse(gosumdb: &str) -> Result<SumDb, String> {
    let value = match gosumdb {
        "" => "sum.golang.org",
        "sum.golang.google.cn" => "sum.golang.org https://sum.golang.google.cn",
        other => other,
    };
    if value == "off" {
        return Ok(SumDb::Off);
    }
    let fields: Vec<&str> = value.split_whitespace().collect();
    match fields.len() {
        0 => return Err("missing GOSUMDB".to_owned()),
        1 | 2 => {}
        _ => return Err("invalid GOSUMDB: too many fields".to_owned()),
    }
    let key = fields[0];
    let known_key = KNOWN.contains(&key);
    let name = if known_key { key.to_owned() } else { verifier_name(key)? };
    Ok(SumDb::Database {
        name,
        known_key,
        url: fields.get(1).map(|u| (*u).to_owned()),
    })
}

/// The name of a verifier key `<name>+<hash>+<key>`, checked as `note.NewVerifier` does.
fn verifier_name(key: &str) -> Result<String, String> {
    let mut parts = key.splitn(3, '+');
    let (Some(name), Some(hash), Some(data)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("invalid GOSUMDB: malformed verifier id".to_owned());
    };
    let name_ok = !name.is_empty() && !name.contains(char::is_whitespace);
    let hash_ok = hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    let data_ok = !data.is_empty()
        && data.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        && data.len() % 4 == 0;
    if !name_ok || !hash_ok || !data_ok {
        return Err("invalid GOSUMDB: malformed verifier id".to_owned());
    }
    Ok(name.to_owned())
}

/// Whether the checksum database is consulted for `module` (`useSumDB`): toolchain modules
/// always are.
pub fn is_checked(gosumdb: &SumDb, gonosumdb: &str, module: &str) -> bool {
    if module == "golang.org/toolchain" {
        return true;
    }
    *gosumdb != SumDb::Off && !match_prefix_patterns(gonosumdb, module)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(name: &str, known_key: bool, url: Option<&str>) -> SumDb {
        SumDb::Database {
            name: name.into(),
            known_key,
            url: url.map(Into::into),
        }
    }

    #[test]
    fn forms() {
        assert_eq!(parse(""), Ok(db("sum.golang.org", true, None)));
        assert_eq!(parse("sum.golang.org"), Ok(db("sum.golang.org", true, None)));
        assert_eq!(
            parse("sum.golang.google.cn"),
            Ok(db("sum.golang.org", true, Some("https://sum.golang.google.cn")))
        );
        assert_eq!(parse("off"), Ok(SumDb::Off));
        assert_eq!(
            parse("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"),
            Ok(db("sum.golang.org", false, None))
        );
        assert_eq!(
            parse("sum.corp.example+1234abcd+AQIDBA== https://sum.corp.example/db"),
            Ok(db("sum.corp.example", false, Some("https://sum.corp.example/db")))
        );
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse("sum.golang.org+033de0ae"),
            Err("invalid GOSUMDB: malformed verifier id".into())
        );
        assert_eq!(
            parse("sum.corp.example"),
            Err("invalid GOSUMDB: malformed verifier id".into())
        );
        assert_eq!(parse("a b c"), Err("invalid GOSUMDB: too many fields".into()));
        assert_eq!(parse("   "), Err("missing GOSUMDB".into()));
    }

    #[test]
    fn coverage() {
        let default = parse("").unwrap();
        assert!(is_checked(&default, "", "github.com/x/y"));
        assert!(!is_checked(&default, "github.com/x", "github.com/x/y"));
        assert!(!is_checked(&SumDb::Off, "", "github.com/x/y"));
        assert!(is_checked(&SumDb::Off, "*", "golang.org/toolchain"));
    }
}
