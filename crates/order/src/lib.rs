//! Generic code with one copy in the whole web module: sorting, and where each key is.
//!
//! The standard library's sorts are generic: every element type and comparator gets its own
//! copy of driftsort or of the unstable quicksort, about 4 KiB of code each. The web module
//! sorted a dozen types (findings, evidence, spans, settings, probe steps, …): 90 functions,
//! 10 KiB brotli of the page. These functions sort positions instead, with the comparison behind
//! a `dyn` call, so the program holds one copy of the sort whatever it sorts, then move the
//! elements into place. Stable, O(n log n) like `slice::sort_by`; what each call costs on top is
//! one vector of positions.
//!
//! Hash maps likewise: every key type and value type is a copy of the table's code (insert,
//! find, grow). [`Positions`] is the one map the settings, the reader, the analysis and the
//! redaction keep: text keys to positions in a vector kept beside it, which holds the values.

use std::cmp::Ordering;
use std::collections::HashMap;

/// Where each key is in a list kept beside it (a `HashMap<String, usize>`): the analysis' maps
/// are all this one type, so the web module has one copy of the hash table's code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Positions(HashMap<String, usize>);

impl Positions {
    pub fn new() -> Positions {
        Positions::default()
    }

    /// The position of `key`.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }

    /// Whether `key` has a position.
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// The position of `key`; `at` (returned) when it had none.
    pub fn get_or_insert(&mut self, key: &str, at: usize) -> usize {
        match self.0.get(key) {
            Some(&found) => found,
            None => {
                self.0.insert(key.to_owned(), at);
                at
            }
        }
    }

    /// Gives `key` the position `at`, over any it had.
    pub fn set(&mut self, key: &str, at: usize) {
        match self.0.get_mut(key) {
            Some(position) => *position = at,
            None => {
                self.0.insert(key.to_owned(), at);
            }
        }
    }

    /// The keys with their positions, in no order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.0.iter().map(|(k, &v)| (k.as_str(), v))
    }
}

/// Sorts `items` by `compare`, keeping equal elements in their order (like `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` by the key `key` gives each, keeping elements with equal keys in their order
/// (like `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order (like `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts and removes repeated elements (like `slice::sort` then `Vec::dedup`).
pub fn sort_dedup<T: Ord>(items: &mut Vec<T>) {
    sort(items);
    items.dedup();
}

/// The one copy of the sort: positions, compared through `compare`.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Moves the elements so that `items[k]` becomes what was at `order[k]`, following each cycle of
/// the permutation with swaps; `order` is left as the identity.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests;
