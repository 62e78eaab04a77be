// The legal_bases table (migration 0090): the catalogue a letter's Dasar picks from.
import type { Selectable } from "kysely";
import { compareLegalBases, type LegalBase, type NewLegalBase } from "../domain/legal-bases.js";
import { chunkRows } from "./chunk-rows.js";
import type { LegalBasesTable } from "./database.js";
import type { Store } from "./store.js";

const toLegalBase = (r: Selectable<LegalBasesTable>): LegalBase => ({
  id: r.id,
  jenis: r.jenis,
  nomor: r.nomor,
  tahun: r.tahun,
  singkat: r.singkat,
  judul: r.judul,
  active: r.active === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Every entry (active ones only unless asked), higher rule first (compareLegalBases). */
export async function listLegalBases(store: Store, opts: { includeInactive?: boolean } = {}): Promise<LegalBase[]> {
  let q = store.db.selectFrom("legal_bases").selectAll();
  if (!opts.includeInactive) q = q.where("active", "=", 1);
  return (await q.execute()).map(toLegalBase).sort(compareLegalBases);
}

export async function getLegalBase(store: Store, id: string): Promise<LegalBase | null> {
  const row = await store.db.selectFrom("legal_bases").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toLegalBase(row) : null;
}

/** The INSERT of a new entry; it changes nothing when the id is taken (the caller's audit row is guarded on it). */
export function insertLegalBaseQuery(store: Store, entry: NewLegalBase, createdBy: string, now: string) {
  return store.db
    .insertInto("legal_bases")
    .values({ ...entry, created_by: createdBy, created_at: now, active: 1 })
    .onConflict((oc) => oc.column("id").doNothing());
}

/** The UPDATE that (de)activates an entry; it changes nothing when the entry is already so or does not exist. */
export function setLegalBaseActiveQuery(store: Store, id: string, active: boolean) {
  const value = active ? 1 : 0;
  return store.db.updateTable("legal_bases").set({ active: value }).where("id", "=", id).where("active", "!=", value);
}

/**
 * Adds the shipped entries that are missing. An existing row is left as it is: an admin may have deactivated it,
 * and a seed must not undo that (nor change a title a letter was drafted with; letters keep their own copy anyway).
 */
export async function seedLegalBasesRows(store: Store, entries: readonly NewLegalBase[], now: string): Promise<void> {
  const rows = entries.map((e) => ({ ...e, created_by: null, created_at: now, active: 1 }));
  await store.atomic(
    chunkRows(rows).map((chunk) =>
      store.db
        .insertInto("legal_bases")
        .values(chunk)
        .onConflict((oc) => oc.column("id").doNothing()),
    ),
  );
}
