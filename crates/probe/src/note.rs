//! Checksum-database answers: the `/lookup` record and its signed tree note
//! (golang.org/x/mod/sumdb/note), verified against a verifier key such as sum.golang.org's.
//!
//! What is checked is the signature on the tree head the mirror returned with the record. The
//! record's inclusion in that tree (the tile proof) is not: a probe answers "does this mirror serve
//! what the database says", not "is the database honest".

use crate::hash::sha256;
use ed25519_dalek::{Signature, Verifier as _, VerifyingKey};
use gmd_semantics::encoding::base64_std_decode;

/// sum.golang.org's verifier key, as compiled into the go command.
pub const SUM_GOLANG_ORG_KEY: &str = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

/// The ed25519 algorithm byte of note keys.
const ALG_ED25519: u8 = 1;

/// A parsed verifier key `<name>+<hash>+<base64(alg || public key)>`.
#[derive(Debug, Clone)]
pub struct NoteVerifier {
    pub name: String,
    hash: u32,
    key: VerifyingKey,
}

impl NoteVerifier {
    pub fn parse(text: &str) -> Result<NoteVerifier, String> {
        let bad = |why: &str| format!("malformed verifier key {text:?}: {why}");
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(hash), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad("want name+hash+key"));
        };
        let hash = u32::from_str_radix(hash, 16)
            .ok()
            .filter(|_| hash.len() == 8)
            .ok_or_else(|| bad("the hash is not 8 hex digits"))?;
        let raw = base64_std_decode(key).ok_or_else(|| bad("the key is not base64"))?;
        let [alg, public @ ..] = raw.as_slice() else {
            return Err(bad("empty key"));
        };
        if *alg != ALG_ED25519 {
            return Err(bad("not an ed25519 key"));
        }
        let public: &[u8; 32] = public.try_into().map_err(|_| bad("wrong key length"))?;
        if key_hash(name, &raw) != hash {
            return Err(bad("the hash does not match the key"));
        }
        let key = VerifyingKey::from_bytes(public).map_err(|_| bad("not a valid ed25519 point"))?;
        Ok(NoteVerifier {
            name: name.to_owned(),
            hash,
            key,
        })
    }
}

/// The key hash of x/mod/sumdb/note: the first four bytes of SHA-256(name "\n" alg||key).
pub fn key_hash(name: &str, key: &[u8]) -> u32 {
    let digest = sha256(&[name.as_bytes(), b"\n", key].concat());
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// What the signature check of a note found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteCheck {
    /// Signed by the verifier's key.
    Verified,
    /// A signature line for the verifier's name and key hash that does not verify.
    BadSignature,
    /// No signature by the verifier's key (signed by another key, or not at all).
    UnknownKey,
    Malformed,
}

impl NoteCheck {
    pub fn code(self) -> &'static str {
        match self {
            NoteCheck::Verified => "verified",
            NoteCheck::BadSignature => "bad_signature",
            NoteCheck::UnknownKey => "unknown_key",
            NoteCheck::Malformed => "malformed",
        }
    }
}

/// Checks a signed note: text, a blank line, then `— <name> <base64(hash || signature)>` lines.
pub fn verify_note(note: &str, verifier: &NoteVerifier) -> NoteCheck {
    let Some(split) = note.rfind("\n\n") else {
        return NoteCheck::Malformed;
    };
    let (text, signatures) = (&note[..=split], &note[split + 2..]);
    let mut found = false;
    for line in signatures.lines().filter(|l| !l.is_empty()) {
        let Some(rest) = line.strip_prefix("\u{2014} ") else {
            return NoteCheck::Malformed;
        };
        let Some((name, encoded)) = rest.split_once(' ') else {
            return NoteCheck::Malformed;
        };
        let Some(raw) = base64_std_decode(encoded) else {
            return NoteCheck::Malformed;
        };
        if raw.len() != 4 + 64 {
            return NoteCheck::Malformed;
        }
        let hash = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
        if name != verifier.name || hash != verifier.hash {
            continue;
        }
        found = true;
        let Ok(signature) = Signature::from_slice(&raw[4..]) else {
            return NoteCheck::Malformed;
        };
        if verifier.key.verify(text.as_bytes(), &signature).is_ok() {
            return NoteCheck::Verified;
        }
    }
    if found {
        NoteCheck::BadSignature
    } else {
        NoteCheck::UnknownKey
    }
}

/// A `/lookup/<module>@<version>` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The record number in the log.
    pub record: u64,
    /// `h1:` of the module zip.
    pub zip_hash: String,
    /// `h1:` of its go.mod.
    pub mod_hash: String,
    /// Tree size of the signed head returned with it.
    pub tree_size: u64,
    pub note: NoteCheck,
}

/// Parses a lookup answer for `module@version` (escaped forms are not expected: the record names
/// the module as go.sum does) and checks its note against `verifier`.
pub fn parse_lookup(body: &str, module: &str, version: &str, verifier: &NoteVerifier) -> Result<Lookup, String> {
    let malformed = |why: &str| format!("not a checksum-database lookup answer: {why}");
    let (record, rest) = body.split_once('\n').ok_or_else(|| malformed("no record number"))?;
    let record: u64 = record.trim().parse().map_err(|_| malformed("no record number"))?;
    let (data, note) = rest
        .split_once("\n\n")
        .ok_or_else(|| malformed("no signed tree head"))?;
    let (mut zip_hash, mut mod_hash) = (None, None);
    for line in data.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        match fields.as_slice() {
            [m, v, h] if *m == module && *v == version => zip_hash = Some(h.to_string()),
            [m, v, h] if *m == module && v.strip_suffix("/go.mod") == Some(version) => mod_hash = Some(h.to_string()),
            _ => return Err(malformed(&format!("unexpected line {line:?}"))),
        }
    }
    let (Some(zip_hash), Some(mod_hash)) = (zip_hash, mod_hash) else {
        return Err(malformed(&format!("no go.sum lines for {module} {version}")));
    };
    let tree_size = note
        .lines()
        .nth(1)
        .and_then(|l| l.parse().ok())
        .filter(|_| note.starts_with("go.sum database tree\n"))
        .ok_or_else(|| malformed("the tree head is not a go.sum database tree"))?;
    Ok(Lookup {
        record,
        zip_hash,
        mod_hash,
        tree_size,
        note: verify_note(note, verifier),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};
    use gmd_semantics::encoding::base64_std;

    /// A database key and its verifier text, as the testkit's checksum database makes them.
    fn key(name: &str, seed: u8) -> (SigningKey, String) {
        let signing = SigningKey::from_bytes(&[seed; 32]);
        let public = [&[ALG_ED25519][..], signing.verifying_key().as_bytes()].concat();
        let text = format!("{name}+{:08x}+{}", key_hash(name, &public), base64_std(&public));
        (signing, text)
    }

    fn signed(text: &str, name: &str, signing: &SigningKey, hash_of: &SigningKey) -> String {
        let public = [&[ALG_ED25519][..], hash_of.verifying_key().as_bytes()].concat();
        let mut sig = key_hash(name, &public).to_be_bytes().to_vec();
        sig.extend_from_slice(&signing.sign(text.as_bytes()).to_bytes());
        format!("{text}\n\u{2014} {name} {}\n", base64_std(&sig))
    }

    #[test]
    fn the_real_sum_golang_org_key_parses() {
        let verifier = NoteVerifier::parse(SUM_GOLANG_ORG_KEY).unwrap();
        assert_eq!(verifier.name, "sum.golang.org");
        assert_eq!(verifier.hash, 0x033de0ae);
        for bad in [
            "sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8",
            "sum.golang.org+033de0ae",
            "sum.golang.org+xyz+Ac4z",
            "",
        ] {
            assert!(NoteVerifier::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lookup_answers_are_parsed_and_their_notes_checked() {
        let (signing, text) = key("sum.golang.org", 7);
        let verifier = NoteVerifier::parse(&text).unwrap();
        let tree = "go.sum database tree\n3\nqKxdAdXcsu+z4pGjtP0ut7a4/3jUXzUX8Tg2OTp6dKw=\n";
        let record = "example.com/a v1.0.0 h1:zip=\nexample.com/a v1.0.0/go.mod h1:mod=\n";
        let (other, _) = key("sum.golang.org", 9);
        let mut cases = vec![
            (
                signed(tree, "sum.golang.org", &signing, &signing),
                Ok(NoteCheck::Verified),
            ),
            (
                signed(tree, "sum.golang.org", &other, &signing),
                Ok(NoteCheck::BadSignature),
            ),
            (
                signed(tree, "sum.golang.org", &other, &other),
                Ok(NoteCheck::UnknownKey),
            ),
            (
                signed(tree, "evil.example", &signing, &signing),
                Ok(NoteCheck::UnknownKey),
            ),
            (
                format!("{tree}\n\u{2014} sum.golang.org !!!\n"),
                Ok(NoteCheck::Malformed),
            ),
        ];
        // The text is part of what is signed: changing the size breaks the signature.
        let forged = signed(tree, "sum.golang.org", &signing, &signing).replace("\n3\n", "\n4\n");
        cases.push((forged, Ok(NoteCheck::BadSignature)));
        for (note, expected) in cases {
            let body = format!("2\n{record}\n{note}");
            let actual = parse_lookup(&body, "example.com/a", "v1.0.0", &verifier).map(|l| l.note);
            assert_eq!(actual, expected, "{note}");
        }
        let good = format!("2\n{record}\n{}", signed(tree, "sum.golang.org", &signing, &signing));
        let lookup = parse_lookup(&good, "example.com/a", "v1.0.0", &verifier).unwrap();
        assert_eq!((lookup.record, lookup.tree_size), (2, 3));
        assert_eq!(
            (lookup.zip_hash.as_str(), lookup.mod_hash.as_str()),
            ("h1:zip=", "h1:mod=")
        );
        for bad in [
            "<html>login</html>".to_owned(),
            good.replace("example.com/a v1.0.0 h1", "example.com/b v1.0.0 h1"),
            good.replace("go.sum database tree", "other tree"),
            "2\n".to_owned(),
        ] {
            assert!(
                parse_lookup(&bad, "example.com/a", "v1.0.0", &verifier).is_err(),
                "{bad}"
            );
        }
    }
}
