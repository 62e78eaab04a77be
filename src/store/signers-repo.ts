// signer_profiles and signer_capacities (migration 0100): a penandatangan's identity, his signing passphrase hash
// and the capacities he signs in. Only rows here; the rules are in domain/signer-account.ts and src/signer/.
import type { Compilable, Selectable } from "kysely";
import type { SignerCapacity, SignerIdentity } from "../domain/signer-account.js";
import type { SignerCapacitiesTable, SignerProfilesTable } from "./database.js";
import type { Store } from "./store.js";

export type SignerProfileRow = Selectable<SignerProfilesTable>;
export type SignerCapacityRow = Selectable<SignerCapacitiesTable>;

export const identityOf = (r: SignerProfileRow): SignerIdentity => ({
  userId: r.user_id,
  name: r.name,
  jabatan: r.jabatan,
  nip: r.nip,
  pangkat: r.pangkat,
  nik: r.nik,
});

export const capacityOf = (r: SignerCapacityRow): SignerCapacity => ({
  id: r.id,
  userId: r.user_id,
  prefix: r.prefix,
  principal: r.principal,
  jabatan: r.jabatan,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
});

export async function getSignerProfile(store: Store, userId: string): Promise<SignerProfileRow | null> {
  return (
    (await store.db.selectFrom("signer_profiles").selectAll().where("user_id", "=", userId).executeTakeFirst()) ?? null
  );
}

/** His capacities, oldest first (ended ones too: a letter may name one). */
export async function listSignerCapacities(store: Store, userId: string): Promise<SignerCapacityRow[]> {
  return store.db
    .selectFrom("signer_capacities")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function getSignerCapacity(store: Store, id: string): Promise<SignerCapacityRow | null> {
  return (await store.db.selectFrom("signer_capacities").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export interface SignerProfileValues {
  name: string;
  jabatan: string;
  nip: string | null;
  pangkat: string | null;
  nik: string | null;
}

/** Insert or replace the identity; the passphrase columns are kept as they are. */
export function upsertSignerProfileQuery(
  store: Store,
  userId: string,
  v: SignerProfileValues,
  now: string,
): Compilable {
  return store.db
    .insertInto("signer_profiles")
    .values({ user_id: userId, ...v, passphrase_hash: null, passphrase_set_at: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ ...v, updated_at: now }));
}

/** Replaces the passphrase hash only while it is still `expected` (null: none set), so two changes cannot cross. */
export function setPassphraseHashQuery(
  store: Store,
  userId: string,
  hash: string,
  expected: string | null,
  now: string,
): Compilable {
  return store.db
    .updateTable("signer_profiles")
    .set({ passphrase_hash: hash, passphrase_set_at: now, updated_at: now })
    .where("user_id", "=", userId)
    .where((eb) => (expected === null ? eb("passphrase_hash", "is", null) : eb("passphrase_hash", "=", expected)));
}

/** Clears the passphrase (the admin's reset) when it is still `expected`; the signer then sets a new one. */
export function clearPassphraseHashQuery(store: Store, userId: string, expected: string, now: string): Compilable {
  return store.db
    .updateTable("signer_profiles")
    .set({ passphrase_hash: null, passphrase_set_at: null, updated_at: now })
    .where("user_id", "=", userId)
    .where("passphrase_hash", "=", expected);
}

export function insertCapacityQuery(store: Store, row: SignerCapacityRow): Compilable {
  return store.db.insertInto("signer_capacities").values(row);
}

/** Ends a capacity on `until` (kept, never deleted); an earlier end already set stays. */
export function endCapacityQuery(store: Store, id: string, until: string): Compilable {
  return store.db
    .updateTable("signer_capacities")
    .set({ valid_until: until })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("valid_until", "is", null), eb("valid_until", ">", until)]));
}
