//! POSIX sh, bash and zsh: steps joined by `&&`, words in single quotes unless plain.

use super::{Fill, empty_hole, keyword, regex_literal, text_as, word_with};
use crate::os::{Os, Package};
use crate::value::{Kind, Word};
use crate::{Command, Step};

pub(super) fn command(command: &Command, fill: Fill<'_>) -> Option<String> {
    let steps: Option<Vec<String>> = command.steps().iter().map(|s| step(s, fill)).collect();
    Some(steps?.join(" && "))
}

/// `text` as one word: as it is when every character is plain, else in single quotes.
pub(crate) fn quote(text: &str, first: bool) -> String {
    let plain = !(text.is_empty() || first && text.starts_with('='))
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:,=@+%".contains(&b));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

fn word(w: &Word, fill: Fill<'_>) -> String {
    word_with(w, fill, quote)
}

fn words(ws: &[Word], fill: Fill<'_>) -> String {
    ws.iter().map(|w| word(w, fill)).collect::<Vec<_>>().join(" ")
}

fn step(step: &Step, fill: Fill<'_>) -> Option<String> {
    Some(match step {
        Step::Set { var, value } => format!("export {}={}", var.as_str(), word(value, fill)),
        Step::Unset { var } => format!("unset {}", var.as_str()),
        Step::Run { program, args, env } => {
            let mut out = String::new();
            for assign in env {
                out.push_str(&format!("{}={} ", assign.var.as_str(), word(&assign.value, fill)));
            }
            out.push_str(&program.name());
            if !args.is_empty() {
                out.push(' ');
                out.push_str(&words(args, fill));
            }
            out
        }
        Step::Cd { dir } => format!("cd {}", word(dir, fill)),
        Step::AppendNetrc { words: line } => format!(
            "printf '{}\\n' {} >> ~/.netrc && chmod 600 ~/.netrc",
            vec!["%s"; line.len()].join(" "),
            words(line, fill)
        ),
        Step::Os(os) => os_step(os, fill)?,
    })
}

fn os_step(os: &Os, fill: Fill<'_>) -> Option<String> {
    let as_module = |w: &Word| text_as(w, fill, Kind::Module);
    Some(match os {
        Os::LookUp { host } => format!("nslookup {}", word(host, fill)),
        Os::ShowResolvers => "cat /etc/resolv.conf".into(),
        Os::ShowClock => "date -u".into(),
        Os::TrustCa { file } => format!(
            "sudo cp {} /usr/local/share/ca-certificates/company-root.crt && sudo update-ca-certificates",
            word(file, fill)
        ),
        Os::TrustCaMacos { file } => format!(
            "sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {}",
            word(file, fill)
        ),
        Os::UseCaBundle { file } => format!("export SSL_CERT_FILE={}", word(file, fill)),
        Os::Install { package } => install(*package),
        Os::OwnModuleCache => {
            "sudo chown -R \"$(id -u):$(id -g)\" \"$(go env GOMODCACHE)\" \"$(go env GOPATH)/pkg/sumdb\"".into()
        }
        Os::ShowDiskSpace => "df -h".into(),
        Os::TempGopath => "export GOPATH=\"${TMPDIR:-/tmp}/gopath\"".into(),
        // Where a value is missing (a hole left empty), a single command that the shell refuses:
        // never a pipeline or a list, whose other parts would run.
        Os::RemoveSumLines { module, version } => match (as_module(module), text_as(version, fill, Kind::Query)) {
            (Some(m), Some(v)) => format!(
                "{{ grep -v {} go.sum > go.sum.new; mv go.sum.new go.sum; }}",
                quote(&format!("^{} {}[ /]", regex_literal(&m), regex_literal(&v)), true)
            ),
            _ if empty_hole(&[module, version], fill) => {
                format!("grep -v {} {} go.sum", word(module, fill), word(version, fill))
            }
            _ => return None,
        },
        Os::RemoveRequire { module, version } => match (as_module(module), text_as(version, fill, Kind::Query)) {
            (Some(m), Some(v)) => format!(
                "{{ grep -vF {} go.mod > go.mod.tmp && mv go.mod.tmp go.mod; }}",
                quote(&format!("{m} {v}"), true)
            ),
            _ if empty_hole(&[module, version], fill) => {
                format!("grep -vF {} {} go.mod", word(module, fill), word(version, fill))
            }
            _ => return None,
        },
        Os::FindImports { path } => match as_module(path) {
            Some(p) => format!("grep -rn --include='*.go' {} .", quote(&format!("\"{p}"), true)),
            None if empty_hole(&[path], fill) => format!("grep -rn --include='*.go' {} .", word(path, fill)),
            None => return None,
        },
        Os::FetchGoImport { path } => match as_module(path) {
            Some(p) => format!(
                "curl -fsS {} | grep go-import",
                quote(&format!("https://{p}?go-get=1"), true)
            ),
            None if empty_hole(&[path], fill) => format!("curl -fsS https://{}?go-get=1", word(path, fill)),
            None => return None,
        },
        Os::RenameGoModKeyword { from, to } => match (keyword(from, fill), keyword(to, fill)) {
            (Some(f), Some(t)) => format!(
                "sed -i.bak {} go.mod",
                quote(
                    &format!("s/^{}\\([ (]\\)/{}\\1/", regex_literal(&f), sed_replacement(&t)),
                    true
                )
            ),
            _ if empty_hole(&[from, to], fill) => {
                format!("sed -i.bak s/^{}/{}/ go.mod", word(from, fill), word(to, fill))
            }
            _ => return None,
        },
        Os::SetGoModModule { path } => match as_module(path) {
            Some(p) => format!(
                "sed -i.bak {} go.mod",
                quote(&format!("s|^module .*|module {}|", sed_replacement(&p)), true)
            ),
            None if empty_hole(&[path], fill) => {
                format!("sed -i.bak 's|^module .*|module '{}'|' go.mod", word(path, fill))
            }
            None => return None,
        },
        Os::RewriteImports { from, to } => match (as_module(from), as_module(to)) {
            (Some(f), Some(t)) => format!("gofmt -w -r {} .", quote(&format!("\"{f}\" -> \"{t}\""), true)),
            _ if empty_hole(&[from, to], fill) => format!("gofmt -w -r {}{} .", word(from, fill), word(to, fill)),
            _ => return None,
        },
    })
}

/// `text` as the replacement of a sed `s` command with `/` or `|` delimiters.
fn sed_replacement(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '\\' | '/' | '|' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn install(package: Package) -> String {
    let (apt, dnf, apk) = match package {
        Package::Gcc => ("gcc", "gcc", "build-base"),
        Package::Git => ("git", "git", "git"),
        Package::Mercurial => ("mercurial", "mercurial", "mercurial"),
        Package::Subversion => ("subversion", "subversion", "subversion"),
        Package::Bazaar => ("bzr", "bzr", "bzr"),
        Package::Fossil => ("fossil", "fossil", "fossil"),
        Package::CaCertificates => ("ca-certificates", "ca-certificates", "ca-certificates"),
    };
    // The CA bundle is installed in container images, where the build runs as root without sudo.
    let sudo = if package == Package::CaCertificates {
        ""
    } else {
        "sudo "
    };
    format!("{{ {sudo}apt-get install -y {apt} || {sudo}dnf install -y {dnf} || {sudo}apk add {apk}; }}")
}
