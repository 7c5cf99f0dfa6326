-- How long each mirror takes to say a version does not exist (a 404 or 410 for a release no
-- one tagged, which the mirror must look up at the origin): one request per mirror per run,
-- kept 48 hours.
CREATE TABLE misses (
  run INTEGER NOT NULL,
  mirror TEXT NOT NULL,
  -- The HTTP status, 0 when no answer came.
  status INTEGER NOT NULL,
  ms INTEGER NOT NULL,
  PRIMARY KEY (mirror, run)
);
CREATE INDEX misses_run ON misses (run);
