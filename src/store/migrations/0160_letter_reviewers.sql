-- 0160 (issue #13, part 1 follow-ups): the lookups that still walked a whole history.
-- Who gives paraf on a letter, one row per reviewer, beside reviewers_json (which keeps the order): a kepala
-- OPD's list finds the letters they review through (user_id, letter_id) instead of matching the JSON of every
-- letter. Written in the same batch as reviewers_json (letters-repo.ts reviewerRowsQueries).
CREATE TABLE letter_reviewers (
  letter_id TEXT NOT NULL REFERENCES letters(id),
  user_id   TEXT NOT NULL,
  PRIMARY KEY (letter_id, user_id)
);
CREATE INDEX letter_reviewers_user ON letter_reviewers (user_id, letter_id);
-- The backfill, the same on SQLite and D1 (both have json_each); a row that is not a JSON array adds nothing.
INSERT OR IGNORE INTO letter_reviewers (letter_id, user_id)
  SELECT l.id, j.value FROM letters l, json_each(CASE WHEN json_valid(l.reviewers_json) THEN l.reviewers_json ELSE '[]' END) j
  WHERE j.type = 'text';
-- The letter page's latest message per recipient joins outbox on recipient_id: without this it scanned the outbox.
CREATE INDEX outbox_recipient ON outbox (recipient_id, kind, created_at);
-- The compliance matrix counts a letter's violations per OPD.
CREATE INDEX violations_letter ON violations (letter_id, opd_id);
