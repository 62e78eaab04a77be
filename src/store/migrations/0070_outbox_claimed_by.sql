-- Who holds an outbox row's claim: the sender instance (e.g. node:<host>:<pid>:<nonce>) that set it to
-- 'sending'. A Node server starting up hands back at once the claims of instances that are gone,
-- instead of waiting for their lock to expire.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
