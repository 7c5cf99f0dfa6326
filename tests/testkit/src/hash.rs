//! SHA-256, standard base64 and the go command's `h1:` directory hash (from gmd-probe, which
//! checks mirrors with the same hashes).

pub use gmd_probe::hash::{go_mod_hash, hash1, hex, sha256};
pub use gmd_report::base64_std as base64;
