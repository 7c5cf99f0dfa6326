//! The error catalogue as the reader needs it at run time: each entry's meaning, roles and format,
//! without the comments, releases and source files (those are for people and for the coverage
//! check, which reads the whole file): the web app carries only this.

fn main() {
    let source = "catalogue/go-errors.tsv";
    println!("cargo::rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("crates/golog/catalogue/go-errors.tsv");
    let mut compact = String::with_capacity(text.len() / 2);
    for line in text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[..] {
            [meaning, holes, _, _, format] => {
                compact.push_str(&format!("{meaning}\t{holes}\t-\t-\t{format}\n"));
            }
            // A malformed line is kept as it is: the catalogue's tests name it.
            _ => {
                compact.push_str(line);
                compact.push('\n');
            }
        }
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("go-errors.runtime.tsv");
    std::fs::write(out, compact).expect("OUT_DIR is writable");
}
