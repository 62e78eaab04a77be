-- Reminders with a policy (issue #13): a recipient that reached the Pemda's cap or is too long past the deadline
-- is escalated once instead of being reminded forever.
ALTER TABLE recipients ADD COLUMN escalated_at TEXT;
ALTER TABLE recipients ADD COLUMN escalation_reason TEXT; -- cap_reached | too_late

-- The reminder round's candidates, due first and oldest first: only recipients still waiting for a reminder are
-- in it (acknowledged, escalated and unreachable ones leave), so a round reads at most its limit of entries
-- below the cutoff whatever the history. The round's query repeats this expression and WHERE word for word.
CREATE INDEX recipients_reminder_due ON recipients (coalesce(last_reminded_at, sent_at), id)
  WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND bounced_at IS NULL AND status IN ('sent', 'delivered');
