//! `cache-corrupt-or-locked`: the module cache cannot be read or written.

use super::{Facts, Rule, common};
use crate::finding::{Cause, Command, Finding, Fix, Hop, Os, Severity, Word};
use crate::words::CacheDetail;
use gmd_golog::{CacheTrouble, EventKind};

pub(crate) const RULE: Rule = Rule {
    id: "cache-corrupt-or-locked",
    cause: Cause::CacheCorruptOrLocked,
    hop: Hop::LocalCache,
    title: "The module cache is damaged or not writable",
    explanation: "Downloads go to GOMODCACHE (GOPATH/pkg/mod), checksum-database state to GOPATH/pkg/sumdb, builds to GOCACHE. A file there that is truncated, owned by root (after `sudo go …`), on a read-only file system or volume, or locked by another process stops the go command, sometimes with a message about a file that merely could not be created. Clean the cache and make it writable.",
    title_zh: "模块缓存已损坏或不可写",
    explanation_zh: "下载的模块放在 GOMODCACHE（GOPATH/pkg/mod），校验和数据库的状态放在 GOPATH/pkg/sumdb，构建缓存放在 GOCACHE。其中某个文件被截断、属于 root（执行过 `sudo go …`）、位于只读文件系统或卷上，或被其他进程锁住，都会让 go 命令停下，有时报出的只是某个文件无法创建。清理缓存并让它可写。",
    reference: "https://go.dev/ref/mod#module-cache",
    check,
};

gmd_vocabulary::texts! {
    enum Msg {
        CannotUse { path: String, detail: CacheDetail } =>
            "the go command cannot use `{path}` in its cache ({detail})",
            "go 命令无法使用缓存中的 `{path}`（{detail}）";
        DamagedZip => "a zip in the module cache is damaged", "模块缓存中有一个 zip 已损坏";
    }
    enum Do {
        Chown =>
            "Give the cache back to your user (it was written as root, or lives on a read-only volume)",
            "把缓存交还给你的用户（它是以 root 写入的，或位于只读卷上）";
        Writable => "Keep the cache writable for clean-ups", "让缓存保持可写，便于清理";
        FreeSpace =>
            "Free space on that disk: see what fills it, then empty the build cache (in a container build, prune the builder's cache or give it a larger disk)",
            "在那块磁盘上腾出空间：查看是什么占满了它，然后清空构建缓存（容器构建中，清理构建器的缓存或给它更大的磁盘）";
        Relocate =>
            "Point GOPATH (and with it the module cache) at a directory you can write: the go command could not create its cache files here, as on a read-only volume",
            "把 GOPATH（以及其中的模块缓存）指向一个可写的目录：go 命令无法在这里创建缓存文件，只读卷上就是这样";
    }
}

fn check(rule: &Rule, facts: &Facts<'_>) -> Vec<Finding> {
    let events = facts.events_where(|k| {
        matches!(
            k,
            EventKind::CacheProblem { .. } | EventKind::ZipNotValid { in_cache: true }
        )
    });
    let Some(first) = events.first() else { return Vec::new() };
    let message = match &first.kind {
        EventKind::CacheProblem { path, trouble } if *trouble != CacheTrouble::Corrupt => Msg::CannotUse {
            path: path.clone(),
            detail: CacheDetail::of(*trouble),
        },
        _ => Msg::DamagedZip,
    };
    let permission = matches!(
        &first.kind,
        EventKind::CacheProblem {
            trouble: CacheTrouble::PermissionDenied | CacheTrouble::ReadOnly,
            ..
        }
    );
    let mut fixes = vec![common::clean_modcache()];
    let full = matches!(
        &first.kind,
        EventKind::CacheProblem {
            trouble: CacheTrouble::NoSpace,
            ..
        }
    );
    if full {
        // The build cache is often the largest: see what fills the disk, then empty it.
        fixes.insert(
            0,
            Fix::safe(
                &Do::FreeSpace,
                Command::os(Os::ShowDiskSpace).and(Command::go(&["clean", "-cache"])),
            ),
        );
    }
    if permission {
        fixes.insert(0, Fix::safe(&Do::Chown, Command::os(Os::OwnModuleCache)));
    }
    // A file the go command should have created is missing, or the volume is read-only: nothing
    // in the cache can be repaired in place.
    let unwritable = matches!(
        &first.kind,
        EventKind::CacheProblem {
            trouble: CacheTrouble::Missing | CacheTrouble::ReadOnly,
            ..
        }
    );
    if unwritable {
        // Cleaning needs the same writes that failed.
        fixes.retain(|f| f.command != common::clean_modcache().command);
        fixes.insert(0, Fix::safe(&Do::Relocate, Command::os(Os::TempGopath)));
    }
    fixes.push(Fix::set(&Do::Writable, "GOFLAGS", Word::lit("-modcacherw")));
    vec![rule.finding(
        Severity::Error,
        &message,
        facts.events_evidence(events.iter().copied()),
        fixes,
    )]
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::check;

    #[test]
    fn fires_on_cache_problems() {
        check(
            "go: unzip /h/go/pkg/mod/cache/download/github.com/x/y/@v/v1.0.0.zip: zip: not a valid zip file\n",
            &["cache-corrupt-or-locked cache_corrupt_or_locked error lines=1 fixes=safe,safe"],
        );
        check(
            "go: mkdir /root/go/pkg/mod/cache: permission denied\n",
            &["cache-corrupt-or-locked cache_corrupt_or_locked error lines=1 fixes=safe,safe,safe"],
        );
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_moved_first() {
        let log = "go: github.com/sirupsen/logrus@v1.9.3: verifying go.mod: github.com/sirupsen/logrus@v1.9.3/go.mod: open /home/gopher/go/pkg/sumdb/sum.golang.org/latest: no such file or directory\n";
        let f = crate::rules::test_support::finding(log, "cache-corrupt-or-locked");
        assert_eq!(f.fixes[0].posix(), "export GOPATH=\"${TMPDIR:-/tmp}/gopath\"");
        assert_eq!(f.fixes[0].cmd(), "set \"GOPATH=%TEMP%\\gopath\"");
    }

    #[test]
    fn stays_silent_on_other_permission_errors() {
        check("open /etc/shadow: permission denied\n", &[]);
    }
}
