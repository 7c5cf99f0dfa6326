//! Recent probe results kept in memory for a short while: the `Prober` Durable Object keeps one,
//! so a result is reused where it was measured without a round trip to a cache service. Bounded:
//! expired entries go first, then the ones closest to expiry.

use crate::report::MirrorReport;
use std::collections::HashMap;

/// Results by key, each with the time it expires (milliseconds, the caller's clock).
#[derive(Debug)]
pub struct Recent {
    ttl_ms: f64,
    capacity: usize,
    entries: HashMap<String, (f64, MirrorReport)>,
}

impl Recent {
    /// Keeps results `ttl_ms`, at most `capacity` of them (at least one).
    pub fn new(ttl_ms: f64, capacity: usize) -> Recent {
        Recent {
            ttl_ms,
            capacity: capacity.max(1),
            entries: HashMap::new(),
        }
    }

    /// The result stored under `key` if it has not expired at `now_ms`, marked `cached`.
    pub fn get(&self, key: &str, now_ms: f64) -> Option<MirrorReport> {
        let (expires, report) = self.entries.get(key)?;
        (now_ms < *expires).then(|| MirrorReport {
            cached: true,
            ..report.clone()
        })
    }

    /// Stores `report` under `key` from `now_ms`, making room if the map is full.
    pub fn put(&mut self, key: String, report: MirrorReport, now_ms: f64) {
        if !self.entries.contains_key(&key) && self.entries.len() >= self.capacity {
            self.entries.retain(|_, (expires, _)| now_ms < *expires);
            while self.entries.len() >= self.capacity {
                let soonest = self
                    .entries
                    .iter()
                    .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
                    .map(|(k, _)| k.clone());
                match soonest {
                    Some(k) => self.entries.remove(&k),
                    None => break,
                };
            }
        }
        self.entries.insert(key, (now_ms + self.ttl_ms, report));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Verdict;

    fn report(mirror: &str) -> MirrorReport {
        MirrorReport {
            mirror: mirror.to_owned(),
            module: "golang.org/x/text".to_owned(),
            version: Some("v0.14.0".to_owned()),
            colo: None,
            region: None,
            ms: 12,
            cached: false,
            verdict: Verdict::default(),
            steps: Vec::new(),
            versions: Vec::new(),
            latest: None,
            mod_hash: None,
            sumdb: None,
        }
    }

    /// One scenario: puts and gets at given times, and what each get returns (the mirror, or
    /// none).
    enum Op {
        Put(&'static str, f64),
        Get(&'static str, f64, Option<&'static str>),
        Len(usize),
    }

    fn check(ttl_ms: f64, capacity: usize, ops: &[Op]) {
        let mut recent = Recent::new(ttl_ms, capacity);
        for (i, op) in ops.iter().enumerate() {
            match op {
                Op::Put(key, now) => recent.put((*key).to_owned(), report(&format!("https://{key}")), *now),
                Op::Get(key, now, expected) => {
                    let got = recent.get(key, *now);
                    assert_eq!(
                        got.as_ref().map(|r| r.mirror.trim_start_matches("https://")),
                        *expected,
                        "op {i}: get {key} at {now}"
                    );
                    if let Some(r) = got {
                        assert!(r.cached, "op {i}: a reused result says so");
                    }
                }
                Op::Len(n) => assert_eq!(recent.len(), *n, "op {i}"),
            }
        }
    }

    #[test]
    fn results_expire_after_the_ttl() {
        use Op::*;
        check(
            60_000.0,
            8,
            &[
                Get("a", 0.0, None),
                Put("a", 1_000.0),
                Get("a", 1_000.0, Some("a")),
                Get("a", 60_999.0, Some("a")),
                Get("a", 61_000.0, None),
                Get("b", 2_000.0, None),
            ],
        );
    }

    #[test]
    fn a_full_map_drops_the_expired_then_the_soonest_to_expire() {
        use Op::*;
        check(
            100.0,
            2,
            &[
                Put("a", 0.0),
                Put("b", 50.0),
                // Full: nothing expired yet, so `a` (expiring first) goes.
                Put("c", 60.0),
                Len(2),
                Get("a", 60.0, None),
                Get("b", 60.0, Some("b")),
                Get("c", 60.0, Some("c")),
                // Replacing a present key makes no room.
                Put("c", 70.0),
                Len(2),
                Get("b", 70.0, Some("b")),
                // At 155 `b` has expired: it goes, `c` stays.
                Put("d", 155.0),
                Len(2),
                Get("c", 155.0, Some("c")),
                Get("d", 155.0, Some("d")),
            ],
        );
    }

    #[test]
    fn a_zero_capacity_still_keeps_the_latest() {
        use Op::*;
        check(
            10.0,
            0,
            &[Put("a", 0.0), Put("b", 1.0), Len(1), Get("b", 2.0, Some("b"))],
        );
    }
}
