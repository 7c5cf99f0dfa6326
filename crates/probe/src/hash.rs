//! The go command's `h1:` hashes (golang.org/x/mod/sumdb/dirhash).

use gmd_semantics::encoding::base64_std;
use sha2::{Digest, Sha256};

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `dirhash.Hash1`: SHA-256 over the sorted lines `"<sha256 hex>  <name>\n"`, as `h1:<base64>`.
pub fn hash1(files: &[(String, Vec<u8>)]) -> String {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    gmd_order::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
    let mut summary = String::new();
    for (name, data) in sorted {
        summary.push_str(&format!("{}  {name}\n", hex(&sha256(data))));
    }
    format!("h1:{}", base64_std(&sha256(summary.as_bytes())))
}

/// The `/go.mod h1:` hash of a module's go.mod file, as in go.sum.
pub fn go_mod_hash(go_mod: &[u8]) -> String {
    hash1(&[("go.mod".to_owned(), go_mod.to_vec())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_mod_hash_matches_a_real_go_sum_line() {
        // golang.org/x/text v0.3.0/go.mod h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ=
        // (that version predates modules: its go.mod is the one-line file the go command makes).
        assert_eq!(
            go_mod_hash(b"module golang.org/x/text\n"),
            "h1:NqM8EUOU14njkJ3fqMW+pc6Ldnwhi/IjpwHt7yyuwOQ="
        );
    }
}
