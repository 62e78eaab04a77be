-- What a runtime has already done once for this database (issue #13): a Worker isolate's start-up seeding is
-- skipped with one read when the mark's fingerprint matches, instead of ~56 idempotent statements on every cold
-- start (over the 50-call budget of the request that pays for it).
CREATE TABLE runtime_marks (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  at TEXT NOT NULL
);
