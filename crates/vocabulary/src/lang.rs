//! The languages the product speaks.

/// English or Simplified Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The BCP 47 tag: `en` or `zh-CN`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language a tag names: `zh`, `zh-CN`, `zh-Hans`, `zh_CN.UTF-8`, … are Chinese,
    /// `en`, `en-US`, `C`, `POSIX`, … English; anything else is not one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language an HTTP `Accept-Language` header prefers among ours (highest `q` first,
    /// the header's order on ties; English when it names neither).
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(u32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default();
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1000, |q| parse_quality(q.trim()));
            let Some(lang) = Lang::from_tag(tag) else { continue };
            if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, lang));
            }
        }
        best.map_or(Lang::En, |(_, lang)| lang)
    }
}

/// An HTTP quality value (`0` … `1` with up to three decimals) in thousandths; 0 when malformed.
fn parse_quality(q: &str) -> u32 {
    let (whole, fraction) = q.split_once('.').unwrap_or((q, ""));
    let digits: String = fraction.chars().chain("000".chars()).take(3).collect();
    match (whole, digits.parse::<u32>()) {
        ("1", Ok(0)) => 1000,
        ("0", Ok(thousandths)) if fraction.bytes().all(|b| b.is_ascii_digit()) => thousandths,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn tags_name_a_language() {
        for (tag, lang) in [
            ("zh", Some(Lang::Zh)),
            ("zh-CN", Some(Lang::Zh)),
            ("zh-Hans-CN", Some(Lang::Zh)),
            ("zh_CN.UTF-8", Some(Lang::Zh)),
            ("ZH-tw", Some(Lang::Zh)),
            ("en", Some(Lang::En)),
            ("en_US.UTF-8", Some(Lang::En)),
            ("C.UTF-8", Some(Lang::En)),
            ("POSIX", Some(Lang::En)),
            ("de-DE", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag}");
        }
        assert_eq!(Lang::Zh.tag(), "zh-CN");
        assert_eq!(Lang::from_tag(Lang::Zh.tag()), Some(Lang::Zh));
    }

    #[test]
    fn accept_language_picks_the_preferred_one_of_ours() {
        for (header, lang) in [
            ("zh-CN,zh;q=0.9,en;q=0.8", Lang::Zh),
            ("en-US,en;q=0.9,zh-CN;q=0.8", Lang::En),
            ("de-DE,zh;q=0.5,en;q=0.4", Lang::Zh),
            ("en;q=0.2, zh;q=0.7", Lang::Zh),
            ("zh;q=0, en;q=0.1", Lang::En),
            ("fr", Lang::En),
            ("", Lang::En),
            ("zh;q=garbage", Lang::En),
            ("zh;q=1.000", Lang::Zh),
        ] {
            assert_eq!(Lang::from_accept_language(header), lang, "{header}");
        }
    }
}
