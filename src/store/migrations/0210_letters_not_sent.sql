-- The OPDs a letter was not sent to, and why (issue #15: nobody skipped silently), written by the send transition:
-- JSON [{ "opdId", "name", "reason": "no_email" | "not_selected" }]. NULL for letters sent before it was kept.
ALTER TABLE letters ADD COLUMN not_sent_json TEXT;
