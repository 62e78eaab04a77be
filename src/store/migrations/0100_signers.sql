-- The signer is a person (issue #12): a penandatangan account's identity as printed under a letter and as BSrE
-- knows him (NIK), and the capacities he signs in: his own jabatan (prefix NULL) and delegations (a.n., Plt.,
-- Plh. of a principal), each valid from / until a day (NULL: open). A capacity is never deleted, only ended
-- (valid_until set), so a letter keeps naming the capacity it was drafted with.
-- passphrase_hash: the signing passphrase as a slow salted hash (auth/password.ts format); NULL until set.
CREATE TABLE signer_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  name TEXT NOT NULL,
  jabatan TEXT NOT NULL,
  nip TEXT,
  pangkat TEXT,
  nik TEXT,
  passphrase_hash TEXT,
  passphrase_set_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE signer_capacities (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES signer_profiles (user_id),
  prefix TEXT CHECK (prefix IN ('a.n.', 'Plt.', 'Plh.')),
  principal TEXT,
  jabatan TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX signer_capacities_user ON signer_capacities (user_id);

-- The issuer as it was filled from the account at signing, with who signed in which capacity: later edits of
-- the account change no signed letter. NULL for letters signed before 0100 (their input's issuer stands).
ALTER TABLE letters ADD COLUMN signer_json TEXT;
