-- 0240 (issue #15, "Perlu tindakan saya"): what waits for each person is read through small partial indexes, so the
-- page and its count in the menu cost the same in a Pemda's fifth year as in its first month: only open rows are
-- in them (a delivery problem, an OPD that has not acknowledged or not reported, an escalated OPD). Problems and
-- escalations are read by time, newest first, for the recent ones only: they pile up in a history whose letters are
-- never closed, and the history bench showed a list of all of them growing with it.
CREATE INDEX recipients_problem ON recipients (created_at) WHERE status IN ('failed', 'bounced');
CREATE INDEX recipients_opd_open ON recipients (opd_id, created_at) WHERE acknowledged_at IS NULL;
CREATE INDEX recipients_opd_unreported ON recipients (opd_id, created_at)
  WHERE acknowledged_at IS NOT NULL AND reported_at IS NULL;
CREATE INDEX recipients_escalated_open ON recipients (escalated_at)
  WHERE escalated_at IS NOT NULL AND acknowledged_at IS NULL;
