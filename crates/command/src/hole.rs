//! Holes: values a fix needs that the paste does not give (your private host, your user name, a
//! token). The page shows an input for each and fills the commands as the user types; printed,
//! a hole is `<name>`, which no shell runs as it stands (`<` is a redirection in sh and cmd, a
//! reserved operator in PowerShell), and the printout says what to put there.

use crate::value::Kind;
use gmd_vocabulary::Text;
use serde::{Deserialize, Serialize};

/// A value the user supplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hole {
    /// The path prefix of the user's private modules.
    PrivateModules,
    /// The host name of the user's Git server.
    GitHost,
    /// A user name on that server.
    User,
    /// An access token.
    Token,
    /// A password.
    Password,
    /// The path of the user's own module.
    ModulePath,
    /// A module path the paste names but cannot be used as it is (masked, malformed).
    Module,
    /// A version.
    Version,
    /// A host the paste names but cannot be used as it is.
    Host,
    /// The company's root certificate, as a file.
    CaFile,
    /// The module path of the user's fork.
    Fork,
    /// A directory.
    Directory,
    /// The container image the build runs in.
    Image,
    /// The URL of the user's HTTP proxy.
    ProxyUrl,
    /// The URL of a module proxy the user can reach.
    MirrorUrl,
}

gmd_vocabulary::texts! {
    enum Says {
        PrivateModules =>
            "the path prefix of your private modules (for example git.example.com or github.com/your-org)",
            "你的私有模块的路径前缀（例如 git.example.com 或 github.com/your-org）";
        GitHost => "the host name of your Git server (for example git.example.com)", "你的 Git 服务器的主机名（例如 git.example.com）";
        User => "your user name on that server", "你在该服务器上的用户名";
        Password => "your password (it stays on your machine)", "你的密码（它只留在你的电脑上）";
        Token =>
            "a personal access token with read access to the repositories (it stays on your machine)",
            "一个对这些仓库有读取权限的个人访问令牌（它只留在你的电脑上）";
        ModulePath => "your module's path (for example github.com/you/project)", "你的模块路径（例如 github.com/you/project）";
        Module => "the module path", "模块路径";
        Version => "the version to use (for example v1.2.3)", "要使用的版本（例如 v1.2.3）";
        Host => "the host name", "主机名";
        CaFile =>
            "the file of your company's root certificate (.crt or .pem; your IT department has it)",
            "你们公司根证书的文件（.crt 或 .pem，可向 IT 部门索取）";
        Fork => "your fork's module path (for example github.com/you/fork)", "你的复刻（fork）的模块路径（例如 github.com/you/fork）";
        Directory => "the directory", "目录";
        Image => "the container image your build runs in", "构建所用的容器镜像";
        ProxyUrl => "your HTTP proxy's URL (for example http://proxy.example.com:3128)", "你的 HTTP 代理的地址（例如 http://proxy.example.com:3128）";
        MirrorUrl => "the URL of a module proxy you can reach", "一个你能访问的模块代理的地址";
    }
}

impl Hole {
    pub const ALL: [Hole; 15] = [
        Hole::PrivateModules,
        Hole::GitHost,
        Hole::User,
        Hole::Token,
        Hole::Password,
        Hole::ModulePath,
        Hole::Module,
        Hole::Version,
        Hole::Host,
        Hole::CaFile,
        Hole::Fork,
        Hole::Directory,
        Hole::Image,
        Hole::ProxyUrl,
        Hole::MirrorUrl,
    ];

    /// The name printed between `<` and `>`.
    pub fn name(self) -> &'static str {
        match self {
            Hole::PrivateModules => "private-modules",
            Hole::GitHost => "git-host",
            Hole::User => "user",
            Hole::Token => "token",
            Hole::Password => "password",
            Hole::ModulePath => "your-module-path",
            Hole::Module => "module",
            Hole::Version => "version",
            Hole::Host => "host",
            Hole::CaFile => "ca-file",
            Hole::Fork => "fork",
            Hole::Directory => "directory",
            Hole::Image => "image",
            Hole::ProxyUrl => "proxy-url",
            Hole::MirrorUrl => "mirror-url",
        }
    }

    /// How the hole is printed where it is not filled: `<name>`.
    pub fn marker(self) -> String {
        format!("<{}>", self.name())
    }

    /// What a value typed into the hole must be.
    pub fn kind(self) -> Kind {
        match self {
            Hole::PrivateModules => Kind::Pattern,
            Hole::GitHost | Hole::Host => Kind::Host,
            Hole::User | Hole::Token | Hole::Password | Hole::Image => Kind::Token,
            Hole::ModulePath | Hole::Module | Hole::Fork => Kind::Module,
            Hole::Version => Kind::Query,
            Hole::CaFile | Hole::Directory => Kind::Path,
            Hole::ProxyUrl | Hole::MirrorUrl => Kind::Url,
        }
    }

    /// Whether `value` may fill this hole.
    pub fn accepts(self, value: &str) -> bool {
        self.kind().accepts(value)
    }

    /// What to put there, in both languages.
    pub fn says(self) -> Text {
        Text::of(&match self {
            Hole::PrivateModules => Says::PrivateModules,
            Hole::GitHost => Says::GitHost,
            Hole::User => Says::User,
            Hole::Token => Says::Token,
            Hole::Password => Says::Password,
            Hole::ModulePath => Says::ModulePath,
            Hole::Module => Says::Module,
            Hole::Version => Says::Version,
            Hole::Host => Says::Host,
            Hole::CaFile => Says::CaFile,
            Hole::Fork => Says::Fork,
            Hole::Directory => Says::Directory,
            Hole::Image => Says::Image,
            Hole::ProxyUrl => Says::ProxyUrl,
            Hole::MirrorUrl => Says::MirrorUrl,
        })
    }

    /// The hole named `name` ([`Hole::name`]).
    pub fn from_name(name: &str) -> Option<Hole> {
        Hole::ALL.into_iter().find(|h| h.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Hole;

    #[test]
    fn names_round_trip_and_every_hole_says_what_to_type() {
        for hole in Hole::ALL {
            assert_eq!(Hole::from_name(hole.name()), Some(hole));
            assert!(hole.name().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            let says = hole.says();
            assert!(!says.en.is_empty() && says.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        }
    }
}
