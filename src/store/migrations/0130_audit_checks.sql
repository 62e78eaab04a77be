-- Each audit chain check and its result, so pages show the last one instead of running one. An incremental
-- check (from the latest signed checkpoint) is recorded finished; a full re-check is a job that runs in slices
-- and keeps its position (the last verified seq and hash) here, so it resumes after a restart.
CREATE TABLE audit_checks (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('incremental', 'full')),
  status        TEXT NOT NULL CHECK (status IN ('running', 'intact', 'broken', 'refused')),
  -- A user id, or 'system' for the background checkpoint round and the cron.
  started_by    TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  -- The head seq when the job started (its progress is rows_read of this); null for an incremental check.
  rows_total    INTEGER,
  -- Where the check stands: the last verified row (0 and 64 zeros before the first).
  position_seq  INTEGER NOT NULL DEFAULT 0,
  position_hash TEXT NOT NULL,
  -- A checkpoint the Inspektorat kept outside edaran, already checked, that the job also holds the chain to.
  kept_seq      INTEGER,
  kept_hash     TEXT,
  -- The break: the first bad row and why ('changed', 'removed', 'inserted'), or the refused checkpoint's problem.
  first_bad_seq INTEGER,
  reason        TEXT
);
-- At most one full job runs at a time: starting another returns the running one.
CREATE UNIQUE INDEX audit_checks_one_running ON audit_checks (kind) WHERE status = 'running';
CREATE INDEX audit_checks_by_finished ON audit_checks (finished_at) WHERE finished_at IS NOT NULL;
