-- 0120 (issue #13, part 1): every hot path reads a bounded number of rows whatever the history.
-- The letter list pages by (updated_at, id) newest first, alone or within one status or register; the sort key
-- carries the id so ties page without gaps, and the index gives the order (no sort of every letter).
-- (status, updated_at, id) serves everything (status, updated_at) did, so that one goes.
DROP INDEX letters_status;
CREATE INDEX letters_status_updated ON letters (status, updated_at, id);
CREATE INDEX letters_updated ON letters (updated_at, id);
CREATE INDEX letters_register_updated ON letters (register_id, updated_at, id);
-- The Inspektorat's landing page and the violation form: sent letters, newest sent first.
CREATE INDEX letters_sent ON letters (sent_at, id);
-- An OPD's history pages by (created_at, letter_id) of its recipients rows; replaces (opd_id, created_at).
DROP INDEX recipients_opd;
CREATE INDEX recipients_opd_created ON recipients (opd_id, created_at, letter_id);
-- The outbox claim takes due rows of two kinds: pending ones by next_attempt_at (outbox_due) and 'sending' ones
-- whose lock has expired, by locked_until. Sent rows, the bulk of the table, are in neither range.
CREATE INDEX outbox_lock ON outbox (status, locked_until);
