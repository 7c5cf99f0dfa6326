-- A day of a mirror, summed over regions from `hourly` (the 90-day chart reads 90 rows per
-- mirror, not 2,160 per region); kept 90 days.
CREATE TABLE daily (
  day INTEGER NOT NULL,
  mirror TEXT NOT NULL,
  count INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  -- The mean of the hours' median latencies.
  p50 INTEGER NOT NULL,
  PRIMARY KEY (day, mirror)
);
