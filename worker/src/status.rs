//! The status board's IO: the scheduled run (a Cron Trigger, `[triggers]` in `wrangler.toml`)
//! probes the mirrors from every region through the `Prober` objects and keeps the results in
//! D1 (`STATUS_DB`, schema in `migrations/`): raw samples 48 hours, hourly rollups, incidents
//! and freshness 90 days. `/status`, `/api/status`, `/status/feed.atom` and
//! `/status/badge/<mirror>.svg` read them. The logic (rollups, incidents, the board, its
//! renderings) is gmd-status; this file only moves rows.

use crate::http::{internal, secure};
use crate::routes::ApiError;
use gmd_probe::report::{StreamLine, summary_entries};
use gmd_probe::run::Fetch;
use gmd_status::board::{Miss, Point, Rows, Seen};
use gmd_status::{DAY_MS, HOUR_MS, HOURLY_KEEP_MS, Hourly, Incident, RAW_KEEP_MS, Sample};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, Env, Request, Response};

/// The D1 binding.
const DB: &str = "STATUS_DB";
/// The Go release whose toolchain each probe looks up.
const DEFAULT_GO: &str = "1.23.4";
/// Fast-moving modules whose newest version each mirror is timed on.
const DEFAULT_FRESH: &[&str] = &["golang.org/x/tools", "golang.org/x/net"];
/// How far back the incident detection reads raw samples each run (open incidents older than
/// that keep their start from the table).
const INCIDENT_WINDOW_MS: i64 = 6 * HOUR_MS;

fn db(env: &Env) -> Result<D1Database, ApiError> {
    env.d1(DB).map_err(internal)
}

fn d1(e: worker::Error) -> ApiError {
    ApiError::Internal(format!("status database: {e}"))
}

/// A comma-separated setting, else `default`.
fn list(env: &Env, name: &str, default: Vec<String>) -> Vec<String> {
    env.var(name)
        .ok()
        .map(|v| v.to_string())
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.split(',')
                .map(|s| s.trim().trim_end_matches('/').to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or(default)
}

/// The mirrors on the board: `GMD_STATUS_MIRRORS`, else the public catalogue.
pub fn mirrors(env: &Env) -> Vec<String> {
    let catalogue = gmd_probe::catalogue::mirrors()
        .iter()
        .map(|m| m.url.trim_end_matches('/').to_owned())
        .collect();
    list(env, "GMD_STATUS_MIRRORS", catalogue)
}

/// The regions probed from: `GMD_STATUS_REGIONS`, else every location hint.
fn regions(env: &Env) -> Vec<String> {
    let all = gmd_probe::REGIONS
        .iter()
        .map(|(code, _, _)| (*code).to_owned())
        .collect();
    list(env, "GMD_STATUS_REGIONS", all)
}

fn number(n: i64) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// What one scheduled run did.
#[derive(Debug, serde::Serialize)]
pub struct RunSummary {
    pub run: i64,
    pub probes: usize,
    pub failed: usize,
    pub subrequests: usize,
    pub rows: usize,
}

/// One scheduled run at `run` (Unix ms).
pub async fn scheduled(env: &Env, run: i64) -> Result<RunSummary, ApiError> {
    let mirrors = mirrors(env);
    let regions = regions(env);
    let go = env
        .var("GMD_STATUS_GO")
        .map(|v| v.to_string())
        .unwrap_or_else(|_| DEFAULT_GO.to_owned());
    let lines = crate::probes::probe_everywhere(env, &mirrors, &regions, Some(go)).await?;
    let reports: Vec<_> = lines
        .into_iter()
        .filter_map(|line| match line {
            StreamLine::Result(report) => Some(*report),
            _ => None,
        })
        .collect();
    let entries = summary_entries(&reports);
    let samples: Vec<Sample> = reports
        .iter()
        .zip(&entries)
        .map(|(report, entry)| Sample::of(report, &entry.verdict.status, run))
        .collect();
    let db = db(env)?;
    let mut statements: Vec<D1PreparedStatement> = Vec::new();
    for s in &samples {
        statements.push(insert_sample(&db, s)?);
    }
    // Freshness: each mirror's newest listed version of the fast-moving modules.
    let fresh = list(
        env,
        "GMD_STATUS_FRESH",
        DEFAULT_FRESH.iter().map(|m| (*m).to_owned()).collect(),
    );
    let mut subrequests = mirrors.len() * regions.len();
    for module in &fresh {
        for mirror in &mirrors {
            subrequests += 1;
            if let Some(version) = newest_listed(mirror, module).await {
                statements.push(
                    db.prepare(
                        "INSERT OR IGNORE INTO freshness (module, version, mirror, first_seen) VALUES (?1, ?2, ?3, ?4)",
                    )
                    .bind(&[
                        module.as_str().into(),
                        version.into(),
                        mirror.as_str().into(),
                        number(run),
                    ])
                    .map_err(d1)?,
                );
            }
        }
    }
    // How long a missing version takes to fail, at each mirror.
    for mirror in &mirrors {
        subrequests += 1;
        let (status, ms) = time_a_miss(mirror).await;
        statements.push(
            db.prepare("INSERT OR REPLACE INTO misses (run, mirror, status, ms) VALUES (?1, ?2, ?3, ?4)")
                .bind(&[number(run), mirror.as_str().into(), number(status), number(ms)])
                .map_err(d1)?,
        );
    }
    let failed = samples.iter().filter(|s| !s.up()).count();
    statements.push(
        db.prepare("INSERT OR REPLACE INTO runs (run, probes, failed) VALUES (?1, ?2, ?3)")
            .bind(&[number(run), number(samples.len() as i64), number(failed as i64)])
            .map_err(d1)?,
    );
    let rows = statements.len();
    db.batch(statements).await.map_err(d1)?;
    let rolled = roll_up(&db, run).await?;
    track_incidents(&db, run).await?;
    forget(&db, run).await?;
    Ok(RunSummary {
        run,
        probes: samples.len(),
        failed,
        subrequests,
        rows: rows + rolled,
    })
}

fn insert_sample(db: &D1Database, s: &Sample) -> Result<D1PreparedStatement, ApiError> {
    db.prepare("INSERT OR REPLACE INTO samples (run, mirror, region, colo, status, kind, ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(&[
            number(s.run),
            s.mirror.as_str().into(),
            s.region.as_str().into(),
            s.colo.as_str().into(),
            s.status.as_str().into(),
            s.kind.as_str().into(),
            number(s.ms),
        ])
        .map_err(d1)
}

pub fn insert_hourly(db: &D1Database, h: &Hourly) -> Result<D1PreparedStatement, ApiError> {
    db.prepare("INSERT OR REPLACE INTO hourly (hour, mirror, region, count, failures, kinds, p50, p95) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(&[
            number(h.hour),
            h.mirror.as_str().into(),
            h.region.as_str().into(),
            number(h.count),
            number(h.failures),
            h.kinds.as_str().into(),
            number(h.p50),
            number(h.p95),
        ])
        .map_err(d1)
}

/// The newest release `mirror` lists for `module` (`@v/list`), if it answers.
async fn newest_listed(mirror: &str, module: &str) -> Option<String> {
    let url = format!("{mirror}/{}/@v/list", gmd_semantics::module::escape(module));
    let fetched = crate::probes::JsFetch
        .fetch("GET", &url, 8_000, 256 * 1024)
        .await
        .ok()?;
    (fetched.status == 200).then_some(())?;
    gmd_status::newest_release(&String::from_utf8_lossy(&fetched.body))
}

/// A release of the default module that no one tagged: the mirror must ask the origin before
/// it can say 404 or 410.
const MISSING_VERSION: &str = "v0.0.1-gomod-doctor.404";

/// The status and the milliseconds of `mirror`'s answer for a version that does not exist
/// (status 0 when no answer came within the step deadline).
async fn time_a_miss(mirror: &str) -> (i64, i64) {
    let url = format!("{mirror}/{}/@v/{MISSING_VERSION}.info", gmd_probe::DEFAULT_MODULE);
    let fetch = crate::probes::JsFetch;
    let started = fetch.now_ms();
    let status = match fetch.fetch("GET", &url, 8_000, 4 * 1024).await {
        Ok(answer) => i64::from(answer.status),
        Err(_) => 0,
    };
    (status, (fetch.now_ms() - started).max(0.0) as i64)
}

async fn samples_since(db: &D1Database, since: i64) -> Result<Vec<Sample>, ApiError> {
    db.prepare(format!("SELECT {SAMPLE_COLUMNS} FROM samples WHERE run >= ?1"))
        .bind(&[number(since)])
        .map_err(d1)?
        .all()
        .await
        .map_err(d1)?
        .results::<Sample>()
        .map_err(d1)
}

/// Recomputes the hourly rows of this hour and the last (a run near the hour's turn may land
/// in either); rows written.
async fn roll_up(db: &D1Database, run: i64) -> Result<usize, ApiError> {
    let hour = run - run.rem_euclid(HOUR_MS);
    let samples = samples_since(db, hour - HOUR_MS).await?;
    let mut rows: Vec<D1PreparedStatement> = gmd_status::rollup(&samples)
        .iter()
        .map(|h| insert_hourly(db, h))
        .collect::<Result<_, _>>()?;
    let n = rows.len();
    // Today's row, and yesterday's when the last hour began then.
    rows.push(roll_up_days(db, hour - HOUR_MS)?);
    db.batch(rows).await.map_err(d1)?;
    Ok(n + 1)
}

/// Recomputes the daily rows of the days from `from` (Unix ms, any time of day) to now from the
/// hourly rows: one statement, summed by the database (the latency: the mean of the hours'
/// medians, over the hours something served).
fn roll_up_days(db: &D1Database, from: i64) -> Result<D1PreparedStatement, ApiError> {
    db.prepare(
        "INSERT OR REPLACE INTO daily (day, mirror, count, failures, p50) \
         SELECT hour - (hour % 86400000) AS day, mirror, SUM(count), SUM(failures), COALESCE(CAST(AVG(NULLIF(p50, 0)) AS INTEGER), 0) \
         FROM hourly WHERE hour >= ?1 GROUP BY day, mirror",
    )
    .bind(&[number(from - from.rem_euclid(DAY_MS))])
    .map_err(d1)
}

/// An incident as a row holds it.
#[derive(serde::Deserialize)]
struct IncidentRow {
    mirror: String,
    start: i64,
    end: Option<i64>,
    regions: String,
    endpoints: String,
}

/// The incidents a query of `incidents` returned.
fn incidents_of(result: worker::D1Result) -> Result<Vec<Incident>, ApiError> {
    Ok(result
        .results::<IncidentRow>()
        .map_err(d1)?
        .into_iter()
        .map(IncidentRow::incident)
        .collect())
}

impl IncidentRow {
    fn incident(self) -> Incident {
        let split = |s: &str| s.split(',').filter(|x| !x.is_empty()).map(str::to_owned).collect();
        Incident {
            regions: split(&self.regions),
            endpoints: split(&self.endpoints),
            mirror: self.mirror,
            start: self.start,
            end: self.end,
        }
    }
}

/// Incidents from the last hours' samples, merged with those still open in the table.
async fn track_incidents(db: &D1Database, run: i64) -> Result<(), ApiError> {
    let since = run - INCIDENT_WINDOW_MS;
    let samples = samples_since(db, since).await?;
    let first_run = samples.iter().map(|s| s.run).min().unwrap_or(run);
    let open = incidents_of(
        db.prepare("SELECT mirror, start, \"end\", regions, endpoints FROM incidents WHERE \"end\" IS NULL")
            .all()
            .await
            .map_err(d1)?,
    )?;
    let mut statements = Vec::new();
    let found = gmd_status::incidents(&samples);
    for mut incident in found {
        // Begun before the window: the open row's start is the real one.
        if let Some(earlier) = open
            .iter()
            .find(|o| o.mirror == incident.mirror && o.start < since && incident.start <= first_run)
        {
            statements.push(delete_incident(db, earlier)?);
            incident.start = earlier.start;
            for r in &earlier.regions {
                if !incident.regions.contains(r) {
                    incident.regions.push(r.clone());
                }
            }
            for e in &earlier.endpoints {
                if !incident.endpoints.contains(e) {
                    incident.endpoints.push(e.clone());
                }
            }
        }
        statements.push(
            db.prepare("INSERT OR REPLACE INTO incidents (mirror, start, \"end\", regions, endpoints) VALUES (?1, ?2, ?3, ?4, ?5)")
                .bind(&[
                    incident.mirror.as_str().into(),
                    number(incident.start),
                    incident.end.map_or(JsValue::NULL, number),
                    incident.regions.join(",").into(),
                    incident.endpoints.join(",").into(),
                ])
                .map_err(d1)?,
        );
    }
    if !statements.is_empty() {
        db.batch(statements).await.map_err(d1)?;
    }
    Ok(())
}

fn delete_incident(db: &D1Database, incident: &Incident) -> Result<D1PreparedStatement, ApiError> {
    db.prepare("DELETE FROM incidents WHERE mirror = ?1 AND start = ?2")
        .bind(&[incident.mirror.as_str().into(), number(incident.start)])
        .map_err(d1)
}

/// Raw samples after 48 hours, the rest after 90 days.
async fn forget(db: &D1Database, run: i64) -> Result<(), ApiError> {
    let raw = run - RAW_KEEP_MS;
    let old = run - HOURLY_KEEP_MS;
    let statements = [
        ("DELETE FROM samples WHERE run < ?1", raw),
        ("DELETE FROM runs WHERE run < ?1", raw),
        ("DELETE FROM misses WHERE run < ?1", raw),
        ("DELETE FROM hourly WHERE hour < ?1", old),
        ("DELETE FROM daily WHERE day < ?1", old),
        ("DELETE FROM incidents WHERE start < ?1 AND \"end\" IS NOT NULL", old),
        ("DELETE FROM freshness WHERE first_seen < ?1", old),
    ]
    .into_iter()
    .map(|(sql, before)| db.prepare(sql).bind(&[number(before)]).map_err(d1))
    .collect::<Result<Vec<_>, _>>()?;
    db.batch(statements).await.map_err(d1)?;
    Ok(())
}

/// The columns of a `Sample`.
const SAMPLE_COLUMNS: &str = "run, mirror, region, colo, status, kind, ms";

/// The incidents of the last 90 days and those still open, newest first.
fn incidents_query(db: &D1Database, now: i64) -> Result<D1PreparedStatement, ApiError> {
    db.prepare("SELECT mirror, start, \"end\", regions, endpoints FROM incidents WHERE start >= ?1 OR \"end\" IS NULL ORDER BY start DESC LIMIT 100")
        .bind(&[number(now - 90 * DAY_MS)])
        .map_err(d1)
}

/// The board as of `now`.
pub async fn board(env: &Env, now: i64) -> Result<gmd_status::board::Board, ApiError> {
    let db = db(env)?;
    let hour = now - now.rem_euclid(HOUR_MS);
    let statements = vec![
        db.prepare(format!("SELECT {SAMPLE_COLUMNS} FROM samples WHERE run = (SELECT MAX(run) FROM samples)")),
        db.prepare("SELECT mirror, hour AS at, SUM(count) AS count, SUM(failures) AS failures, MAX(p50) AS p50 FROM hourly WHERE hour >= ?1 GROUP BY mirror, hour")
            .bind(&[number(hour - 7 * DAY_MS)])
            .map_err(d1)?,
        db.prepare("SELECT mirror, day AS at, count, failures, p50 FROM daily WHERE day >= ?1")
            .bind(&[number(now - 90 * DAY_MS)])
            .map_err(d1)?,
        incidents_query(&db, now)?,
        db.prepare("SELECT module, version, mirror, first_seen FROM freshness WHERE first_seen >= ?1")
            .bind(&[number(now - 90 * DAY_MS)])
            .map_err(d1)?,
        db.prepare("SELECT mirror, status, ms FROM misses WHERE run >= ?1")
            .bind(&[number(now - DAY_MS)])
            .map_err(d1)?,
    ];
    let results = db.batch(statements).await.map_err(d1)?;
    let [current, hours, days, incidents, seen, misses] = <[worker::D1Result; 6]>::try_from(results)
        .map_err(|_| ApiError::Internal("status database: six results expected".to_owned()))?;
    let current: Vec<Sample> = current.results().map_err(d1)?;
    let hours: Vec<Point> = hours.results().map_err(d1)?;
    let days: Vec<Point> = days.results().map_err(d1)?;
    let incidents = incidents_of(incidents)?;
    let seen: Vec<Seen> = seen.results().map_err(d1)?;
    let misses: Vec<Miss> = misses.results().map_err(d1)?;
    Ok(gmd_status::board::assemble(
        now,
        &mirrors(env),
        &Rows {
            current: &current,
            hours: &hours,
            days: &days,
            incidents: &incidents,
            seen: &seen,
            misses: &misses,
        },
    ))
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A response with `content_type`, cached a minute (the board changes every five).
fn text(body: String, content_type: &str, status: u16) -> Result<Response, ApiError> {
    let mut response = Response::ok(body).map_err(internal)?.with_status(status);
    let headers = response.headers_mut();
    headers.set("Content-Type", content_type).map_err(internal)?;
    headers.set("Cache-Control", "public, max-age=60").map_err(internal)?;
    secure(response).map_err(internal)
}

/// `GET /status`.
pub async fn page(req: &Request, env: &Env) -> Result<Response, ApiError> {
    let board = board(env, now_ms()).await?;
    let html = gmd_status::html::page(
        &board,
        crate::http::lang_of(req),
        crate::http::public_origin(env).as_deref(),
    );
    let mut response = text(html, "text/html; charset=utf-8", 200)?;
    // The page's own policy: its style sheet, badges and the script that shows times in the
    // reader's zone, from this site, nothing else.
    response
        .headers_mut()
        .set(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'",
        )
        .map_err(internal)?;
    Ok(response)
}

/// `GET /api/status`.
pub async fn json(env: &Env) -> Result<Response, ApiError> {
    let board = board(env, now_ms()).await?;
    let body = serde_json::to_string(&board).map_err(|e| ApiError::Internal(e.to_string()))?;
    text(body, "application/json", 200)
}

/// One mirror over the last hour (`GET /api/status/recent`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Recent {
    pub mirror: String,
    pub probes: i64,
    pub failures: i64,
}

/// `GET /api/status/recent`: each mirror's probes and failures over the last hour, from every
/// region (what the probe panel shows next to a fresh probe).
pub async fn recent(env: &Env) -> Result<Response, ApiError> {
    let db = db(env)?;
    let rows: Vec<Recent> = db
        .prepare("SELECT mirror, COUNT(*) AS probes, SUM(status NOT IN ('ok', 'stale')) AS failures FROM samples WHERE run >= ?1 GROUP BY mirror")
        .bind(&[number(now_ms() - HOUR_MS)])
        .map_err(d1)?
        .all()
        .await
        .map_err(d1)?
        .results()
        .map_err(d1)?;
    let body = serde_json::json!({ "mirrors": rows });
    text(body.to_string(), "application/json", 200)
}

/// `GET /status/feed.atom`: only the incidents and the last run are read.
pub async fn feed(env: &Env) -> Result<Response, ApiError> {
    let db = db(env)?;
    let now = now_ms();
    let results = db
        .batch(vec![
            incidents_query(&db, now)?,
            db.prepare("SELECT MAX(run) AS run FROM samples"),
        ])
        .await
        .map_err(d1)?;
    let [incidents, last] = <[worker::D1Result; 2]>::try_from(results)
        .map_err(|_| ApiError::Internal("status database: two results expected".to_owned()))?;
    let incidents = incidents_of(incidents)?;
    #[derive(serde::Deserialize)]
    struct Last {
        run: Option<i64>,
    }
    let updated = last
        .results::<Last>()
        .map_err(d1)?
        .first()
        .and_then(|l| l.run)
        .unwrap_or(now);
    text(
        gmd_status::feed::atom(&incidents, crate::http::public_origin(env).as_deref(), updated),
        "application/atom+xml; charset=utf-8",
        200,
    )
}

/// `GET /status/badge/<slug>.svg`: the mirror's state in the last run and its uptime over 7
/// days; only that mirror's rows are read.
pub async fn badge(slug: &str, env: &Env) -> Result<Response, ApiError> {
    let Some(mirror) = mirrors(env).into_iter().find(|m| gmd_status::slug(m) == slug) else {
        return text(
            gmd_status::svg::badge("mirror", "unknown", "unknown"),
            "image/svg+xml",
            404,
        );
    };
    let db = db(env)?;
    let now = now_ms();
    let hour = now - now.rem_euclid(HOUR_MS);
    let results = db
        .batch(vec![
            db.prepare(format!("SELECT {SAMPLE_COLUMNS} FROM samples WHERE run = (SELECT MAX(run) FROM samples) AND mirror = ?1"))
                .bind(&[mirror.as_str().into()])
                .map_err(d1)?,
            db.prepare("SELECT mirror, hour AS at, SUM(count) AS count, SUM(failures) AS failures, MAX(p50) AS p50 FROM hourly WHERE mirror = ?1 AND hour >= ?2 GROUP BY hour")
                .bind(&[mirror.as_str().into(), number(hour - 7 * DAY_MS)])
                .map_err(d1)?,
            // Whether the last run reached any mirror at all (a cut-off prober says nothing).
            db.prepare("SELECT COUNT(DISTINCT mirror) AS mirrors, SUM(status IN ('ok', 'stale')) AS up FROM samples WHERE run = (SELECT MAX(run) FROM samples)"),
        ])
        .await
        .map_err(d1)?;
    let [current, hours, last] = <[worker::D1Result; 3]>::try_from(results)
        .map_err(|_| ApiError::Internal("status database: three results expected".to_owned()))?;
    let current: Vec<Sample> = current.results().map_err(d1)?;
    let hours: Vec<Point> = hours.results().map_err(d1)?;
    #[derive(serde::Deserialize)]
    struct Last {
        mirrors: i64,
        up: Option<i64>,
    }
    let cut_off = last
        .results::<Last>()
        .map_err(d1)?
        .first()
        .is_some_and(|l| l.mirrors >= 2 && l.up == Some(0));
    let board = gmd_status::board::assemble(now, std::slice::from_ref(&mirror), &Rows::recent(&current, &hours));
    let Some(on_board) = board.mirrors.first() else {
        return Err(ApiError::Internal("the board lost its mirror".to_owned()));
    };
    let state = if cut_off { "unknown" } else { on_board.state.as_str() };
    let value = match (state, on_board.uptime_7d) {
        ("unknown", _) | (_, None) => "no data".to_owned(),
        (_, Some(u)) => format!("{} 7d", gmd_status::svg::percent(u)),
    };
    text(
        gmd_status::svg::badge(&gmd_probe::report::short_mirror(&mirror), &value, state),
        "image/svg+xml",
        200,
    )
}

/// `POST /api/status/simulate` (test mode only): `{"days", "failing"?}` writes that many days of
/// hourly rollups for the configured mirrors and regions, through the same statements the
/// scheduled run uses, ending with the hour before now; `failing` names a mirror that failed a
/// tenth of the time. For tests and benchmarks of the board with a long history.
pub async fn simulate(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    #[derive(serde::Deserialize)]
    struct Ask {
        days: i64,
        #[serde(default)]
        failing: Option<String>,
    }
    if !crate::http::test_mode(env) {
        return Err(ApiError::NotFound {
            path: "/api/status/simulate".to_owned(),
        });
    }
    let ask: Ask = req.json().await.map_err(|e| ApiError::BadParameter {
        name: "body",
        message: e.to_string(),
    })?;
    let (mirrors, regions) = (mirrors(env), regions(env));
    let now = now_ms();
    let last = now - now.rem_euclid(HOUR_MS) - HOUR_MS;
    let db = db(env)?;
    let mut written = 0;
    let mut batch = Vec::new();
    for h in 0..ask.days.clamp(1, 90) * 24 {
        let hour = last - h * HOUR_MS;
        for mirror in &mirrors {
            for region in &regions {
                let fails = ask.failing.as_deref() == Some(mirror.as_str()) && h % 10 == 0;
                batch.push(insert_hourly(
                    &db,
                    &Hourly {
                        hour,
                        mirror: mirror.clone(),
                        region: region.clone(),
                        count: 12,
                        failures: if fails { 12 } else { 0 },
                        kinds: if fails {
                            "info:http_error=12".to_owned()
                        } else {
                            String::new()
                        },
                        p50: 90 + h % 40,
                        p95: 180 + h % 70,
                    },
                )?);
                if batch.len() == 500 {
                    written += batch.len();
                    db.batch(std::mem::take(&mut batch)).await.map_err(d1)?;
                }
            }
        }
    }
    written += batch.len();
    // The days, as the scheduled run rolls them up.
    batch.push(roll_up_days(&db, last - ask.days.clamp(1, 90) * 24 * HOUR_MS)?);
    db.batch(batch).await.map_err(d1)?;
    crate::http::json(200, &serde_json::json!({ "rows": written })).map_err(internal)
}
