//! Texts written once in both languages.

use crate::Lang;

/// Something that reads in English and in Simplified Chinese. What a message quotes from the
/// input (a host, a path, a version) reads the same in both.
pub trait Localized {
    fn en(&self) -> String;
    fn zh(&self) -> String;

    /// The text in `lang`.
    fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }
}

/// A typed message declared with [`texts!`](crate::texts): which sentence it is, and what it
/// quotes.
pub trait Message: Localized {
    /// The variant's name: which sentence this is.
    fn id(&self) -> &'static str;
    /// The quoted parts, by field name, as the English text shows them.
    fn args(&self) -> Vec<(&'static str, String)>;
}

impl Localized for String {
    fn en(&self) -> String {
        self.clone()
    }
    fn zh(&self) -> String {
        self.clone()
    }
}

impl Localized for &str {
    fn en(&self) -> String {
        (*self).to_owned()
    }
    fn zh(&self) -> String {
        (*self).to_owned()
    }
}

macro_rules! same_in_both {
    ($($ty:ty),*) => {
        $(impl Localized for $ty {
            fn en(&self) -> String {
                self.to_string()
            }
            fn zh(&self) -> String {
                self.to_string()
            }
        })*
    };
}

same_in_both!(u16, u32, usize);

/// A text rendered in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

impl Text {
    /// Both renderings of `value`.
    pub fn of(value: &(impl Localized + ?Sized)) -> Text {
        Text {
            en: value.en(),
            zh: value.zh(),
        }
    }

    /// A text from its two renderings.
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

impl Localized for Text {
    fn en(&self) -> String {
        self.en.clone()
    }
    fn zh(&self) -> String {
        self.zh.clone()
    }
}

/// Declares enums of sentences, each with its English and its Simplified Chinese; `{field}`
/// in either stands for the field rendered in that language ([`Localized`]). The enum gets
/// [`Localized`] and [`Message`]; a variant without both texts is a compile error.
///
/// ```
/// gmd_vocabulary::texts! {
///     pub enum Step {
///         Ask { url: String } => "asks {url}", "询问 {url}";
///         Direct => "fetches directly", "直接获取";
///     }
/// }
/// gmd_vocabulary::texts! {
///     pub enum Chain {
///         Then { first: Step, second: Step } => "{first}; then {second}", "{first}；然后{second}";
///     }
/// }
/// use gmd_vocabulary::Localized;
/// let chain = Chain::Then { first: Step::Ask { url: "https://goproxy.cn".into() }, second: Step::Direct };
/// assert_eq!(chain.en(), "asks https://goproxy.cn; then fetches directly");
/// assert_eq!(chain.zh(), "询问 https://goproxy.cn；然后直接获取");
/// ```
#[macro_export]
macro_rules! texts {
    ($(
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $en:literal, $zh:literal;
            )*
        }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant $({ $($field: $ty),* })?, )*
        }

        impl $crate::Localized for $name {
            #[allow(unused_variables)]
            fn en(&self) -> String {
                match self {
                    $( $name::$variant $({ $($field),* })? => {
                        $($( let $field = $crate::Localized::en($field); )*)?
                        format!($en)
                    } )*
                }
            }
            #[allow(unused_variables)]
            fn zh(&self) -> String {
                match self {
                    $( $name::$variant $({ $($field),* })? => {
                        $($( let $field = $crate::Localized::zh($field); )*)?
                        format!($zh)
                    } )*
                }
            }
        }

        impl $crate::Message for $name {
            fn id(&self) -> &'static str {
                match self {
                    $( $name::$variant { .. } => stringify!($variant), )*
                }
            }
            #[allow(unused_variables)]
            fn args(&self) -> Vec<(&'static str, String)> {
                match self {
                    $( $name::$variant $({ $($field),* })? => vec![
                        $($( (stringify!($field), $crate::Localized::en($field)), )*)?
                    ], )*
                }
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Localized, Message, Text};

    crate::texts! {
        enum Sample {
            Plain => "plain", "普通";
            Quoted { host: String, count: usize } => "`{host}` answered {count} times", "`{host}` 回应了 {count} 次";
        }
    }

    #[test]
    fn renders_ids_and_args() {
        let quoted = Sample::Quoted {
            host: "goproxy.cn".into(),
            count: 3,
        };
        assert_eq!(quoted.en(), "`goproxy.cn` answered 3 times");
        assert_eq!(quoted.zh(), "`goproxy.cn` 回应了 3 次");
        assert_eq!(quoted.id(), "Quoted");
        assert_eq!(
            quoted.args(),
            vec![("host", "goproxy.cn".to_owned()), ("count", "3".to_owned())]
        );
        assert_eq!(Sample::Plain.args(), vec![]);
        assert_eq!(Sample::Plain.in_lang(Lang::Zh), "普通");
        let text = Text::of(&quoted);
        assert_eq!(text.get(Lang::En), quoted.en());
        assert_eq!(text.get(Lang::Zh), quoted.zh());
    }
}
