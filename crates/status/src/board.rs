//! The board: every mirror × region now, uptime and latency over 24 hours, 7 days and 90 days,
//! freshness and incidents, assembled from what the database returns (aggregated there).

use crate::{DAY_MS, HOUR_MS, Incident, Sample};
use serde::{Deserialize, Serialize};

/// A mirror's counts over a span of time, from the hourly rollups (summed over regions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Window {
    pub count: i64,
    pub failures: i64,
}

impl Window {
    /// The share of probes that served the module, none without probes.
    pub fn uptime(&self) -> Option<f64> {
        (self.count > 0).then(|| (self.count - self.failures) as f64 / self.count as f64)
    }
}

/// One hour or one day of a mirror, as the database sums it over regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub mirror: String,
    /// The hour's or the day's start, Unix milliseconds.
    pub at: i64,
    pub count: i64,
    pub failures: i64,
    /// The median latency of the probes that served (the slowest region's, 0 for none).
    pub p50: i64,
}

/// How long a mirror took to answer a request for a version that does not exist (a row of
/// `misses`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Miss {
    pub mirror: String,
    /// The HTTP status, 0 when no answer came.
    pub status: i64,
    pub ms: i64,
}

/// When each mirror first listed a module's version (a row of `freshness`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub module: String,
    pub version: String,
    pub mirror: String,
    pub first_seen: i64,
}

/// How far behind the reference mirror each mirror listed a module's newest version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fresh {
    pub module: String,
    pub version: String,
    pub mirror: String,
    /// Milliseconds after the reference listed it; none while the mirror does not list it.
    pub lag_ms: Option<i64>,
}

/// One region's last probe of a mirror.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub region: String,
    pub colo: String,
    pub status: String,
    pub kind: String,
    pub ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MirrorBoard {
    pub mirror: String,
    /// Its name in URLs (`/status/badge/<slug>.svg`).
    pub slug: String,
    /// `up` (every region served), `partial`, `down` (no region served), `unknown` (no data,
    /// or the prober was cut off).
    pub state: String,
    pub cells: Vec<Cell>,
    pub uptime_24h: Option<f64>,
    pub uptime_7d: Option<f64>,
    pub uptime_90d: Option<f64>,
    /// The median time of its 404s (or 410s) over the last day: how long a missing version
    /// takes to fail.
    pub not_found_ms: Option<i64>,
    /// The last 7 days, hour by hour, and the last 90 days, day by day.
    pub hours: Vec<Point>,
    pub days: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    /// When the board was made.
    pub now: i64,
    /// The last scheduled run, if any.
    pub last_run: Option<i64>,
    /// Whether every probe of the last run failed: the prober's own network, not the mirrors
    /// (locally, a machine without internet).
    pub cut_off: bool,
    pub regions: Vec<String>,
    pub mirrors: Vec<MirrorBoard>,
    pub incidents: Vec<Incident>,
    pub freshness: Vec<Fresh>,
}

/// What the database returned, for [`assemble`].
#[derive(Debug)]
pub struct Rows<'a> {
    /// The samples of the last run.
    pub current: &'a [Sample],
    /// Per mirror and hour, the last 7 days.
    pub hours: &'a [Point],
    /// Per mirror and day, the last 90 days.
    pub days: &'a [Point],
    pub incidents: &'a [Incident],
    pub seen: &'a [Seen],
    /// The requests for a missing version, the last day.
    pub misses: &'a [Miss],
}

impl<'a> Rows<'a> {
    /// The last run and the hours only (a badge; tests).
    pub fn recent(current: &'a [Sample], hours: &'a [Point]) -> Rows<'a> {
        Rows {
            current,
            hours,
            days: &[],
            incidents: &[],
            seen: &[],
            misses: &[],
        }
    }
}

/// The mirror whose listing the others are measured against.
pub const REFERENCE: &str = "https://proxy.golang.org";

pub fn assemble(now: i64, mirrors: &[String], rows: &Rows<'_>) -> Board {
    let last_run = rows.current.iter().map(|s| s.run).max();
    let cut_off = last_run.is_some_and(|run| crate::cut_off_runs(rows.current).contains(&run));
    let mut regions: Vec<String> = Vec::new();
    for s in rows.current {
        if !regions.contains(&s.region) {
            regions.push(s.region.clone());
        }
    }
    // In the order the probe panel shows them (the data centre nearest the worker, then
    // unknown ones, last).
    let rank = |region: &String| {
        gmd_probe::REGIONS
            .iter()
            .position(|(code, _, _)| code == region)
            .unwrap_or(usize::MAX)
    };
    regions.sort_by_key(rank);
    let window = |points: &[Point], mirror: &str, since: i64| {
        points
            .iter()
            .filter(|p| p.mirror == mirror && p.at >= since)
            .fold(Window::default(), |w, p| Window {
                count: w.count + p.count,
                failures: w.failures + p.failures,
            })
    };
    let hour_now = now - now.rem_euclid(HOUR_MS);
    let boards = mirrors
        .iter()
        .map(|mirror| {
            let cells: Vec<Cell> = regions
                .iter()
                .filter_map(|region| {
                    rows.current
                        .iter()
                        .find(|s| s.mirror == *mirror && s.region == *region)
                        .map(|s| Cell {
                            region: s.region.clone(),
                            colo: s.colo.clone(),
                            // A cut-off prober measured its own network, not the mirror.
                            status: if cut_off {
                                "no_data".to_owned()
                            } else {
                                s.status.clone()
                            },
                            kind: s.kind.clone(),
                            ms: s.ms,
                        })
                })
                .collect();
            let up = cells
                .iter()
                .filter(|c| matches!(c.status.as_str(), "ok" | "stale"))
                .count();
            let state = match (cells.len(), up) {
                (0, _) => "unknown",
                _ if cut_off => "unknown",
                (n, u) if u == n => "up",
                (_, 0) => "down",
                _ => "partial",
            };
            MirrorBoard {
                mirror: mirror.clone(),
                slug: crate::slug(mirror),
                state: state.to_owned(),
                cells,
                uptime_24h: window(rows.hours, mirror, hour_now - 23 * HOUR_MS).uptime(),
                uptime_7d: window(rows.hours, mirror, hour_now - (7 * 24 - 1) * HOUR_MS).uptime(),
                uptime_90d: window(rows.days, mirror, now - 90 * DAY_MS).uptime(),
                not_found_ms: {
                    let mut times: Vec<i64> = rows
                        .misses
                        .iter()
                        .filter(|m| m.mirror == *mirror && matches!(m.status, 404 | 410))
                        .map(|m| m.ms)
                        .collect();
                    times.sort_unstable();
                    (!times.is_empty()).then(|| crate::percentile(&times, 50))
                },
                hours: rows.hours.iter().filter(|p| p.mirror == *mirror).cloned().collect(),
                days: rows.days.iter().filter(|p| p.mirror == *mirror).cloned().collect(),
            }
        })
        .collect();
    Board {
        now,
        last_run,
        cut_off,
        regions,
        mirrors: boards,
        incidents: rows.incidents.to_vec(),
        freshness: freshness(rows.seen, mirrors),
    }
}

/// For each module, its newest version the reference (else the first mirror to list it)
/// lists, and how long after it each mirror listed it.
pub fn freshness(seen: &[Seen], mirrors: &[String]) -> Vec<Fresh> {
    let mut modules: Vec<&str> = seen.iter().map(|s| s.module.as_str()).collect();
    modules.sort_unstable();
    modules.dedup();
    let mut out = Vec::new();
    for module in modules {
        let rows: Vec<&Seen> = seen.iter().filter(|s| s.module == module).collect();
        // The newest version anyone lists, by the time it was first seen.
        let Some(newest) = rows.iter().max_by_key(|s| s.first_seen).map(|s| s.version.clone()) else {
            continue;
        };
        let of = |mirror: &str| {
            rows.iter()
                .find(|s| s.version == newest && s.mirror.trim_end_matches('/') == mirror.trim_end_matches('/'))
                .map(|s| s.first_seen)
        };
        let first = of(REFERENCE).or_else(|| rows.iter().filter(|s| s.version == newest).map(|s| s.first_seen).min());
        for mirror in mirrors {
            out.push(Fresh {
                module: module.to_owned(),
                version: newest.clone(),
                mirror: mirror.clone(),
                lag_ms: match (of(mirror), first) {
                    (Some(at), Some(first)) => Some((at - first).max(0)),
                    _ => None,
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_reads_states_windows_and_an_honest_cut_off() {
        let mirrors = vec!["https://a.example".to_owned(), "https://b.example/goproxy".to_owned()];
        let regions = vec!["weur".to_owned(), "apac".to_owned()];
        let now = 100 * DAY_MS;
        let week = crate::simulate(&mirrors, &regions, now, 7 * 288, |m, i| m == 1 && i % 10 == 0);
        // As the database sums them over regions.
        let mut hours: Vec<Point> = Vec::new();
        for h in crate::rollup(&week) {
            match hours.iter_mut().find(|p| p.mirror == h.mirror && p.at == h.hour) {
                Some(p) => {
                    p.count += h.count;
                    p.failures += h.failures;
                    p.p50 = p.p50.max(h.p50);
                }
                None => hours.push(Point {
                    mirror: h.mirror,
                    at: h.hour,
                    count: h.count,
                    failures: h.failures,
                    p50: h.p50,
                }),
            }
        }
        let last = week.iter().map(|s| s.run).max().unwrap();
        let mut current: Vec<Sample> = week.iter().filter(|s| s.run == last).cloned().collect();
        current[2].status = "down".to_owned();
        let board = assemble(now, &mirrors, &Rows::recent(&current, &hours));
        assert_eq!(board.regions, regions);
        assert_eq!(
            (board.mirrors[0].state.as_str(), board.mirrors[1].state.as_str()),
            ("up", "partial")
        );
        assert_eq!(board.mirrors[1].slug, "b.example_goproxy");
        let b7 = board.mirrors[1].uptime_7d.unwrap();
        assert!((b7 - 0.9).abs() < 0.01, "{b7}");
        assert_eq!(board.mirrors[0].uptime_24h, Some(1.0));
        assert!(
            (7 * 24..=7 * 24 + 1).contains(&board.mirrors[0].hours.len()),
            "a week of hours"
        );
        assert_eq!(board.mirrors[0].uptime_90d, None, "no daily rows: no 90-day figure");
        // Every probe of the last run failed: the prober, not the mirrors.
        for s in &mut current {
            s.status = "down".to_owned();
        }
        let offline = assemble(now, &mirrors, &Rows::recent(&current, &hours));
        assert!(offline.cut_off);
        assert!(offline.mirrors.iter().all(|m| m.state == "unknown"));
        assert!(
            offline
                .mirrors
                .iter()
                .flat_map(|m| &m.cells)
                .all(|c| c.status == "no_data"),
            "no cell says down"
        );
        // Nor does the hour: a cut-off run is rolled up nowhere.
        assert!(crate::rollup(&current).is_empty());
    }

    #[test]
    fn freshness_is_the_lag_behind_the_reference() {
        let seen = |mirror: &str, version: &str, at: i64| Seen {
            module: "golang.org/x/tools".to_owned(),
            version: version.to_owned(),
            mirror: mirror.to_owned(),
            first_seen: at,
        };
        let rows = vec![
            seen(REFERENCE, "v0.1.0", 0),
            seen("https://goproxy.cn", "v0.1.0", 5),
            seen(REFERENCE, "v0.2.0", 1_000),
            seen("https://goproxy.cn", "v0.2.0", 301_000),
        ];
        let mirrors = vec![
            REFERENCE.to_owned(),
            "https://goproxy.cn".to_owned(),
            "https://goproxy.io".to_owned(),
        ];
        let fresh = freshness(&rows, &mirrors);
        let lags: Vec<Option<i64>> = fresh.iter().map(|f| f.lag_ms).collect();
        assert_eq!(lags, vec![Some(0), Some(300_000), None]);
        assert!(fresh.iter().all(|f| f.version == "v0.2.0"));
    }
}
