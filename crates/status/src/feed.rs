//! The incidents as an Atom feed (`/status/feed.atom`): an entry per incident, updated when it
//! ends. Ids are `tag:` URIs, so they hold without knowing the site's address; links are
//! absolute when the deployment names its origin.

use crate::svg::escape;
use crate::{Incident, iso};

/// The feed of `incidents` (newest first), `origin` the site's `https://` address if known,
/// `updated` the last run's time.
pub fn atom(incidents: &[Incident], origin: Option<&str>, updated: i64) -> String {
    let base = origin.unwrap_or_default().trim_end_matches('/');
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Go module mirrors: incidents</title>\n<subtitle>Consecutive failed probes of Go module mirrors, from Go Module Doctor's scheduled probes</subtitle>\n<id>tag:gomod-doctor,2026:status</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/status\"/>\n<link rel=\"self\" href=\"{base}/status/feed.atom\"/>\n<updated>{}</updated>\n<author><name>Go Module Doctor</name></author>\n",
        iso(updated)
    );
    for incident in incidents {
        let anchor = anchor(incident);
        let mirror = gmd_probe::report::short_mirror(&incident.mirror);
        let title = match incident.end {
            Some(_) => format!("{mirror}: failed from {} (resolved)", incident.regions.join(", ")),
            None => format!("{mirror}: failing from {}", incident.regions.join(", ")),
        };
        let text = format!(
            "{} failed from {} since {}{}; the requests that failed: {}.",
            incident.mirror,
            incident.regions.join(", "),
            iso(incident.start),
            incident
                .end
                .map(|e| format!(" until {}", iso(e)))
                .unwrap_or_else(|| ", still failing".to_owned()),
            incident.endpoints.join(", ")
        );
        out.push_str(&format!(
            "<entry>\n<id>tag:gomod-doctor,2026:incident/{anchor}</id>\n<title>{}</title>\n<published>{}</published>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/status#{anchor}\"/>\n<content type=\"text\">{}</content>\n</entry>\n",
            escape(&title),
            iso(incident.start),
            iso(incident.end.unwrap_or(incident.start)),
            escape(&text)
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// The incident's anchor on the board and the end of its feed id.
pub fn anchor(incident: &Incident) -> String {
    format!(
        "incident-{}-{}",
        crate::slug(&incident.mirror).replace([':', '.'], "-"),
        incident.start
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_per_incident_escaped_with_stable_ids() {
        let incidents = vec![
            Incident {
                mirror: "https://goproxy.io".to_owned(),
                start: 1_000_000,
                end: None,
                regions: vec!["apac".to_owned()],
                endpoints: vec!["info".to_owned(), "zip".to_owned()],
            },
            Incident {
                mirror: "https://a.example/<x>".to_owned(),
                start: 0,
                end: Some(600_000),
                regions: vec!["weur".to_owned()],
                endpoints: vec!["list".to_owned()],
            },
        ];
        let feed = atom(&incidents, Some("https://doctor.example/"), 2_000_000);
        assert_eq!(feed.matches("<entry>").count(), 2);
        assert!(
            feed.contains("<id>tag:gomod-doctor,2026:incident/incident-goproxy-io-1000000</id>"),
            "{feed}"
        );
        assert!(feed.contains("<title>goproxy.io: failing from apac</title>"));
        assert!(feed.contains("href=\"https://doctor.example/status#incident-goproxy-io-1000000\""));
        assert!(feed.contains("a.example/&lt;x&gt;: failed from weur (resolved)"));
        assert!(feed.contains("<updated>1970-01-01T00:10:00Z</updated>"));
        assert!(!atom(&[], None, 0).contains("<entry>"));
    }
}
