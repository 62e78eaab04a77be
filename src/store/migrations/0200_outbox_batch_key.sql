-- The provider batch a claimed outbox row went out in (issue #13): written before the batch call, so a sender that
-- takes the row over after a crash sends the same rows under the same key, and the provider replays its answer
-- instead of delivering again, even when its claim holds other rows too (a queue batch taken over by the cron sweep).
ALTER TABLE outbox ADD COLUMN batch_key TEXT;
