// Perangkat daerah (OPD): the reference list letters are sent to, with each head and email.
import type { Insertable, Selectable } from "kysely";
import { opdKinds } from "../domain/opd-kind.js";
import { chunkRows } from "./chunk-rows.js";
import type { OpdTable } from "./database.js";
import type { Store } from "./store.js";

export type Opd = Selectable<OpdTable>;
export type OpdSeed = Omit<Insertable<OpdTable>, "created_at" | "updated_at">;

export interface OpdUpdate {
  head_name?: string | null;
  head_title?: string;
  email?: string | null;
}

/** The OPDs, of one kind when given; a kind no OPD can have (e.g. a typo in ?kind=) finds none. */
export async function listOpds(store: Store, filter: { kind?: string } = {}): Promise<Opd[]> {
  let q = store.db.selectFrom("opd").selectAll();
  if (filter.kind) {
    const kind = opdKinds.find((k) => k === filter.kind);
    if (kind === undefined) return [];
    q = q.where("kind", "=", kind);
  }
  return q.orderBy("kind").orderBy("name").execute();
}

export async function getOpd(store: Store, id: string): Promise<Opd | null> {
  return (await store.db.selectFrom("opd").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The UPDATE behind updateOpd, for a caller that runs it in one batch with its audit row. */
export function updateOpdQuery(store: Store, id: string, patch: OpdUpdate, now: string) {
  const set: Partial<OpdTable> = { updated_at: now };
  if (patch.head_name !== undefined) set.head_name = patch.head_name;
  if (patch.head_title !== undefined) set.head_title = patch.head_title;
  if (patch.email !== undefined) set.email = patch.email;
  return store.db.updateTable("opd").set(set).where("id", "=", id);
}

/** Changes the head and/or email; null when the OPD does not exist. */
export async function updateOpd(store: Store, id: string, patch: OpdUpdate, now: string): Promise<Opd | null> {
  const r = await updateOpdQuery(store, id, patch, now).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return null;
  return getOpd(store, id);
}

/**
 * Inserts OPDs or refreshes their reference fields (name, kind, head_title). The head's name and the
 * email are kept when the row exists: an admin edits those, and re-seeding must not undo it.
 */
export async function upsertOpds(store: Store, rows: readonly OpdSeed[], now: string): Promise<void> {
  const full = rows.map((r) => ({ ...r, created_at: now, updated_at: now }));
  await store.atomic(
    chunkRows(full).map((chunk) =>
      store.db
        .insertInto("opd")
        .values(chunk)
        .onConflict((oc) =>
          oc.column("id").doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            kind: eb.ref("excluded.kind"),
            head_title: eb.ref("excluded.head_title"),
          })),
        ),
    ),
  );
}
