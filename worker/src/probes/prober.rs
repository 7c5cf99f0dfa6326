//! The `Prober` Durable Object: probes from the region it was created in.

use super::cache::{CACHE_SECONDS, cache_key};
use super::fetch::JsFetch;
use super::modcheck::Batch;
use super::{Job, Settings, prepare, proxy_target};
use crate::http::colo;
use crate::routes::ApiError;
use gmd_probe::modcheck::{RequireReport, check};
use gmd_probe::note::NoteVerifier;
use gmd_probe::recent::Recent;
use gmd_probe::run::{self, Limits};
use std::cell::RefCell;
use std::rc::Rc;
use worker::{DurableObject, Env, Request, Response, State, durable_object};

/// Results a `Prober` keeps (a report is a few KiB).
const RECENT_CAPACITY: usize = 512;

/// The probe worker in a region. It keeps its recent results in memory: a result is reused
/// where it was measured, with no round trip to a cache service before each probe.
/// Requirement checks a `Prober` keeps.
const CHECKED_CAPACITY: usize = 2048;

#[durable_object]
#[derive(Debug)]
pub struct Prober {
    recent: RefCell<Recent>,
    /// Requirement checks of the last ten minutes: `(proxy module@version, when, report)`.
    checked: RefCell<Vec<(String, f64, RequireReport)>>,
    /// The checksum database's key, parsed once.
    verifier: RefCell<Option<Rc<NoteVerifier>>>,
    env: Env,
}

impl DurableObject for Prober {
    fn new(_state: State, env: Env) -> Self {
        Prober {
            recent: RefCell::new(Recent::new(f64::from(CACHE_SECONDS) * 1000.0, RECENT_CAPACITY)),
            checked: RefCell::default(),
            verifier: RefCell::default(),
            env,
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        if req.path() == "/modcheck" {
            return self.modcheck(req).await;
        }
        let job: Job = match req.json().await {
            Ok(job) => job,
            Err(e) => return Response::error(format!("bad job: {e}"), 400),
        };
        let settings = Settings::from_env(&self.env);
        // The front validated the target; the object checks again rather than trust its caller.
        let prepared = match prepare(job.request, &settings) {
            Ok(p) => p,
            Err(e) => return Response::error(e.message(), 400),
        };
        let limits = Limits {
            step_ms: job.step_ms.min(run::DEFAULT_TIMEOUT_MS),
            probe_ms: job.probe_ms.min(run::DEFAULT_TIMEOUT_MS),
        };
        let key = cache_key(&prepared, limits, job.region.as_deref());
        let kept = match job.fresh {
            true => None,
            false => self.recent.borrow().get(&key, js_sys::Date::now()),
        };
        if let Some(report) = kept {
            return Response::from_json(&report);
        }
        let verifier = match self.verifier(&settings) {
            Ok(v) => v,
            Err(e) => return Response::error(e.message(), e.status()),
        };
        let mut report = run::probe(&JsFetch, &prepared, limits, &verifier).await;
        report.region = job.region;
        report.colo = colo(&req);
        self.recent.borrow_mut().put(key, report.clone(), js_sys::Date::now());
        Response::from_json(&report)
    }
}

impl Prober {
    /// A batch of a go.mod's requirements, each checked on the proxy (or taken from the last ten
    /// minutes' results).
    async fn modcheck(&self, mut req: Request) -> worker::Result<Response> {
        let batch: Batch = match req.json().await {
            Ok(batch) => batch,
            Err(e) => return Response::error(format!("bad batch: {e}"), 400),
        };
        let settings = Settings::from_env(&self.env);
        // The front checked the proxy; the object checks again rather than trust its caller.
        if let Err(e) = proxy_target(batch.proxy.clone(), &settings) {
            return Response::error(e.message(), 400);
        }
        let limits = Limits::default();
        let items: Vec<_> = batch.items.iter().take(super::modcheck::BATCH).collect();
        let key = |item: &gmd_probe::modcheck::Item| format!("{} {item:?}", batch.proxy);
        let now = js_sys::Date::now();
        let kept: Vec<Option<RequireReport>> = items
            .iter()
            .map(|item| {
                let key = key(item);
                self.checked
                    .borrow()
                    .iter()
                    .find(|(k, at, _)| *k == key && now - at < super::modcheck::CACHE_MS)
                    .map(|(_, _, r)| r.clone())
            })
            .collect();
        // What is not kept is checked all at once: a batch takes as long as its slowest line.
        let fresh = gmd_probe::run::join_all(
            items
                .iter()
                .zip(&kept)
                .filter(|(_, kept)| kept.is_none())
                .map(|(item, _)| {
                    Box::pin(check(&JsFetch, &batch.proxy, item, limits))
                        as std::pin::Pin<Box<dyn std::future::Future<Output = RequireReport> + '_>>
                })
                .collect(),
        )
        .await;
        let mut fresh = fresh.into_iter();
        let mut reports = Vec::new();
        for (item, kept) in items.iter().zip(kept) {
            let report = match kept {
                Some(report) => report,
                None => {
                    let report = fresh
                        .next()
                        .unwrap_or_else(|| RequireReport::unreachable(item, "not checked".to_owned()));
                    let mut checked = self.checked.borrow_mut();
                    let key = key(item);
                    checked.retain(|(k, at, _)| *k != key && now - at < super::modcheck::CACHE_MS);
                    if checked.len() >= CHECKED_CAPACITY {
                        checked.remove(0);
                    }
                    checked.push((key, now, report.clone()));
                    report
                }
            };
            reports.push(report);
        }
        Response::from_json(&reports)
    }

    fn verifier(&self, settings: &Settings) -> Result<Rc<NoteVerifier>, ApiError> {
        if let Some(v) = self.verifier.borrow().as_ref() {
            return Ok(Rc::clone(v));
        }
        let v = Rc::new(settings.verifier()?);
        *self.verifier.borrow_mut() = Some(Rc::clone(&v));
        Ok(v)
    }
}
