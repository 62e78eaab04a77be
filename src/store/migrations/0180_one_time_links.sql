-- 0180 (issue #14, part 1): first start without a shared password. Seeded accounts are invited (password_hash
-- is '' until their owner chooses one, which no login accepts); the first admin comes through a setup link, the
-- others through an activation link an admin hands out. Only the SHA-256 of a link's token is kept. At most one
-- live link per account (and one setup link): making a new one deletes the old in the same batch, using one
-- deletes it, so a row here is always a link that still works until expires_at.
CREATE TABLE one_time_links (
  token_hash  TEXT PRIMARY KEY,            -- SHA-256 (hex) of the random token in the link
  purpose     TEXT NOT NULL,               -- 'setup' (the first admin) | 'activation' (an account sets its password)
  user_id     TEXT REFERENCES users(id),   -- the account, for 'activation'; NULL for 'setup'
  created_by  TEXT NOT NULL,               -- the admin's user id, or 'system' for the setup link of a start
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX one_time_links_user ON one_time_links (purpose, user_id);
