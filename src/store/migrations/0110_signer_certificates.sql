-- 0110: the local CA (src/sign/local-ca/): its own certificates, one per CA key it ever had, and the
-- certificates it issues to each penandatangan with his private key encrypted under his signing passphrase.
-- Rotation supersedes a certificate (it signs no more, old letters still verify); revocation marks it revoked.
CREATE TABLE local_ca_certificates (
  id              TEXT PRIMARY KEY,          -- the CA key's id (RFC 7638 thumbprint, see sign/keys.ts)
  certificate_der TEXT NOT NULL,             -- base64
  created_at      TEXT NOT NULL
);

CREATE TABLE signer_certificates (
  id              TEXT PRIMARY KEY,          -- the certificate's serial number, hex
  user_id         TEXT NOT NULL REFERENCES users(id),
  ca_id           TEXT NOT NULL REFERENCES local_ca_certificates(id),
  certificate_der TEXT NOT NULL,             -- base64
  encrypted_key   TEXT NOT NULL,             -- JSON: PKCS#8 under AES-GCM, key from PBKDF2 over the passphrase
  subject_name    TEXT NOT NULL,
  jabatan         TEXT NOT NULL,
  nip             TEXT,
  not_before      TEXT NOT NULL,
  not_after       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  superseded_at   TEXT,
  revoked_at      TEXT
);

CREATE INDEX signer_certificates_user ON signer_certificates (user_id, created_at);
-- At most one certificate a penandatangan signs with.
CREATE UNIQUE INDEX signer_certificates_current ON signer_certificates (user_id)
  WHERE superseded_at IS NULL AND revoked_at IS NULL;
