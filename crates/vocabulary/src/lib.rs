//! The words every part of Go Module Doctor shares, below the engine, the report format and the
//! edges: the cause taxonomy ([`Cause`]), the failing [`Hop`], [`Severity`], fix [`Safety`], the
//! two languages ([`Lang`]) and texts written once in both ([`Text`], [`texts!`]).
//!
//! A message is a typed value: an enum declared with [`texts!`], one variant per sentence, the
//! parts it quotes from the input as fields. Its English and its Simplified Chinese sit side by
//! side in the declaration, so a sentence without a translation does not compile.
//!
//! ```
//! gmd_vocabulary::texts! {
//!     /// What a rule says.
//!     pub enum Said {
//!         Unreachable { host: String } =>
//!             "the module proxy `{host}` cannot be reached",
//!             "无法连接模块代理 `{host}`";
//!         Fine => "all is well", "一切正常";
//!     }
//! }
//! use gmd_vocabulary::{Lang, Localized, Message, Text};
//! let said = Said::Unreachable { host: "proxy.golang.org".into() };
//! assert_eq!(said.en(), "the module proxy `proxy.golang.org` cannot be reached");
//! assert_eq!(Text::of(&said).get(Lang::Zh), "无法连接模块代理 `proxy.golang.org`");
//! assert_eq!(said.id(), "Unreachable");
//! assert_eq!(said.args(), vec![("host", "proxy.golang.org".to_owned())]);
//! ```

mod cause;
mod lang;
mod shell;
mod text;

pub use cause::{Cause, Certainty, Hop, Safety, Severity};
pub use lang::Lang;
pub use shell::Shell;
pub use text::{Localized, Message, Text};
