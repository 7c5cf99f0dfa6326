//! Probing Go module mirrors, without the IO: the worker and the CLI pass the requests in and
//! the answers back.
//!
//! - [`target`]: which proxy URLs may be probed at all (http/https, no user info, no loopback,
//!   private, link-local or metadata addresses in any notation, no single-label, `.internal` or
//!   `.local` hosts), re-applied to every redirect;
//! - [`plan`]: the GOPROXY-protocol requests for a module version, built only from a validated
//!   module path and version;
//! - [`Outcome`]: how a step ended.

pub mod plan;
pub mod target;

/// How one probe step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    NotFound,
    Gone,
    /// Another HTTP status.
    HttpError(u16),
    Timeout,
    Tls,
    Dns,
    /// Refused, reset or closed.
    Connection,
    /// Refused by the probe's own rules (a redirect to a forbidden address, say).
    Refused,
}

impl Outcome {
    /// From an HTTP status.
    pub fn from_status(status: u16) -> Outcome {
        match status {
            200..=299 => Outcome::Ok,
            404 => Outcome::NotFound,
            410 => Outcome::Gone,
            other => Outcome::HttpError(other),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::NotFound => "not_found",
            Outcome::Gone => "gone",
            Outcome::HttpError(_) => "http_error",
            Outcome::Timeout => "timeout",
            Outcome::Tls => "tls",
            Outcome::Dns => "dns",
            Outcome::Connection => "connection",
            Outcome::Refused => "refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(Outcome::from_status(200), Outcome::Ok);
        assert_eq!(Outcome::from_status(206), Outcome::Ok);
        assert_eq!(Outcome::from_status(404), Outcome::NotFound);
        assert_eq!(Outcome::from_status(410), Outcome::Gone);
        assert_eq!(Outcome::from_status(502), Outcome::HttpError(502));
        assert_eq!(Outcome::HttpError(502).code(), "http_error");
    }
}
