//! The development corpus as one benchmark input, for the analysis and the redaction benches
//! (`#[path]`-included by each: benches share no library).

/// About 1 MiB of real pastes: every case of `tests/fixtures/real` (settings, go.mod, log),
/// repeated and cut at a character boundary.
pub fn real_pastes() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/real");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .expect("the development corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut once = String::new();
    for dir in dirs {
        for file in ["env.txt", "go.mod", "log.txt"] {
            if let Ok(text) = std::fs::read_to_string(dir.join(file)) {
                once.push_str(&text);
                once.push('\n');
            }
        }
    }
    let mut text = String::with_capacity(1024 * 1024);
    while text.len() < 1024 * 1024 - 1 {
        let room = 1024 * 1024 - 1 - text.len();
        let mut end = room.min(once.len());
        while !once.is_char_boundary(end) {
            end -= 1;
        }
        text.push_str(&once[..end]);
    }
    text
}
