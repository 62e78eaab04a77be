-- The audit chain's head, written in the same atomic batch as every audit_log insert. Deleting the last
-- audit rows leaves a chain that is still consistent; comparing with this row shows it. (Someone who can
-- delete rows can also rewrite this one: copy the head elsewhere, e.g. into reports, for a stronger check.)
CREATE TABLE audit_anchor (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at   TEXT NOT NULL
);
