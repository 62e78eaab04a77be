-- How many of an outbox row's attempts were answered "slow down" (429). Those attempts are recorded
-- in `attempts` but do not spend the row's failure budget, so a rate-limit storm delays a message
-- and never fails it.
ALTER TABLE outbox ADD COLUMN rate_limited INTEGER NOT NULL DEFAULT 0;
