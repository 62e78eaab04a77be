-- The catalogue of legal bases a letter may cite in Dasar and in sanction clauses, as data the admin extends
-- (issue #11). Seeded from data/legal-bases.json by seedReferenceData on both runtimes; a seed never undoes an
-- admin's change. A letter snapshots the entries it cites into its input, so no edit here changes a letter.
-- created_by is NULL for the shipped entries. Entries are never deleted: active = 0 hides one from new letters.
CREATE TABLE legal_bases (
  id TEXT PRIMARY KEY,
  jenis TEXT NOT NULL,
  nomor TEXT NOT NULL,
  tahun INTEGER NOT NULL,
  singkat TEXT NOT NULL,
  judul TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
