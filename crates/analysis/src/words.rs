//! Phrases several rules put inside their messages, typed: what a failure was, in both languages.

use gmd_golog::{CacheTrouble, NetError};
use gmd_vocabulary::texts;

texts! {
    /// How a connection failed, as a message says it.
    pub enum NetDetail {
        Refused => "connection refused", "连接被拒绝";
        TimedOut => "connection timed out", "连接超时";
        Reset => "connection reset", "连接被重置";
        Unreachable => "network unreachable", "网络不可达";
        ClosedEarly => "connection closed without an answer", "连接被关闭，没有回应";
        HandshakeTimeout =>
            "the TLS handshake timed out, as when the host is blocked",
            "TLS 握手超时，主机被屏蔽时就会这样";
        ProxyDenied => "the HTTP proxy refused to connect to it", "HTTP 代理拒绝连接到它";
        CutOff =>
            "the request failed in the network; the paste ends before saying how",
            "请求在网络层失败；粘贴的内容在说明原因之前就断了";
        NoAnswer =>
            "no answer: the log ends while the go command waits for it, a hang (the go command sets no timeout of its own)",
            "没有回应：日志在 go 命令等待它时结束，也就是卡住了（go 命令自己不设超时）";
        Other => "network error", "网络错误";
    }
}

impl NetDetail {
    /// The phrase for a classified network error.
    pub fn of(error: &NetError) -> NetDetail {
        match error {
            NetError::TcpRefused => NetDetail::Refused,
            NetError::TcpTimeout | NetError::Timeout => NetDetail::TimedOut,
            NetError::TcpReset => NetDetail::Reset,
            NetError::TcpUnreachable => NetDetail::Unreachable,
            NetError::Eof | NetError::UnexpectedEof => NetDetail::ClosedEarly,
            NetError::TlsHandshakeTimeout => NetDetail::HandshakeTimeout,
            NetError::ProxyDenied => NetDetail::ProxyDenied,
            NetError::CutOff => NetDetail::CutOff,
            NetError::NoAnswer => NetDetail::NoAnswer,
            _ => NetDetail::Other,
        }
    }
}

texts! {
    /// What is wrong with a file of the module cache.
    pub enum CacheDetail {
        PermissionDenied => "permission denied", "权限被拒绝";
        ReadOnly => "read-only file system", "只读文件系统";
        Locked => "locked", "被锁定";
        Missing => "missing file", "文件缺失";
        Corrupt => "files that disagree with each other", "文件彼此不一致";
        NoSpace => "no space left on its disk", "所在磁盘没有剩余空间";
    }
}

impl CacheDetail {
    pub fn of(trouble: CacheTrouble) -> CacheDetail {
        match trouble {
            CacheTrouble::PermissionDenied => CacheDetail::PermissionDenied,
            CacheTrouble::ReadOnly => CacheDetail::ReadOnly,
            CacheTrouble::Locked => CacheDetail::Locked,
            CacheTrouble::Missing => CacheDetail::Missing,
            CacheTrouble::Corrupt => CacheDetail::Corrupt,
            CacheTrouble::NoSpace => CacheDetail::NoSpace,
        }
    }
}
