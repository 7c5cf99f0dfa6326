//! Real servers for Go Module Doctor's tests, all on 127.0.0.1 and stopped when dropped:
//!
//! - [`proxy`]: a Go module proxy (GOPROXY protocol) serving real module zips with correct `h1:`
//!   hashes, with faults injected per module, per path or for the whole listener;
//! - [`sumdb`]: a checksum database with a signed transparent log, honest or tampered;
//! - [`http`]: the small HTTP server under both, able to hang, reset, or cut bodies short.
//!
//! The fixture harness (`cargo xtask fixtures`) runs the real go command against these.

pub mod cases;
pub mod catalogue;
pub mod dns;
pub mod git;
pub mod harness;
pub mod hash;
pub mod http;
pub mod module;
pub mod proxy;
pub mod shellproof;
pub mod sumdb;
pub mod tls;
pub mod zip;
