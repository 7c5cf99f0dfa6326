//! Request routing, as pure functions so it is tested natively.

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Health,
    Error(ApiError),
}

/// An API error: its status, code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    NotFound { path: String },
    MethodNotAllowed { method: String, path: String },
}

/// The `Allow` header of a 405 from a GET-only route.
pub const ALLOW_GET: &str = "GET, HEAD";

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound { .. } => 404,
            ApiError::MethodNotAllowed { .. } => 405,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound { path } => format!("no API route `{path}`"),
            ApiError::MethodNotAllowed { method, path } => {
                format!("`{path}` does not accept `{method}`; use GET")
            }
        }
    }
}

/// Maps a method and path to a route.
pub fn route(method: &str, path: &str) -> Route {
    let get = matches!(method, "GET" | "HEAD");
    match path {
        "/api/health" if get => Route::Health,
        "/api/health" => Route::Error(ApiError::MethodNotAllowed {
            method: method.to_owned(),
            path: path.to_owned(),
        }),
        _ => Route::Error(ApiError::NotFound { path: path.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Routes `method path` and compares `status code` (or `health`).
    fn check(request: &str, expected: &str) {
        let (method, path) = request.split_once(' ').expect("`METHOD /path`");
        let actual = match route(method, path) {
            Route::Health => "health".to_owned(),
            Route::Error(error) => format!("{} {}", error.status(), error.code()),
        };
        assert_eq!(actual, expected, "{request}");
    }

    #[test]
    fn routes() {
        check("GET /api/health", "health");
        check("HEAD /api/health", "health");
        check("POST /api/health", "405 method_not_allowed");
        check("DELETE /api/health", "405 method_not_allowed");
        check("GET /api/health/", "404 not_found");
        check("GET /api/nothing", "404 not_found");
        check("GET /api", "404 not_found");
    }

    #[test]
    fn error_messages_name_the_request() {
        let error = ApiError::MethodNotAllowed {
            method: "POST".into(),
            path: "/api/health".into(),
        };
        assert_eq!(error.message(), "`/api/health` does not accept `POST`; use GET");
        let error = ApiError::NotFound { path: "/api/x".into() };
        assert_eq!(error.message(), "no API route `/api/x`");
    }
}
