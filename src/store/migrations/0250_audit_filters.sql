-- 0250 (issue #15): the Inspektorat filters the audit log by action, actor and OPD (the subject of its rows), newest
-- first; each filter walks its own index in seq order and stops at the page's LIMIT.
CREATE INDEX audit_action ON audit_log (action, seq);
CREATE INDEX audit_actor ON audit_log (actor, seq);
CREATE INDEX audit_subject ON audit_log (subject, seq);
