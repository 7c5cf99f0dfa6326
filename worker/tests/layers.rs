//! The worker's modules depend only downward: the routes and the API's errors at the bottom,
//! then the HTTP pieces, the kept runs, the pages' rendering, the route families, the entry
//! point. A module that named one above it (or beside it, where no order is given) would tie
//! two route files together again.

/// Each module and its layer: a module may use those of a lower layer only.
const LAYERS: &[(&str, usize)] = &[
    ("routes", 0),
    ("http", 1),
    ("runs", 2),
    ("preview", 2),
    ("render", 3),
    ("probes", 3),
    ("reports", 4),
    ("status", 4),
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn every_module_uses_only_the_ones_below_it() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src").flatten() {
        let path = entry.path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).expect("a module directory").flatten() {
                files.push((name.clone(), inner.path()));
            }
        } else if name != "lib" {
            files.push((name, path));
        }
    }
    assert!(files.len() >= 10, "{} files", files.len());
    let mut upward = Vec::new();
    for (module, path) in &files {
        let own = layer(module).unwrap_or_else(|| panic!("module `{module}` has no layer in LAYERS"));
        let text = std::fs::read_to_string(path).expect("a source file");
        for (i, _) in text.match_indices("crate::") {
            let used: String = text[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // An item of the crate root is the entry point's, the top layer.
            let Some(theirs) = layer(&used) else {
                upward.push(format!("{}: uses the entry point's `{used}`", path.display()));
                continue;
            };
            if used != *module && theirs >= own {
                upward.push(format!("{}: uses `{used}`", path.display()));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "modules that use one not below them:\n{}",
        upward.join("\n")
    );
}
