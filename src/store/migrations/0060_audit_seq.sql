-- The highest audit_log seq ever written. A new row takes one more than this (or than the newest row), so after
-- the newest rows were deleted their numbers are never given out again: the gap stays and the chain check names
-- the first deleted row instead of a newcomer that took its number.
CREATE TABLE audit_seq (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  last INTEGER NOT NULL
);
INSERT INTO audit_seq (id, last)
SELECT 1, max(coalesce((SELECT max(seq) FROM audit_log), 0), coalesce((SELECT seq FROM audit_anchor WHERE id = 1), 0));
