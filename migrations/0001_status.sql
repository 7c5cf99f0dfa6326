-- The status board's history (D1, binding STATUS_DB). Times are Unix milliseconds.

-- Each mirror probed from each region in each scheduled run; kept 48 hours.
CREATE TABLE samples (
  run INTEGER NOT NULL,
  mirror TEXT NOT NULL,
  region TEXT NOT NULL,
  colo TEXT NOT NULL DEFAULT '',
  -- The verdict after comparing the mirrors (ok, stale, mismatch, not_found, degraded, broken, down).
  status TEXT NOT NULL,
  -- What failed first, step:outcome (info:http_error); empty when the mirror served.
  kind TEXT NOT NULL DEFAULT '',
  ms INTEGER NOT NULL,
  PRIMARY KEY (mirror, region, run)
);
-- The last run's samples, and the rollup's and incidents' recent windows.
CREATE INDEX samples_run ON samples (run);

-- Each scheduled run; kept 48 hours.
CREATE TABLE runs (
  run INTEGER PRIMARY KEY,
  probes INTEGER NOT NULL,
  failed INTEGER NOT NULL
);

-- An hour of a mirror from a region; kept 90 days.
CREATE TABLE hourly (
  hour INTEGER NOT NULL,
  mirror TEXT NOT NULL,
  region TEXT NOT NULL,
  count INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  -- Failures by kind, kind=count, most frequent first.
  kinds TEXT NOT NULL DEFAULT '',
  p50 INTEGER NOT NULL,
  p95 INTEGER NOT NULL,
  PRIMARY KEY (mirror, region, hour)
);
-- The board's windows (24 hours, 7 days, 90 days) read by hour across mirrors.
CREATE INDEX hourly_hour ON hourly (hour);

-- Consecutive failing runs of a mirror; kept 90 days after they end.
CREATE TABLE incidents (
  mirror TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER,
  regions TEXT NOT NULL,
  endpoints TEXT NOT NULL,
  PRIMARY KEY (mirror, start)
);
CREATE INDEX incidents_start ON incidents (start);

-- When each mirror first listed a version of a fast-moving module; kept 90 days.
CREATE TABLE freshness (
  module TEXT NOT NULL,
  version TEXT NOT NULL,
  mirror TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  PRIMARY KEY (module, version, mirror)
);
