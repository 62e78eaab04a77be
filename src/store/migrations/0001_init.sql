-- edaran schema, version 1.
-- Applied by `wrangler d1 migrations apply` on Workers and by src/store/migrate.ts on Node;
-- both record it in the d1_migrations table, so the two databases share one history.
-- Timestamps are ISO-8601 UTC strings (from the Clock port), ids are text.

CREATE TABLE opd (
  id          TEXT PRIMARY KEY,            -- short code, e.g. 'BKPSDM', 'KEC-GADING-CEMPAKA'
  name        TEXT NOT NULL,               -- 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
  kind        TEXT NOT NULL,               -- sekretariat | dinas | badan | inspektorat | satpol_pp | kecamatan | bagian | lainnya
  head_title  TEXT NOT NULL,               -- 'Kepala Badan Kepegawaian ...', 'Camat Gading Cempaka'
  head_name   TEXT,
  email       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL,             -- sekretariat | penandatangan | kepala_opd | inspektorat | admin
  opd_id        TEXT REFERENCES opd(id),   -- set for kepala_opd
  jabatan       TEXT,
  nip           TEXT,
  password_hash TEXT NOT NULL,             -- 'pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>'
  created_at    TEXT NOT NULL,
  disabled_at   TEXT
);

CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,            -- SHA-256 of the random session token (the cookie holds the token)
  user_id     TEXT NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,       -- SHA-256 of the token; the token itself is shown once
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);

-- A register (buku agenda) per unit pengolah; its counter runs per calendar year.
CREATE TABLE registers (
  id          TEXT PRIMARY KEY,            -- unit code as it appears in the nomor, e.g. 'BKPSDM.II'
  name        TEXT NOT NULL,
  pattern     TEXT NOT NULL DEFAULT '{kka}/{seq}/{unit}/{year}',
  created_at  TEXT NOT NULL
);

CREATE TABLE register_counters (
  register_id TEXT NOT NULL REFERENCES registers(id),
  year        INTEGER NOT NULL,
  last_seq    INTEGER NOT NULL,
  PRIMARY KEY (register_id, year)
);

-- Every number ever given; never deleted, even when the letter is withdrawn.
CREATE TABLE register_entries (
  register_id TEXT NOT NULL,
  year        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  nomor       TEXT NOT NULL UNIQUE,
  letter_id   TEXT NOT NULL UNIQUE,
  issued_at   TEXT NOT NULL,
  PRIMARY KEY (register_id, year, seq)
);

CREATE TABLE letters (
  id              TEXT PRIMARY KEY,
  status          TEXT NOT NULL,           -- draft | in_review | approved | signed | sent | closed | withdrawn
  register_id     TEXT NOT NULL REFERENCES registers(id),
  tentang         TEXT NOT NULL,
  input_json      TEXT NOT NULL,           -- the current EdaranInput
  revision        INTEGER NOT NULL,        -- bumped on every edit; letter_revisions keeps each one
  reviewers_json  TEXT NOT NULL DEFAULT '[]', -- ordered user ids for paraf
  review_step     INTEGER NOT NULL DEFAULT 0,
  nomor           TEXT UNIQUE,
  nomor_seq       INTEGER,
  nomor_year      INTEGER,
  created_by      TEXT NOT NULL REFERENCES users(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  approved_at     TEXT,
  signed_at       TEXT,
  sent_at         TEXT,
  closed_at       TEXT,
  withdrawn_at    TEXT,
  withdrawn_reason TEXT,
  ack_deadline    TEXT                      -- ISO date; copied from the input when sent
);
CREATE INDEX letters_status ON letters(status, updated_at);

CREATE TABLE letter_revisions (
  letter_id   TEXT NOT NULL REFERENCES letters(id),
  revision    INTEGER NOT NULL,
  input_json  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (letter_id, revision)
);

-- Transitions and paraf, each with its actor and comment.
CREATE TABLE letter_events (
  id          TEXT PRIMARY KEY,
  letter_id   TEXT NOT NULL REFERENCES letters(id),
  revision    INTEGER NOT NULL,
  action      TEXT NOT NULL,               -- submit | paraf | return | approve | sign | send | close | withdraw | revoke
  from_status TEXT NOT NULL,
  to_status   TEXT NOT NULL,
  actor_id    TEXT NOT NULL,
  comment     TEXT,
  created_at  TEXT NOT NULL
);
CREATE INDEX letter_events_letter ON letter_events(letter_id, created_at);

-- Rendered documents. The signed one is immutable: its bytes live in the blob store under storage_key.
CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  letter_id    TEXT NOT NULL REFERENCES letters(id),
  kind         TEXT NOT NULL,              -- signed
  sha256       TEXT NOT NULL,              -- hex
  size         INTEGER NOT NULL,
  storage_key  TEXT NOT NULL,
  key_id       TEXT,                       -- signing key id
  signature    TEXT,                       -- base64url signature over the sha256 digest
  signed_at    TEXT,
  created_at   TEXT NOT NULL,
  UNIQUE (letter_id, kind)
);
CREATE INDEX documents_sha ON documents(sha256);

CREATE TABLE signing_keys (
  id             TEXT PRIMARY KEY,         -- key id (kid)
  algorithm      TEXT NOT NULL,            -- 'Ed25519' | 'ECDSA-P256'
  public_key_jwk TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  retired_at     TEXT,                     -- no longer signs; still verifies what it signed
  revoked_at     TEXT                      -- compromised: its signatures are refused
);

-- One row per OPD a letter is sent to.
CREATE TABLE recipients (
  id                 TEXT PRIMARY KEY,
  letter_id          TEXT NOT NULL REFERENCES letters(id),
  opd_id             TEXT NOT NULL REFERENCES opd(id),
  email              TEXT NOT NULL,
  head_name          TEXT,
  status             TEXT NOT NULL,        -- queued | sent | delivered | bounced | failed
  ack_token_hash     TEXT NOT NULL UNIQUE,
  provider_message_id TEXT,
  sent_at            TEXT,
  delivered_at       TEXT,
  bounced_at         TEXT,
  complained_at      TEXT,
  acknowledged_at    TEXT,
  ack_name           TEXT,
  ack_position       TEXT,
  ack_ip             TEXT,
  ack_user_agent     TEXT,
  reported_at        TEXT,
  report_json        TEXT,
  last_reminded_at   TEXT,
  reminder_count     INTEGER NOT NULL DEFAULT 0,
  overdue_at         TEXT,
  created_at         TEXT NOT NULL,
  UNIQUE (letter_id, opd_id)
);
CREATE INDEX recipients_letter ON recipients(letter_id, status);

-- Outbox: one row per message to send. Its id is the Resend idempotency key.
CREATE TABLE outbox (
  id              TEXT PRIMARY KEY,
  recipient_id    TEXT NOT NULL REFERENCES recipients(id),
  kind            TEXT NOT NULL,           -- letter | reminder
  status          TEXT NOT NULL,           -- pending | sending | sent | failed
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  locked_until    TEXT,
  last_error      TEXT,
  provider_id     TEXT,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE email_events (
  id           TEXT PRIMARY KEY,           -- webhook message id (svix-id): replays are ignored
  recipient_id TEXT,
  type         TEXT NOT NULL,              -- email.delivered | email.bounced | email.complained | ...
  occurred_at  TEXT NOT NULL,
  payload_json TEXT NOT NULL
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash || canonical row).
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,                -- user id, 'system', or 'recipient:<id>'
  action     TEXT NOT NULL,
  letter_id  TEXT,
  subject    TEXT,
  data_json  TEXT NOT NULL DEFAULT '{}',
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_letter ON audit_log(letter_id, seq);

CREATE TABLE violations (
  id              TEXT PRIMARY KEY,
  letter_id       TEXT REFERENCES letters(id),
  opd_id          TEXT NOT NULL REFERENCES opd(id),
  employee_name   TEXT NOT NULL,
  employee_nip    TEXT,
  employee_status TEXT NOT NULL,           -- PNS | PPPK | PTT
  act             TEXT NOT NULL,
  evidence        TEXT,
  source          TEXT,                    -- Bawaslu | masyarakat | internal
  clause_ref      TEXT,                    -- which sanctions clause of the letter it breaks
  sanction        TEXT,
  status          TEXT NOT NULL,           -- dilaporkan | diperiksa | dijatuhi_sanksi | tidak_terbukti
  recorded_by     TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX violations_opd ON violations(opd_id);
