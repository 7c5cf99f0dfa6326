//! Running commands: echoed, with their failures turned into messages.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `command` with inherited output; fails when it cannot start or exits non-zero.
pub fn run(command: &mut Command) -> Result<(), String> {
    println!("$ {}", describe(command));
    let status = command
        .status()
        .map_err(|e| format!("cannot run `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// Runs `command`, echoing its standard output line by line to ours and handing each line to
/// `on_line`; returns whether it succeeded.
pub fn run_streaming(command: &mut Command, mut on_line: impl FnMut(&str)) -> bool {
    println!("$ {}", describe(command));
    let mut child = match command.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot run `{}`: {e}", describe(command));
            return false;
        }
    };
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            on_line(&line);
        }
    }
    child.wait().is_ok_and(|status| status.success())
}

/// The standard output of `command`, if it ran and succeeded.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A command whose `node` is the pinned Node 22 from `node_modules/.bin`, first on `PATH`.
pub fn node_command(root: &Path, program: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(root)
        .env("PATH", path_with(&root.join("node_modules/.bin")));
    command
}

/// `PATH` with `dir` in front.
pub fn path_with(dir: &Path) -> std::ffi::OsString {
    let mut paths = vec![dir.to_path_buf()];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap_or_default()
}

/// Replaces the current process with `command` (so signals and PIDs are the command's).
pub fn exec(mut command: Command) -> Result<(), String> {
    use std::os::unix::process::CommandExt;
    println!("$ {}", describe(&command));
    let error = command.exec();
    Err(format!("cannot run `{}`: {error}", describe(&command)))
}

fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(command.get_args().map(|a| a.to_string_lossy().into_owned()));
    words.join(" ")
}
