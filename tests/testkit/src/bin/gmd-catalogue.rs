//! The coverage check of the go command's error catalogue (see `gmd_testkit::catalogue`): the
//! format strings of every given Go release's module packages, each listed in
//! `crates/golog/catalogue/go-errors.tsv` with the releases that print it. Run by
//! `cargo xtask test`, which installs the releases first.
//!
//! Usage: gmd-catalogue RELEASE=GOROOT...

use gmd_testkit::catalogue;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let releases: Option<Vec<(&str, &str)>> = args.iter().map(|a| a.split_once('=')).collect();
    let Some(releases) = releases.filter(|r| !r.is_empty()) else {
        eprintln!("usage: gmd-catalogue RELEASE=GOROOT...");
        return ExitCode::from(2);
    };
    let entries = match gmd_golog::catalogue::parse(gmd_golog::catalogue::TEXT) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("gmd-catalogue: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut found = Vec::new();
    let mut seen_packages = std::collections::BTreeSet::new();
    for (release, goroot) in releases {
        match catalogue::extract(&Path::new(goroot).join("src")) {
            Ok((formats, present)) => {
                seen_packages.extend(present);
                println!("Go {release}: {} format strings in {goroot}/src", formats.len());
                found.push((release.to_owned(), formats));
            }
            Err(e) => {
                eprintln!("gmd-catalogue: Go {release}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut problems = catalogue::check(&found, &entries);
    for package in catalogue::PACKAGES.iter().filter(|p| !seen_packages.contains(*p)) {
        problems.push(format!("{package} is in no release: a package list out of date"));
    }
    let from_go = entries.iter().filter(|e| e.from_go_source()).count();
    println!(
        "catalogue: {} entries ({from_go} from the Go sources, {} from recorded output, git and the OS)",
        entries.len(),
        entries.len() - from_go
    );
    for problem in &problems {
        println!("{problem}");
    }
    if problems.is_empty() {
        println!("every format string of every release is classified");
        ExitCode::SUCCESS
    } else {
        println!(
            "{} problems: add the missing entries (set their meaning and roles), fix the rest",
            problems.len()
        );
        ExitCode::FAILURE
    }
}
