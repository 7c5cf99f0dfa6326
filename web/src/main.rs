//! Entry point of the wasm binary: mounts the app on `<body>`.

fn main() {
    // The page's server-rendered part (instructions, or a shared report) gives way to the app.
    let document = leptos::prelude::document();
    for selector in ["body > header", "main#prerendered"] {
        if let Some(element) = document.query_selector(selector).ok().flatten() {
            element.remove();
        }
    }
    leptos::mount::mount_to_body(gmd_web::App);
}
