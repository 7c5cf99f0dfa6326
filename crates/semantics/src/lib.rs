//! The go command's configuration semantics, ported from cmd/go and golang.org/x/mod
//! (Go 1.27): how it reads GOPROXY, GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE, GOSUMDB, GOFLAGS
//! and GOTOOLCHAIN, and which module paths and versions it accepts.
//!
//! Pure: no IO, no clock. Every function takes the setting's text and answers what cmd/go would
//! do with it, including the error text it would print.

pub mod encoding;
pub mod flags;
pub mod gover;
pub mod module;
pub mod pattern;
pub mod proxy;
pub mod sumdb;
pub mod toolchain;
