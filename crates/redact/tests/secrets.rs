//! Redaction coverage: every secret form of `tests/fixtures/secrets/forms.tsv` (tokens of the
//! forges, registries and clouds, URL user info in every position, headers, `.netrc`, `.npmrc`,
//! docker and GOAUTH forms, Windows `set` and PowerShell `$env:`, PEM and JSON keys, values after
//! secret-sounding names) is gone from the redacted text.

/// `\\`, `\n` and `\t` escapes, as the corpus writes line breaks and tabs.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[test]
fn no_secret_form_survives() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/secrets/forms.tsv");
    let corpus = std::fs::read_to_string(path).expect("the secrets corpus");
    let mut forms = 0;
    let mut survivors = Vec::new();
    for line in corpus.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cols = line.split('\t');
        let (Some(name), Some(paste), Some(secret)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("a corpus line without three columns: {line}");
        };
        let (paste, secret) = (unescape(paste), unescape(secret));
        forms += 1;
        let redacted = gmd_redact::redact(&paste, gmd_redact::Options::default()).text;
        // The secret whole, or any 8-character piece of it, left in the text is a leak.
        let pieces: Vec<&str> = (0..secret.len().saturating_sub(7))
            .filter(|i| secret.is_char_boundary(*i) && secret.is_char_boundary(i + 8))
            .map(|i| &secret[i..i + 8])
            .collect();
        if redacted.contains(&secret) || pieces.iter().any(|p| redacted.contains(p)) {
            survivors.push(format!("{name}: {redacted}"));
        }
    }
    assert!(forms >= 100, "only {forms} secret forms");
    assert!(
        survivors.is_empty(),
        "{} of {forms} forms survive:\n{}",
        survivors.len(),
        survivors.join("\n")
    );
}
