//! Entry point of the wasm binary: mounts the app on `<body>`.

fn main() {
    leptos::mount::mount_to_body(gmd_web::App);
}
