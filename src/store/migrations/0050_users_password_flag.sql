-- 1 when the account's password was set by someone else (an admin created the account or reset its password):
-- the user must choose their own before doing anything else. Cleared by the user's own password change.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
