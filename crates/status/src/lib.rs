//! The status board's logic, without the IO: what one scheduled probe run records
//! ([`Sample`]), the hourly rollups kept 90 days ([`rollup`]), incidents derived from
//! consecutive failures ([`incidents`]), the board assembled from what the database returns
//! ([`board`]), and its renderings: the HTML page, SVG charts and badges, the Atom feed. The
//! worker runs the schedule and the queries (D1); everything it shows is computed here.

pub mod board;
pub mod feed;
pub mod html;
pub mod svg;

use gmd_probe::report::MirrorReport;
use serde::{Deserialize, Serialize};

/// An hour and a day, in milliseconds.
pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;
/// How long raw samples are kept, and the hourly rollups.
pub const RAW_KEEP_MS: i64 = 48 * HOUR_MS;
pub const HOURLY_KEEP_MS: i64 = 90 * DAY_MS;

/// One mirror probed from one region in one scheduled run: a row of `samples`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    /// The scheduled run's time, Unix milliseconds.
    pub run: i64,
    /// The mirror's base URL.
    pub mirror: String,
    /// The region asked for (a location hint), or `near` (the data centre nearest the worker).
    pub region: String,
    /// The data centre that ran the probe.
    pub colo: String,
    /// The mirror's verdict after the comparison across mirrors.
    pub status: String,
    /// What failed first, `step:outcome` (`info:http_error`, `list:timeout`); empty when up.
    pub kind: String,
    /// The whole probe, in milliseconds.
    pub ms: i64,
}

impl Sample {
    /// Whether the mirror served the module: `ok`, or `stale` (it answers, a release behind).
    pub fn up(&self) -> bool {
        matches!(self.status.as_str(), "ok" | "stale")
    }

    /// The sample of `report`, whose verdict after the comparison is `status`.
    pub fn of(report: &MirrorReport, status: &str, run: i64) -> Sample {
        let failed = report.steps.iter().find(|s| s.outcome != "ok");
        let up = matches!(status, "ok" | "stale");
        Sample {
            run,
            mirror: report.mirror.clone(),
            region: report.region.clone().unwrap_or_else(|| "near".to_owned()),
            colo: report.colo.clone().unwrap_or_default(),
            status: status.to_owned(),
            kind: match (up, failed) {
                (false, Some(step)) => format!("{}:{}", step.step, step.outcome),
                (false, None) => status.to_owned(),
                (true, _) => String::new(),
            },
            ms: i64::from(report.ms),
        }
    }
}

/// An hour of one mirror from one region: a row of `hourly`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hourly {
    /// The hour's start, Unix milliseconds.
    pub hour: i64,
    pub mirror: String,
    pub region: String,
    pub count: i64,
    pub failures: i64,
    /// The failures by kind, `kind=count` comma-separated, most frequent first.
    pub kinds: String,
    /// Latency percentiles of the probes that served the module (0 when none did).
    pub p50: i64,
    pub p95: i64,
}

/// The hourly rollups of `samples`, ordered by mirror, region, hour. Runs in which the prober
/// was cut off ([`cut_off_runs`]) say nothing about the mirrors and count nowhere: an hour of
/// nothing else has no row, and its uptime is "no data", not 0%.
pub fn rollup(samples: &[Sample]) -> Vec<Hourly> {
    let cut_off = cut_off_runs(samples);
    let samples: Vec<Sample> = samples.iter().filter(|s| !cut_off.contains(&s.run)).cloned().collect();
    let samples = samples.as_slice();
    let mut keys: Vec<(String, String, i64)> = samples
        .iter()
        .map(|s| (s.mirror.clone(), s.region.clone(), s.run - s.run.rem_euclid(HOUR_MS)))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(mirror, region, hour)| {
            let here: Vec<&Sample> = samples
                .iter()
                .filter(|s| s.mirror == mirror && s.region == region && s.run - s.run.rem_euclid(HOUR_MS) == hour)
                .collect();
            let mut kinds: Vec<(String, i64)> = Vec::new();
            for s in here.iter().filter(|s| !s.up()) {
                match kinds.iter_mut().find(|(k, _)| *k == s.kind) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((s.kind.clone(), 1)),
                }
            }
            kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut latencies: Vec<i64> = here.iter().filter(|s| s.up()).map(|s| s.ms).collect();
            latencies.sort_unstable();
            Hourly {
                hour,
                count: here.len() as i64,
                failures: here.iter().filter(|s| !s.up()).count() as i64,
                kinds: kinds
                    .iter()
                    .map(|(k, n)| format!("{k}={n}"))
                    .collect::<Vec<_>>()
                    .join(","),
                p50: percentile(&latencies, 50),
                p95: percentile(&latencies, 95),
                mirror,
                region,
            }
        })
        .collect()
}

/// The nearest-rank percentile of sorted `values` (0 for none).
pub fn percentile(sorted: &[i64], p: usize) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

/// A stretch of consecutive failing runs of one mirror.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub mirror: String,
    /// The first failing run.
    pub start: i64,
    /// The first run after it where the mirror served from every region; none while it lasts.
    pub end: Option<i64>,
    /// The regions it failed from, in order.
    pub regions: Vec<String>,
    /// The requests that failed (`info`, `zip`, `sumdb_lookup`, …).
    pub endpoints: Vec<String>,
}

/// How many consecutive failing runs make an incident: one is a blip.
pub const INCIDENT_RUNS: usize = 2;

/// The runs in which the prober itself was cut off: every sample failed, with two mirrors or
/// more probed (every mirror down at once, from everywhere, is the prober's network).
pub fn cut_off_runs(samples: &[Sample]) -> Vec<i64> {
    let mut runs: Vec<i64> = samples.iter().map(|s| s.run).collect();
    runs.sort_unstable();
    runs.dedup();
    runs.into_iter()
        .filter(|run| {
            let here: Vec<&Sample> = samples.iter().filter(|s| s.run == *run).collect();
            let mut mirrors: Vec<&str> = here.iter().map(|s| s.mirror.as_str()).collect();
            mirrors.sort_unstable();
            mirrors.dedup();
            mirrors.len() >= 2 && here.iter().all(|s| !s.up())
        })
        .collect()
}

/// The incidents in `samples` (runs in any order): per mirror, at least [`INCIDENT_RUNS`]
/// consecutive runs in which it failed from some region. Runs in which the prober was cut off
/// ([`cut_off_runs`]) say nothing about the mirrors and are left out.
pub fn incidents(samples: &[Sample]) -> Vec<Incident> {
    let cut_off = cut_off_runs(samples);
    let mut runs: Vec<i64> = samples.iter().map(|s| s.run).filter(|r| !cut_off.contains(r)).collect();
    runs.sort_unstable();
    runs.dedup();
    let mut mirrors: Vec<&str> = samples.iter().map(|s| s.mirror.as_str()).collect();
    mirrors.sort_unstable();
    mirrors.dedup();
    let mut found = Vec::new();
    for mirror in mirrors {
        let mut open: Option<(Incident, usize)> = None;
        for run in &runs {
            let here: Vec<&Sample> = samples.iter().filter(|s| s.run == *run && s.mirror == mirror).collect();
            if here.is_empty() {
                continue;
            }
            let failing: Vec<&&Sample> = here.iter().filter(|s| !s.up()).collect();
            if failing.is_empty() {
                if let Some((mut incident, n)) = open.take()
                    && n >= INCIDENT_RUNS
                {
                    incident.end = Some(*run);
                    found.push(incident);
                }
                continue;
            }
            let (incident, n) = open.get_or_insert_with(|| {
                (
                    Incident {
                        mirror: mirror.to_owned(),
                        start: *run,
                        end: None,
                        regions: Vec::new(),
                        endpoints: Vec::new(),
                    },
                    0,
                )
            });
            *n += 1;
            for s in failing {
                if !incident.regions.contains(&s.region) {
                    incident.regions.push(s.region.clone());
                }
                let endpoint = s.kind.split(':').next().unwrap_or_default().to_owned();
                if !endpoint.is_empty() && !incident.endpoints.contains(&endpoint) {
                    incident.endpoints.push(endpoint);
                }
            }
        }
        if let Some((incident, n)) = open
            && n >= INCIDENT_RUNS
        {
            found.push(incident);
        }
    }
    found.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.mirror.cmp(&b.mirror)));
    found
}

/// The newest release (no pre-release) in an `@v/list` body.
pub fn newest_release(list: &str) -> Option<String> {
    list.lines()
        .filter_map(|v| semver::Version::parse(v.trim().strip_prefix('v')?).ok())
        .filter(|v| v.pre.is_empty())
        .max()
        .map(|v| format!("v{v}"))
}

/// A mirror's name in URLs (`/status/badge/<slug>.svg`): its host and path, `/` as `_`.
pub fn slug(mirror: &str) -> String {
    gmd_probe::report::short_mirror(mirror).replace('/', "_")
}

/// `YYYY-MM-DDTHH:MM:SSZ` of Unix milliseconds (days from the civil calendar, no clock needed).
pub fn iso(ms: i64) -> String {
    let (days, rest) = (ms.div_euclid(DAY_MS), ms.rem_euclid(DAY_MS) / 1000);
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// A time for a reader: `2026-12-07 00:46 UTC`, `2026-12-07 00:46（UTC）` in Chinese.
pub fn readable(ms: i64, lang: gmd_vocabulary::Lang) -> String {
    readable_iso(&iso(ms), lang)
}

/// An ISO 8601 UTC time (`2026-12-07T00:46:33Z`) to the minute, said to be UTC:
/// `2026-12-07 00:46 UTC` / `2026-12-07 00:46（UTC）`.
pub fn readable_iso(iso: &str, lang: gmd_vocabulary::Lang) -> String {
    let minute = iso.get(..16).unwrap_or(iso).replace('T', " ");
    match lang {
        gmd_vocabulary::Lang::Zh => format!("{minute}（UTC）"),
        gmd_vocabulary::Lang::En => format!("{minute} UTC"),
    }
}

/// The date of a day number since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A week of samples every five minutes for `mirrors` × `regions` ending at `end`, with the
/// failures `fails(mirror index, run index)` says: for tests and the simulated history the
/// worker writes through its own storage code.
pub fn simulate(
    mirrors: &[String],
    regions: &[String],
    end: i64,
    runs: usize,
    fails: impl Fn(usize, usize) -> bool,
) -> Vec<Sample> {
    let mut samples = Vec::new();
    for i in 0..runs {
        let run = end - (runs - 1 - i) as i64 * 5 * 60_000;
        for (m, mirror) in mirrors.iter().enumerate() {
            for (r, region) in regions.iter().enumerate() {
                let down = fails(m, i);
                samples.push(Sample {
                    run,
                    mirror: mirror.clone(),
                    region: region.clone(),
                    colo: String::new(),
                    status: if down { "down" } else { "ok" }.to_owned(),
                    kind: if down {
                        "info:http_error".to_owned()
                    } else {
                        String::new()
                    },
                    ms: 80 + ((i * 7 + m * 13 + r * 29) % 120) as i64,
                });
            }
        }
    }
    samples
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(prefix: &str, n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn a_simulated_week_rolls_up_to_hours_with_failures_by_kind_and_percentiles() {
        let mirrors = vec!["https://a.example".to_owned(), "https://b.example".to_owned()];
        let regions = names("r", 2);
        let end = 1_700_000_000_000 - 1_700_000_000_000 % HOUR_MS + 55 * 60_000;
        // b fails for an hour (12 runs) in the middle of the week.
        let samples = simulate(&mirrors, &regions, end, 7 * 288, |m, i| {
            m == 1 && (1000..1012).contains(&i)
        });
        let hours = rollup(&samples);
        assert_eq!(hours.len(), 2 * 2 * 7 * 24);
        assert!(hours.iter().all(|h| h.count == 12), "a run every five minutes");
        let failed: Vec<&Hourly> = hours.iter().filter(|h| h.failures > 0).collect();
        assert!(
            failed
                .iter()
                .all(|h| h.mirror == "https://b.example" && h.kinds.starts_with("info:http_error="))
        );
        assert_eq!(failed.iter().map(|h| h.failures).sum::<i64>(), 2 * 12);
        assert!(
            hours
                .iter()
                .all(|h| h.failures == h.count || (80..200).contains(&h.p50) && h.p50 <= h.p95)
        );
        // One incident, with its end.
        let found = incidents(&samples);
        assert_eq!(found.len(), 1);
        let incident = &found[0];
        assert_eq!(incident.mirror, "https://b.example");
        assert_eq!(incident.end.unwrap() - incident.start, 12 * 5 * 60_000);
        assert_eq!(
            (incident.regions.clone(), incident.endpoints.clone()),
            (regions.clone(), vec!["info".to_owned()])
        );
    }

    #[test]
    fn a_blip_is_no_incident_an_ongoing_one_has_no_end_and_a_cut_off_prober_blames_no_mirror() {
        let mirrors = vec!["https://a.example".to_owned(), "https://b.example".to_owned()];
        let regions = vec!["weur".to_owned()];
        let blip = simulate(&mirrors, &regions, 10 * HOUR_MS, 10, |m, i| m == 0 && i == 4);
        assert!(incidents(&blip).is_empty());
        let ongoing = simulate(&mirrors, &regions, 10 * HOUR_MS, 10, |m, i| m == 0 && i >= 7);
        let found = incidents(&ongoing);
        assert_eq!((found.len(), found[0].end), (1, None));
        let offline = simulate(&mirrors, &regions, 10 * HOUR_MS, 10, |_, _| true);
        assert_eq!(cut_off_runs(&offline).len(), 10);
        assert!(incidents(&offline).is_empty());
    }

    #[test]
    fn percentiles_dates_and_slugs() {
        assert_eq!(percentile(&[], 50), 0);
        assert_eq!(percentile(&[10, 20, 30, 40], 50), 20);
        assert_eq!(percentile(&(1..=100).collect::<Vec<_>>(), 95), 95);
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_764_547_200_000 + 3_661_000), "2025-12-01T01:01:01Z");
        assert_eq!(
            slug("https://mirrors.aliyun.com/goproxy/"),
            "mirrors.aliyun.com_goproxy"
        );
        assert_eq!(
            newest_release("v0.9.0\nv0.10.0\nv0.11.0-rc.1\nnot-a-version\n").as_deref(),
            Some("v0.10.0")
        );
        assert_eq!(newest_release(""), None);
    }
}
