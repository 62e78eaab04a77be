-- 0220 (issue #13): the Inspektorat's OPD history page costs the same in a Pemda's fifth year as in its first month.
-- Its period totals were one aggregate over every recipients row of the OPD (36-54 ms at 5,000 letters). Now they
-- are kept per OPD and WIB month of sending by triggers, so that every writer (the send, the outbox, the
-- acknowledgement, the reminder job, D1 or SQLite) keeps them right without knowing of them; the page sums the
-- whole months of its period here and counts only the partial months at its edges live (src/track/opd-totals.ts).
--
-- Per row: received; acknowledged; acknowledged at or after the deadline's end; milliseconds from sent to
-- acknowledged (sum and count, for the average); not acknowledged and flagged overdue by the reminder job; not
-- acknowledged, not flagged, with a deadline. "Overdue" depends on the clock, so the page subtracts from the last
-- the few rows whose deadline has not ended yet. The deadline's end is the rule of ackDeadlineEnd
-- (src/domain/recipient-status.ts): a calendar date ends at the next midnight WIB, an instant is itself.
-- month is '' for rows not sent yet; only an unbounded period counts them.
CREATE TABLE opd_month_totals (
  opd_id            TEXT NOT NULL,
  month             TEXT NOT NULL,
  received          INTEGER NOT NULL DEFAULT 0,
  acknowledged      INTEGER NOT NULL DEFAULT 0,
  acknowledged_late INTEGER NOT NULL DEFAULT 0,
  ack_ms_sum        INTEGER NOT NULL DEFAULT 0,
  ack_ms_count      INTEGER NOT NULL DEFAULT 0,
  open_flagged      INTEGER NOT NULL DEFAULT 0,
  open_deadlined    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (opd_id, month)
);

INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  SELECT r.opd_id, coalesce(strftime('%Y-%m', r.sent_at, '+7 hours'), ''), count(*),
    sum(r.acknowledged_at IS NOT NULL),
    sum(r.acknowledged_at IS NOT NULL AND (CASE WHEN length(l.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', l.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', l.ack_deadline) END) IS NOT NULL AND r.acknowledged_at >= (CASE WHEN length(l.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', l.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', l.ack_deadline) END)),
    coalesce(sum((CASE WHEN r.acknowledged_at IS NOT NULL AND r.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(r.acknowledged_at) - julianday(r.sent_at)) * 86400000)) AS INTEGER) END)), 0),
    count((CASE WHEN r.acknowledged_at IS NOT NULL AND r.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(r.acknowledged_at) - julianday(r.sent_at)) * 86400000)) AS INTEGER) END)),
    sum(r.acknowledged_at IS NULL AND r.overdue_at IS NOT NULL),
    sum(r.acknowledged_at IS NULL AND r.overdue_at IS NULL AND (CASE WHEN length(l.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', l.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', l.ack_deadline) END) IS NOT NULL)
  FROM recipients r JOIN letters l ON l.id = r.letter_id
  GROUP BY 1, 2;

CREATE TRIGGER recipients_totals_insert AFTER INSERT ON recipients BEGIN
  INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  VALUES (NEW.opd_id, coalesce(strftime('%Y-%m', NEW.sent_at, '+7 hours'), ''),
    1,
    (NEW.acknowledged_at IS NOT NULL),
    (NEW.acknowledged_at IS NOT NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) END) IS NOT NULL AND NEW.acknowledged_at >= (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) END)),
    coalesce((CASE WHEN NEW.acknowledged_at IS NOT NULL AND NEW.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(NEW.acknowledged_at) - julianday(NEW.sent_at)) * 86400000)) AS INTEGER) END), 0),
    ((CASE WHEN NEW.acknowledged_at IS NOT NULL AND NEW.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(NEW.acknowledged_at) - julianday(NEW.sent_at)) * 86400000)) AS INTEGER) END) IS NOT NULL),
    (NEW.acknowledged_at IS NULL AND NEW.overdue_at IS NOT NULL),
    (NEW.acknowledged_at IS NULL AND NEW.overdue_at IS NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) END) IS NOT NULL))
  ON CONFLICT (opd_id, month) DO UPDATE SET
    received = received + excluded.received,
    acknowledged = acknowledged + excluded.acknowledged,
    acknowledged_late = acknowledged_late + excluded.acknowledged_late,
    ack_ms_sum = ack_ms_sum + excluded.ack_ms_sum,
    ack_ms_count = ack_ms_count + excluded.ack_ms_count,
    open_flagged = open_flagged + excluded.open_flagged,
    open_deadlined = open_deadlined + excluded.open_deadlined;
END;

CREATE TRIGGER recipients_totals_delete AFTER DELETE ON recipients BEGIN
  INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  VALUES (OLD.opd_id, coalesce(strftime('%Y-%m', OLD.sent_at, '+7 hours'), ''),
    -1,
    -(OLD.acknowledged_at IS NOT NULL),
    -(OLD.acknowledged_at IS NOT NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) END) IS NOT NULL AND OLD.acknowledged_at >= (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) END)),
    -coalesce((CASE WHEN OLD.acknowledged_at IS NOT NULL AND OLD.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(OLD.acknowledged_at) - julianday(OLD.sent_at)) * 86400000)) AS INTEGER) END), 0),
    -((CASE WHEN OLD.acknowledged_at IS NOT NULL AND OLD.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(OLD.acknowledged_at) - julianday(OLD.sent_at)) * 86400000)) AS INTEGER) END) IS NOT NULL),
    -(OLD.acknowledged_at IS NULL AND OLD.overdue_at IS NOT NULL),
    -(OLD.acknowledged_at IS NULL AND OLD.overdue_at IS NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) END) IS NOT NULL))
  ON CONFLICT (opd_id, month) DO UPDATE SET
    received = received + excluded.received,
    acknowledged = acknowledged + excluded.acknowledged,
    acknowledged_late = acknowledged_late + excluded.acknowledged_late,
    ack_ms_sum = ack_ms_sum + excluded.ack_ms_sum,
    ack_ms_count = ack_ms_count + excluded.ack_ms_count,
    open_flagged = open_flagged + excluded.open_flagged,
    open_deadlined = open_deadlined + excluded.open_deadlined;
END;

-- Only the columns the totals read; a reminder's count or a delivery webhook does not touch them.
CREATE TRIGGER recipients_totals_update AFTER UPDATE OF opd_id, letter_id, sent_at, acknowledged_at, overdue_at ON recipients
WHEN OLD.opd_id IS NOT NEW.opd_id OR OLD.letter_id IS NOT NEW.letter_id OR OLD.sent_at IS NOT NEW.sent_at
  OR OLD.acknowledged_at IS NOT NEW.acknowledged_at OR OLD.overdue_at IS NOT NEW.overdue_at
BEGIN
  INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  VALUES (OLD.opd_id, coalesce(strftime('%Y-%m', OLD.sent_at, '+7 hours'), ''),
    -1,
    -(OLD.acknowledged_at IS NOT NULL),
    -(OLD.acknowledged_at IS NOT NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) END) IS NOT NULL AND OLD.acknowledged_at >= (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) END)),
    -coalesce((CASE WHEN OLD.acknowledged_at IS NOT NULL AND OLD.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(OLD.acknowledged_at) - julianday(OLD.sent_at)) * 86400000)) AS INTEGER) END), 0),
    -((CASE WHEN OLD.acknowledged_at IS NOT NULL AND OLD.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(OLD.acknowledged_at) - julianday(OLD.sent_at)) * 86400000)) AS INTEGER) END) IS NOT NULL),
    -(OLD.acknowledged_at IS NULL AND OLD.overdue_at IS NOT NULL),
    -(OLD.acknowledged_at IS NULL AND OLD.overdue_at IS NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = OLD.letter_id)) END) IS NOT NULL))
  ON CONFLICT (opd_id, month) DO UPDATE SET
    received = received + excluded.received,
    acknowledged = acknowledged + excluded.acknowledged,
    acknowledged_late = acknowledged_late + excluded.acknowledged_late,
    ack_ms_sum = ack_ms_sum + excluded.ack_ms_sum,
    ack_ms_count = ack_ms_count + excluded.ack_ms_count,
    open_flagged = open_flagged + excluded.open_flagged,
    open_deadlined = open_deadlined + excluded.open_deadlined;
  INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  VALUES (NEW.opd_id, coalesce(strftime('%Y-%m', NEW.sent_at, '+7 hours'), ''),
    1,
    (NEW.acknowledged_at IS NOT NULL),
    (NEW.acknowledged_at IS NOT NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) END) IS NOT NULL AND NEW.acknowledged_at >= (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) END)),
    coalesce((CASE WHEN NEW.acknowledged_at IS NOT NULL AND NEW.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(NEW.acknowledged_at) - julianday(NEW.sent_at)) * 86400000)) AS INTEGER) END), 0),
    ((CASE WHEN NEW.acknowledged_at IS NOT NULL AND NEW.sent_at IS NOT NULL THEN CAST(max(0, round((julianday(NEW.acknowledged_at) - julianday(NEW.sent_at)) * 86400000)) AS INTEGER) END) IS NOT NULL),
    (NEW.acknowledged_at IS NULL AND NEW.overdue_at IS NOT NULL),
    (NEW.acknowledged_at IS NULL AND NEW.overdue_at IS NULL AND (CASE WHEN length((SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id), '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', (SELECT ack_deadline FROM letters WHERE id = NEW.letter_id)) END) IS NOT NULL))
  ON CONFLICT (opd_id, month) DO UPDATE SET
    received = received + excluded.received,
    acknowledged = acknowledged + excluded.acknowledged,
    acknowledged_late = acknowledged_late + excluded.acknowledged_late,
    ack_ms_sum = ack_ms_sum + excluded.ack_ms_sum,
    ack_ms_count = ack_ms_count + excluded.ack_ms_count,
    open_flagged = open_flagged + excluded.open_flagged,
    open_deadlined = open_deadlined + excluded.open_deadlined;
END;

-- The send writes the deadline after the recipients rows: their lateness and open deadline move with it.
CREATE TRIGGER letters_totals_deadline AFTER UPDATE OF ack_deadline ON letters
WHEN OLD.ack_deadline IS NOT NEW.ack_deadline
BEGIN
  INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  SELECT opd_id, coalesce(strftime('%Y-%m', recipients.sent_at, '+7 hours'), ''), 0, 0,
      -sum(acknowledged_at IS NOT NULL AND (CASE WHEN length(OLD.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', OLD.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', OLD.ack_deadline) END) IS NOT NULL AND acknowledged_at >= (CASE WHEN length(OLD.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', OLD.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', OLD.ack_deadline) END)),
      0, 0, 0,
      -sum(acknowledged_at IS NULL AND overdue_at IS NULL AND (CASE WHEN length(OLD.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', OLD.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', OLD.ack_deadline) END) IS NOT NULL)
    FROM recipients WHERE letter_id = NEW.id
    GROUP BY 1, 2
  ON CONFLICT (opd_id, month) DO UPDATE SET
    received = received + excluded.received,
    acknowledged = acknowledged + excluded.acknowledged,
    acknowledged_late = acknowledged_late + excluded.acknowledged_late,
    ack_ms_sum = ack_ms_sum + excluded.ack_ms_sum,
    ack_ms_count = ack_ms_count + excluded.ack_ms_count,
    open_flagged = open_flagged + excluded.open_flagged,
    open_deadlined = open_deadlined + excluded.open_deadlined;
  INSERT INTO opd_month_totals (opd_id, month, received, acknowledged, acknowledged_late, ack_ms_sum, ack_ms_count, open_flagged, open_deadlined)
  SELECT opd_id, coalesce(strftime('%Y-%m', recipients.sent_at, '+7 hours'), ''), 0, 0,
      sum(acknowledged_at IS NOT NULL AND (CASE WHEN length(NEW.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', NEW.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.ack_deadline) END) IS NOT NULL AND acknowledged_at >= (CASE WHEN length(NEW.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', NEW.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.ack_deadline) END)),
      0, 0, 0,
      sum(acknowledged_at IS NULL AND overdue_at IS NULL AND (CASE WHEN length(NEW.ack_deadline) = 10 THEN strftime('%Y-%m-%dT%H:%M:%fZ', NEW.ack_deadline, '+1 day', '-7 hours') ELSE strftime('%Y-%m-%dT%H:%M:%fZ', NEW.ack_deadline) END) IS NOT NULL)
    FROM recipients WHERE letter_id = NEW.id
    GROUP BY 1, 2
  ON CONFLICT (opd_id, month) DO UPDATE SET
    received = received + excluded.received,
    acknowledged = acknowledged + excluded.acknowledged,
    acknowledged_late = acknowledged_late + excluded.acknowledged_late,
    ack_ms_sum = ack_ms_sum + excluded.ack_ms_sum,
    ack_ms_count = ack_ms_count + excluded.ack_ms_count,
    open_flagged = open_flagged + excluded.open_flagged,
    open_deadlined = open_deadlined + excluded.open_deadlined;
END;

-- The live parts of the page: an OPD's rows sent within a partial month, and the letters whose deadline has not
-- ended yet (a prefix of ack_deadline's date is enough to find them).
CREATE INDEX recipients_opd_sent ON recipients (opd_id, sent_at);
CREATE INDEX letters_ack_deadline ON letters (ack_deadline);
