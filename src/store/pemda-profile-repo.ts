// The Pemda profile's versions. A version is never changed: an edit inserts the next one, so a letter that
// keeps its version number keeps its kop, page and images.
import type { Compilable, Selectable } from "kysely";
import { type PemdaProfile, pemdaProfileSchema } from "../domain/pemda-profile.js";
import type { PemdaProfileVersionsTable } from "./database.js";
import { decodeJson, encodeJson } from "./json-text.js";
import type { Store } from "./store.js";

export interface PemdaProfileVersion {
  version: number;
  profile: PemdaProfile;
  createdAt: string;
  createdBy: string;
}

export interface PemdaProfileVersionSummary {
  version: number;
  createdAt: string;
  createdBy: string;
  /** The author's display name when the author is a user (the seed writes 'system'). */
  createdByName: string | null;
}

const toVersion = (row: Selectable<PemdaProfileVersionsTable>): PemdaProfileVersion => ({
  version: row.version,
  profile: decodeJson(pemdaProfileSchema, row.profile_json, "profil pemda"),
  createdAt: row.created_at,
  createdBy: row.created_by,
});

/** The newest version, or null before the first start's seed. */
export async function currentPemdaProfile(store: Store): Promise<PemdaProfileVersion | null> {
  const row = await store.db
    .selectFrom("pemda_profile_versions")
    .selectAll()
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function pemdaProfileVersion(store: Store, version: number): Promise<PemdaProfileVersion | null> {
  const row = await store.db
    .selectFrom("pemda_profile_versions")
    .selectAll()
    .where("version", "=", version)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Newest first. */
export async function listPemdaProfileVersions(store: Store, limit = 50): Promise<PemdaProfileVersionSummary[]> {
  const rows = await store.db
    .selectFrom("pemda_profile_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select(["v.version", "v.created_at", "v.created_by", "u.display_name"])
    .orderBy("v.version", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    createdByName: r.display_name,
  }));
}

/**
 * Inserts `expectedCurrent + 1`. Two admins saving at once both aim at the same number: the primary key lets
 * one win, and the loser's whole batch (with its audit row) fails instead of overwriting.
 */
export function insertPemdaProfileVersionQuery(
  store: Store,
  v: { version: number; profile: PemdaProfile; createdBy: string },
  now: string,
): Compilable {
  return store.db.insertInto("pemda_profile_versions").values({
    version: v.version,
    profile_json: encodeJson(v.profile),
    created_at: now,
    created_by: v.createdBy,
  });
}

/** Letters drafted before profiles existed get `version` (run once the version is in). */
export function backfillLetterProfileQuery(store: Store, version: number): Compilable {
  return store.db.updateTable("letters").set({ profile_version: version }).where("profile_version", "is", null);
}

/** True when `err` is the primary-key conflict of two versions inserted with the same number. */
export function isVersionConflict(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/UNIQUE constraint failed: pemda_profile_versions\.version|PRIMARY KEY/.test(msg)) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/**
 * The government a letter is issued by: its input's (CLI-style letters and those drafted before 0080) or its
 * profile version's. Null when neither exists (no profile seeded yet).
 */
export async function letterGovernmentName(
  store: Store,
  row: { profile_version: number | null },
  fromInput: string | undefined,
): Promise<string | null> {
  if (fromInput) return fromInput;
  const v =
    row.profile_version === null
      ? await currentPemdaProfile(store)
      : await pemdaProfileVersion(store, row.profile_version);
  return v?.profile.governmentName ?? null;
}
