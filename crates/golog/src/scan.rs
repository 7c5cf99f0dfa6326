//! Searching the short lines of a log. `str::contains` builds a two-way searcher per call, which
//! costs more than the search on a 60-byte line; [`find`] is a first-byte scan. [`Line`] indexes
//! the byte pairs a line holds, so a phrase the line cannot contain is ruled out without a scan —
//! the reader asks a hundred phrases of each line and nearly all are absent.

/// Whether `needle` occurs in `hay`: a first-byte scan, cheaper than `str::contains` on the short
/// lines of a log, where building a two-way searcher per call costs more than the search.
pub fn has(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// The byte offset of the first `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    if n.len() > h.len() {
        return None;
    }
    let end_byte = n[n.len() - 1];
    let last = h.len() - n.len();
    let mut i = 0;
    while i <= last {
        let offset = h[i..=last].iter().position(|&b| b == first)?;
        let start = i + offset;
        // The last byte rules out most first-byte hits before the whole comparison.
        if h[start + n.len() - 1] == end_byte && &h[start + 1..start + n.len()] == rest {
            return Some(start);
        }
        i = start + 1;
    }
    None
}

/// What follows the first `needle` in `hay`.
pub fn after<'a>(hay: &'a str, needle: &str) -> Option<&'a str> {
    find(hay, needle).map(|i| &hay[i + needle.len()..])
}

/// A log line and the byte pairs it holds (case folded, hashed into 1024 bits).
pub struct Line {
    pairs: [u64; 16],
}

impl Line {
    pub fn new(text: &str) -> Line {
        let mut pairs = [0u64; 16];
        for w in text.as_bytes().windows(2) {
            let bit = pair(w[0], w[1]);
            pairs[usize::from(bit / 64)] |= 1 << (bit % 64);
        }
        Line { pairs }
    }

    /// Whether `needle` may occur in the line or in any text taken from it (a part of it, its
    /// lower case): false when one of its byte pairs is missing.
    #[inline(always)]
    fn may_hold(&self, needle: &str) -> bool {
        self.holds_pairs(&pairs_of(needle))
    }

    #[inline(always)]
    fn holds_pairs(&self, bits: &Option<[u16; 3]>) -> bool {
        let Some(bits) = bits else {
            return true;
        };
        bits.iter()
            .all(|&bit| self.pairs[usize::from(bit / 64)] & (1 << (bit % 64)) != 0)
    }

    /// [`has`] of a [`Needle`] on `hay`, a text taken from this line.
    #[inline(always)]
    pub fn holds(&self, hay: &str, needle: &Needle) -> bool {
        self.holds_pairs(&needle.pairs) && has(hay, needle.text)
    }

    /// [`after`] of a [`Needle`] on `hay`, a text taken from this line.
    #[inline(always)]
    pub fn after_needle<'h>(&self, hay: &'h str, needle: &Needle) -> Option<&'h str> {
        if self.holds_pairs(&needle.pairs) {
            after(hay, needle.text)
        } else {
            None
        }
    }

    /// [`has`] on `hay`, a text taken from this line.
    #[inline(always)]
    pub fn has_in(&self, hay: &str, needle: &str) -> bool {
        self.may_hold(needle) && has(hay, needle)
    }

    /// [`find`] on `hay`, a text taken from this line.
    #[inline(always)]
    pub fn find_in(&self, hay: &str, needle: &str) -> Option<usize> {
        if self.may_hold(needle) { find(hay, needle) } else { None }
    }

    /// [`after`] on `hay`, a text taken from this line.
    #[inline(always)]
    pub fn after_in<'h>(&self, hay: &'h str, needle: &str) -> Option<&'h str> {
        if self.may_hold(needle) {
            after(hay, needle)
        } else {
            None
        }
    }
}

/// A phrase of a table the readers go through, its byte pairs computed when the program is
/// built (a literal phrase asked directly has them folded in by the compiler).
#[derive(Clone, Copy)]
pub struct Needle {
    pub text: &'static str,
    pairs: Option<[u16; 3]>,
}

impl Needle {
    pub const fn new(text: &'static str) -> Needle {
        Needle {
            text,
            pairs: pairs_of(text),
        }
    }
}

/// The bits [`Line`] checks for a phrase: its first, middle and last byte pairs; none for a
/// phrase shorter than a pair.
#[inline(always)]
const fn pairs_of(needle: &str) -> Option<[u16; 3]> {
    let b = needle.as_bytes();
    if b.len() < 2 {
        return None;
    }
    let (mid, end) = (b.len() / 2, b.len() - 1);
    Some([pair(b[0], b[1]), pair(b[mid - 1], b[mid]), pair(b[end - 1], b[end])])
}

/// The bit of a byte pair, ASCII case folded.
#[inline(always)]
const fn pair(a: u8, b: u8) -> u16 {
    // (`| 0x20` folds ASCII letters' case; it folds a few other bytes together too, which
    // only makes the filter a little less sharp.)
    ((a | 0x20) as u16 * 31 + (b | 0x20) as u16) & 1023
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_str_finds() {
        let hay = "go: example.com/m@v1.0.0: reading https://proxy.golang.org/x: 404 Not Found";
        let line = Line::new(hay);
        let lower = hay.to_ascii_lowercase();
        for needle in [
            "go:",
            "reading ",
            "404 Not Found",
            "not found",
            "Found",
            "x",
            "absent",
            "Go:",
            "found!",
            "",
        ] {
            assert_eq!(
                find(hay, needle),
                hay.find(needle).filter(|_| !needle.is_empty()),
                "{needle:?}"
            );
            assert_eq!(
                line.has_in(hay, needle),
                !needle.is_empty() && hay.contains(needle),
                "{needle:?}"
            );
            assert_eq!(
                line.has_in(&lower, needle),
                !needle.is_empty() && lower.contains(needle),
                "{needle:?}"
            );
            assert_eq!(
                line.after_in(hay, needle),
                hay.split_once(needle).map(|x| x.1).filter(|_| !needle.is_empty())
            );
        }
    }
}
