//! A real checksum database (golang.org/x/mod/sumdb protocol): a transparent log of go.sum
//! records, signed tree heads (ed25519 notes), `/lookup`, `/latest` and `/tile/` — in an honest
//! variant and tampered ones.

use crate::hash::{base64, sha256};
use crate::http::Reply;
use crate::module::{ModuleVersion, escape, unescape};
use ed25519_dalek::{Signer, SigningKey};
use gmd_probe::note::key_hash;

/// The tile height the go command uses.
const TILE_HEIGHT: u32 = 8;

/// How the database lies, if it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tamper {
    Honest,
    /// Tree heads are signed with a key other than the one published.
    WrongSignature,
}

/// A checksum database.
#[derive(Debug)]
pub struct SumDb {
    name: String,
    key: SigningKey,
    /// Record texts, in log order.
    records: Vec<String>,
    /// `path@version` of each record.
    ids: Vec<String>,
    /// Module path prefixes the database answers `status` for, as sum.golang.org does for
    /// modules it cannot fetch (private ones).
    unknown: Vec<(String, u16)>,
    tamper: Tamper,
    /// The signed tree head, made once per state of the log (signing is the costly part of a
    /// lookup, and a slow fake would blur the latencies the probe tests inject).
    tree_head: std::sync::OnceLock<String>,
}

impl SumDb {
    /// An empty database named `name`, with a key derived from `seed` (deterministic).
    pub fn new(name: &str, seed: u8) -> SumDb {
        SumDb {
            name: name.to_owned(),
            key: SigningKey::from_bytes(&[seed; 32]),
            records: Vec::new(),
            ids: Vec::new(),
            unknown: Vec::new(),
            tamper: Tamper::Honest,
            tree_head: std::sync::OnceLock::new(),
        }
    }

    /// Adds the go.sum record of `module` as it really is.
    pub fn add(&mut self, module: &ModuleVersion) {
        self.add_hashes(&module.path, &module.version, &module.zip_hash(), &module.go_mod_hash());
    }

    /// Adds a record with the given hashes (a record that disagrees with a proxy's content
    /// makes the go command report a checksum mismatch).
    pub fn add_hashes(&mut self, path: &str, version: &str, zip_hash: &str, go_mod_hash: &str) {
        self.tree_head = std::sync::OnceLock::new();
        self.records.push(format!(
            "{path} {version} {zip_hash}\n{path} {version}/go.mod {go_mod_hash}\n"
        ));
        self.ids.push(format!("{path}@{version}"));
    }

    /// Answers `status` (404 or 410) to lookups of modules under `prefix`.
    pub fn unknown_prefix(&mut self, prefix: &str, status: u16) {
        self.unknown.push((prefix.to_owned(), status));
    }

    pub fn set_tamper(&mut self, tamper: Tamper) {
        self.tree_head = std::sync::OnceLock::new();
        self.tamper = tamper;
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The verifier key for GOSUMDB: `<name>+<hash>+<base64 key>`.
    pub fn verifier_key(&self) -> String {
        let public = [&[1u8][..], self.key.verifying_key().as_bytes()].concat();
        format!(
            "{}+{:08x}+{}",
            self.name,
            key_hash(&self.name, &public),
            base64(&public)
        )
    }

    /// The signed tree head note.
    pub fn signed_tree(&self) -> String {
        self.tree_head.get_or_init(|| self.sign_tree()).clone()
    }

    fn sign_tree(&self) -> String {
        let text = format!(
            "go.sum database tree\n{}\n{}\n",
            self.records.len(),
            base64(&self.tree_hash(0, self.records.len()))
        );
        let key = match self.tamper {
            Tamper::Honest => self.key.clone(),
            Tamper::WrongSignature => SigningKey::from_bytes(&[0xee; 32]),
        };
        let public = [&[1u8][..], key.verifying_key().as_bytes()].concat();
        let signature = key.sign(text.as_bytes());
        let mut sig = key_hash(&self.name, &public).to_be_bytes().to_vec();
        sig.extend_from_slice(&signature.to_bytes());
        format!("{text}\n— {} {}\n", self.name, base64(&sig))
    }

    /// Answers a request for `path` below the database's root (`lookup/…`, `latest`, `tile/…`).
    pub fn handle(&self, path: &str) -> Reply {
        if path == "latest" {
            return Reply::text(200, self.signed_tree());
        }
        if let Some(target) = path.strip_prefix("lookup/") {
            return self.lookup(target);
        }
        if let Some(tile) = path.strip_prefix("tile/") {
            return self.tile(tile).unwrap_or_else(|| Reply::text(404, "not found\n"));
        }
        Reply::text(404, "404 page not found\n")
    }

    fn lookup(&self, target: &str) -> Reply {
        let Some((path, version)) = target
            .split_once('@')
            .and_then(|(p, v)| Some((unescape(p)?, unescape(v)?)))
        else {
            return Reply::text(400, "invalid module@version syntax\n");
        };
        if let Some((_, status)) = self
            .unknown
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix.as_str()))
        {
            return Reply::text(*status, crate::proxy::private_body(&path, &version));
        }
        let id = format!("{path}@{version}");
        let Some(index) = self.ids.iter().position(|i| *i == id) else {
            return Reply::text(
                404,
                format!("not found: {id}: invalid version: unknown revision {version}\n"),
            );
        };
        Reply::text(200, format!("{index}\n{}\n{}", self.records[index], self.signed_tree()))
    }

    /// `H/L/NNN[.p/W]` or `H/data/NNN[.p/W]`.
    fn tile(&self, tile: &str) -> Option<Reply> {
        let parts: Vec<&str> = tile.split('/').collect();
        let height: u32 = parts.first()?.parse().ok()?;
        if height != TILE_HEIGHT || parts.len() < 3 {
            return None;
        }
        let (mut numbers, mut width) = (parts[2..].to_vec(), 1usize << height);
        if let Some(stripped) = numbers.len().checked_sub(2).and_then(|i| numbers[i].strip_suffix(".p")) {
            width = numbers.last()?.parse().ok().filter(|w| *w > 0 && *w < 1 << height)?;
            let i = numbers.len() - 2;
            numbers[i] = stripped;
            numbers.pop();
        }
        let mut n: usize = 0;
        for part in numbers {
            n = n * 1000
                + part
                    .trim_start_matches('x')
                    .parse::<usize>()
                    .ok()
                    .filter(|v| *v < 1000)?;
        }
        let start = n << height;
        if parts[1] == "data" {
            let records = self.records.get(start..start + width)?;
            return Some(Reply::text(
                200,
                records.iter().map(|r| format!("{r}\n")).collect::<String>(),
            ));
        }
        let level: u32 = parts[1].parse().ok()?;
        let span = 1usize << (level * height);
        let mut data = Vec::with_capacity(width * 32);
        for index in start..start + width {
            let (from, to) = (index * span, (index + 1) * span);
            if to > self.records.len() {
                return None;
            }
            data.extend_from_slice(&self.tree_hash(from, to));
        }
        Some(Reply::with_type(200, "application/octet-stream", data))
    }

    /// RFC 6962 Merkle tree hash of records `from..to`.
    fn tree_hash(&self, from: usize, to: usize) -> [u8; 32] {
        match to - from {
            0 => sha256(b""),
            1 => sha256(&[&[0u8][..], self.records[from].as_bytes()].concat()),
            n => {
                let split = from + largest_power_of_two_below(n);
                let (left, right) = (self.tree_hash(from, split), self.tree_hash(split, to));
                sha256(&[&[1u8][..], &left, &right].concat())
            }
        }
    }
}

/// The largest power of two strictly less than `n` (n ≥ 2).
fn largest_power_of_two_below(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// The note key hash: the first four bytes of SHA-256(name "\n" key).
/// The URL path of a lookup, for a module and version.
pub fn lookup_path(path: &str, version: &str) -> String {
    format!("lookup/{}@{}", escape(path), escape(version))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(n: usize) -> SumDb {
        let mut db = SumDb::new("sum.test", 7);
        for i in 0..n {
            db.add(&ModuleVersion::new("example.com/m", &format!("v1.0.{i}")));
        }
        db
    }

    #[test]
    fn tree_hash_splits_at_the_largest_power_of_two() {
        let d = db(5);
        let node = |l: [u8; 32], r: [u8; 32]| sha256(&[&[1u8][..], &l, &r].concat());
        let leaf = |i: usize| d.tree_hash(i, i + 1);
        let expected = node(node(node(leaf(0), leaf(1)), node(leaf(2), leaf(3))), leaf(4));
        assert_eq!(d.tree_hash(0, 5), expected);
        let d3 = db(3);
        let leaf3 = |i: usize| d3.tree_hash(i, i + 1);
        assert_eq!(d3.tree_hash(0, 3), node(node(leaf3(0), leaf3(1)), leaf3(2)));
        assert_eq!(largest_power_of_two_below(2), 1);
        assert_eq!(largest_power_of_two_below(9), 8);
    }

    #[test]
    fn verifier_key_and_signed_note_shape() {
        let d = db(2);
        let key = d.verifier_key();
        let parts: Vec<&str> = key.split('+').collect();
        assert_eq!(parts[0], "sum.test");
        assert_eq!(parts[1].len(), 8);
        let note = d.signed_tree();
        assert!(note.starts_with("go.sum database tree\n2\n"));
        assert!(note.contains("\n\n— sum.test "));
    }

    #[test]
    fn lookups_and_tiles() {
        let d = db(3);
        let Reply::Response { status, body, .. } = d.handle(&lookup_path("example.com/m", "v1.0.1")) else {
            panic!("a response");
        };
        assert_eq!(status, 200);
        assert!(
            String::from_utf8(body)
                .unwrap()
                .starts_with("1\nexample.com/m v1.0.1 h1:")
        );
        let Reply::Response { body, .. } = d.handle("tile/8/0/000.p/3") else {
            panic!("a response")
        };
        assert_eq!(body.len(), 96);
        assert!(matches!(
            d.handle("tile/8/0/000.p/4"),
            Reply::Response { status: 404, .. }
        ));
        assert!(matches!(
            d.handle("lookup/example.com/m@v9.0.0"),
            Reply::Response { status: 404, .. }
        ));
    }
}
