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

/// Property: whatever secret a paste holds, redaction masks it without touching what follows —
/// the go command's lines after it stay byte for byte, and so does the diagnosis.
#[test]
fn a_secret_never_swallows_the_lines_after_it_nor_the_diagnosis() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/secrets/forms.tsv");
    let corpus = std::fs::read_to_string(path).expect("the secrets corpus");
    let after = "GOFLAGS='-mod=mod'\ngo: github.com/sirupsen/logrus@v1.9.3: Get \"https://proxy.golang.org/github.com/sirupsen/logrus/@v/v1.9.3.mod\": dial tcp 142.250.72.177:443: i/o timeout\n";
    let expected = gmd_analysis::analyze(after).expect("small");
    let cause = expected.findings.first().map(|f| f.cause.code());
    assert_eq!(
        cause,
        Some("proxy_unreachable"),
        "the log after the secret is diagnosed on its own"
    );
    let mut broken = Vec::new();
    for line in corpus.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cols = line.split('\t');
        let (Some(name), Some(paste)) = (cols.next(), cols.next()) else {
            continue;
        };
        let input = format!("{}\n{after}", unescape(paste).trim_end_matches('\n'));
        let redacted = gmd_redact::redact(&input, gmd_redact::Options::default()).text;
        let kept = redacted.ends_with(after);
        // The same root cause as the paste unredacted (a form may hold a failure of its own).
        let first = |text: &str| {
            let analysis = gmd_analysis::analyze(text).expect("small");
            analysis.findings.first().map(|f| f.cause.code())
        };
        let same = first(&redacted) == first(&input);
        if !kept || !same {
            broken.push(format!("{name}: kept {kept}, same cause {same}:\n{redacted}"));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n---\n"));
}

/// Every text a test holds: the secret forms and every corpus's pastes.
fn every_paste() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let forms = std::fs::read_to_string(root.join("secrets/forms.tsv")).expect("the secrets corpus");
    let mut pastes: Vec<(String, String)> = forms
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?.to_owned(), unescape(cols.next()?)))
        })
        .collect();
    for corpus in ["real", "real2", "redaction", "cases", "hostile"] {
        let Ok(dirs) = std::fs::read_dir(root.join(corpus)) else {
            panic!("the {corpus} corpus");
        };
        for dir in dirs.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
            let text: String = ["env.txt", "go.mod", "log.txt", "input.txt"]
                .iter()
                .filter_map(|f| std::fs::read_to_string(dir.join(f)).ok())
                .collect::<Vec<_>>()
                .join("\n");
            pastes.push((dir.display().to_string(), text));
        }
    }
    pastes
}

/// The worker redacts what a client redacted already: a second pass must change nothing (else a
/// report of our own clients would be stored under another id than the one they showed), and the
/// list read from the text names every placeholder the redaction made.
#[test]
fn redaction_is_idempotent_and_its_list_is_read_from_the_text() {
    let pastes = every_paste();
    assert!(pastes.len() > 350, "{} pastes", pastes.len());
    let mut changed = Vec::new();
    for (name, paste) in &pastes {
        for hosts in [false, true] {
            let once = gmd_redact::redact(paste, gmd_redact::Options { hosts });
            let twice = gmd_redact::redact(&once.text, gmd_redact::Options::default());
            if twice.text != once.text {
                changed.push(format!("{name} (hosts {hosts}):\n{}\n---\n{}", once.text, twice.text));
            }
            let listed = gmd_redact::listed(&once.text);
            for r in &once.redactions {
                assert!(
                    listed.iter().any(|l| l.placeholder == r.placeholder),
                    "{name}: {} not listed",
                    r.placeholder
                );
            }
        }
    }
    assert!(
        changed.is_empty(),
        "{} change under a second pass:\n{}",
        changed.len(),
        changed.join("\n===\n")
    );
}
