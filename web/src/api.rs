//! Calls to the worker's API and the browser's clipboard.

use gloo_net::http::Request;

/// What `POST /api/reports` answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub id: String,
}

/// Uploads canonical report bytes; returns the id, or the API's error message.
pub async fn create_report(bytes: Vec<u8>) -> Result<Created, String> {
    let request = Request::post("/api/reports")
        .header("Content-Type", "application/json")
        .body(bytes)
        .map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    let field = |name: &str| {
        text.split(&format!("\"{name}\":\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .map(str::to_owned)
    };
    if response.ok() {
        field("id")
            .map(|id| Created { id })
            .ok_or_else(|| "the server answered without an id".to_owned())
    } else {
        Err(field("message").unwrap_or_else(|| format!("status {}", response.status())))
    }
}

/// Fetches the canonical bytes of report `id`; `Ok(None)` when it does not exist or expired.
pub async fn fetch_report(id: &str) -> Result<Option<Vec<u8>>, String> {
    let response = Request::get(&format!("/api/reports/{id}"))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    match response.status() {
        200 => response.binary().await.map(Some).map_err(|e| e.to_string()),
        404 | 410 => Ok(None),
        status => Err(format!("status {status}")),
    }
}

/// Copies `text` to the clipboard (best effort).
pub fn copy(text: &str) {
    let clipboard = leptos::prelude::window().navigator().clipboard();
    let _ = clipboard.write_text(text);
}
