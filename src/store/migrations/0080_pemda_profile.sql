-- The Pemda profile as data (issue #11): every admin edit is a new version; a letter keeps the version it was
-- drafted with, so a re-render gives the same bytes. Version 1 is seeded at first start from
-- data/pemda-profile-kota-bengkulu.json (with the lambang put into the blob store), and that seed also gives
-- the letters drafted before this migration version 1: the JSON file cannot be read from SQL.
CREATE TABLE pemda_profile_versions (
  version INTEGER PRIMARY KEY,
  profile_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

ALTER TABLE letters ADD COLUMN profile_version INTEGER REFERENCES pemda_profile_versions(version);
