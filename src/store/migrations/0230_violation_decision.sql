-- 0230 (issue #15): a violation case moves through its lifecycle (dilaporkan, diperiksa, then dijatuhi sanksi or
-- tidak terbukti); the decision's note (why it was not proven, or what the examination found) is kept with it.
-- Each step is also an audit row (violation.updated) with who, when, from and to.
ALTER TABLE violations ADD COLUMN decision_note TEXT;
ALTER TABLE violations ADD COLUMN decided_at TEXT;
