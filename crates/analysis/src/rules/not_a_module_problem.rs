//! `not-a-module-problem`: the log's failure is the build's, not the modules' — cgo's C compiler
//! missing, a full disk, compile errors, failing tests, a process killed for memory. Says so
//! plainly rather than pin a module cause on it.

use super::{Facts, Rule};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Os, Package, Severity, Word};
use gmd_golog::{EventKind, Neighbour};

pub(crate) const RULE: Rule = Rule {
    id: "not-a-module-problem",
    cause: Cause::NotAModuleProblem,
    hop: Hop::Config,
    title: "This is not a module download problem",
    explanation: "Nothing in the log says a module could not be downloaded, verified or resolved: what failed is the build itself. Module settings (GOPROXY, GOPRIVATE, GOSUMDB) will not change it.",
    title_zh: "这不是模块下载问题",
    explanation_zh: "日志中没有任何内容表明模块无法下载、校验或解析：失败的是构建本身。修改模块设置（GOPROXY、GOPRIVATE、GOSUMDB）不会改变结果。",
    reference: "https://go.dev/doc/modules/managing-dependencies",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        CCompiler { tool: String } =>
            "the build uses cgo and its C compiler `{tool}` is not installed",
            "构建用到了 cgo，而它的 C 编译器 `{tool}` 没有安装";
        DiskFull =>
            "the disk is full: the go command cannot write the module or build cache",
            "磁盘已满：go 命令无法写入模块缓存或构建缓存";
        Compile =>
            "the modules are there; the code itself does not compile",
            "模块都已就绪；是代码本身无法编译";
        Tests =>
            "the modules are there; tests ran and failed",
            "模块都已就绪；测试运行了但失败了";
        Killed =>
            "the build was killed, usually because the machine ran out of memory",
            "构建进程被系统终止（signal: killed），通常是内存不足";
    }
    enum Do {
        InstallCompiler => "Install a C compiler", "安装 C 编译器";
        NoCgo => "Or build without cgo, if the code allows", "或者在代码允许时不用 cgo 构建";
        FreeSpace => "See what fills the disk, then empty the build cache", "查看是什么占满了磁盘，然后清空构建缓存";
        FewerJobs => "Build with one job at a time", "一次只运行一个构建任务";
    }
}

/// Events that are not failures of their own.
fn benign(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Downloading
            | EventKind::ToolchainDownloading { .. }
            | EventKind::Deprecated { .. }
            | EventKind::Neighbour(_)
    )
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    if facts.events.iter().any(|e| !benign(&e.kind)) {
        return Vec::new();
    }
    let neighbours = facts.events_where(|k| matches!(k, EventKind::Neighbour(_)));
    let Some(EventKind::Neighbour(first)) = neighbours.first().map(|e| &e.kind) else {
        return Vec::new();
    };
    let (message, fixes) = match first {
        Neighbour::CCompilerMissing { tool } => (
            Msg::CCompiler { tool: tool.clone() },
            vec![
                Fix::safe(&Do::InstallCompiler, Command::os(Os::Install { package: Package::Gcc })),
                Fix::set(&Do::NoCgo, "CGO_ENABLED", Word::lit("0")),
            ],
        ),
        Neighbour::DiskFull => (
            Msg::DiskFull,
            vec![Fix::safe(
                &Do::FreeSpace,
                Command::os(Os::ShowDiskSpace).and(Command::go(&["clean", "-cache"])),
            )],
        ),
        Neighbour::CompileError => (Msg::Compile, Vec::new()),
        Neighbour::TestFailure => (Msg::Tests, Vec::new()),
        Neighbour::Killed => (
            Msg::Killed,
            vec![Fix::go(&Do::FewerJobs, &["build", "-p", "1", "./..."])],
        ),
    };
    let evidence = facts.events_evidence(neighbours.iter().copied().take(1));
    vec![rule.finding(Severity::Info, &message, evidence, fixes)]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn names_the_neighbour_and_raises_no_error() {
        for (log, fixes) in [
            (
                "# runtime/cgo\ncgo: C compiler \"gcc\" not found: exec: \"gcc\": executable file not found in $PATH\n",
                "lines=2 fixes=safe,safe",
            ),
            (
                "# runtime/cgo\nexec: \"gcc\": executable file not found in %PATH%\n",
                "lines=2 fixes=safe,safe",
            ),
            (
                "go: downloading github.com/a/b v1.0.0\n# example.com/app\nwrite /tmp/go-build123/b001/_pkg_.a: no space left on device\n",
                "lines=3 fixes=safe",
            ),
            ("# example.com/app\n./main.go:12:3: undefined: foo\n", "lines=2 fixes="),
            (
                "--- FAIL: TestX (0.00s)\nFAIL\texample.com/app\t0.01s\n",
                "lines=1 fixes=",
            ),
        ] {
            check(
                log,
                &[&format!("not-a-module-problem not_a_module_problem info {fixes}")],
            );
        }
    }

    #[test]
    fn stays_silent_when_a_module_failed_too() {
        check(
            "./main.go:4:2: no required module provides package github.com/a/b; to add it:\n\tgo get github.com/a/b\n",
            &["module-not-found module_not_found error lines=1 fixes=safe,safe"],
        );
        check(
            "go: github.com/a/b@v1.0.0: exec: \"git\": executable file not found in $PATH\n",
            &["vcs-tool-missing vcs_tool_missing error lines=1 fixes=safe,safe"],
        );
    }
}
