// The register (buku agenda): one sequence per register and calendar year. A number, once given,
// is never given again (register_entries keeps it even when the letter is withdrawn).
import { type Compilable, expressionBuilder, type Selectable, sql, type Updateable } from "kysely";
import type { LetterStatus } from "../domain/workflow.js";
import type { Database, RegisterEntriesTable, RegistersTable } from "./database.js";
import type { Store } from "./store.js";

export type Register = Selectable<RegistersTable>;
export type RegisterEntry = Selectable<RegisterEntriesTable>;

export const defaultNomorPattern = "{kka}/{seq}/{unit}/{year}";

export interface NewRegister {
  id: string;
  name: string;
  /** Tokens {kka} {seq} {unit} {year} {month}; {seq} is required. */
  pattern?: string;
}

/** Pieces of the nomor the register does not know itself. {unit} is the register id, {seq} the counter. */
export interface NomorParts {
  /** Kode klasifikasi arsip, e.g. '800'. */
  kka: string;
  /** Only used when the pattern has {month}; given as it should appear (e.g. '10' or 'X'). */
  month?: string;
}

export interface NomorRequest {
  letterId: string;
  registerId: string;
  year: number;
  parts: NomorParts;
  /** Number the letter only while it has this status (e.g. 'approved' in the approval batch). */
  onlyIfStatus?: LetterStatus;
}

export interface AssignedNomor {
  nomor: string;
  seq: number;
  year: number;
  registerId: string;
  issuedAt: string;
  /** False when the letter already had its number and this call returned it again. */
  created: boolean;
}

function checkPattern(pattern: string): void {
  if (!pattern.includes("{seq}")) throw new Error(`nomor pattern needs {seq}: ${pattern}`);
}

/** The row and its insert, for a caller that writes it in one batch with its audit row. */
export function createRegisterQuery(store: Store, r: NewRegister, now: string) {
  const row: Register = { id: r.id, name: r.name, pattern: r.pattern ?? defaultNomorPattern, created_at: now };
  checkPattern(row.pattern);
  return { row, query: store.db.insertInto("registers").values(row) };
}

/** The row alone, without an audit row (seeding, tests); the API goes through drafting/add-register.ts. */
export async function createRegister(store: Store, r: NewRegister, now: string): Promise<Register> {
  const { row, query } = createRegisterQuery(store, r, now);
  await query.execute();
  return row;
}

/** Inserts the registers that do not exist yet; existing ones keep their (possibly edited) name and pattern. */
export async function upsertRegisters(store: Store, rows: readonly NewRegister[], now: string): Promise<void> {
  for (const r of rows) checkPattern(r.pattern ?? defaultNomorPattern);
  await store.atomic(
    rows.map((r) =>
      store.db
        .insertInto("registers")
        .values({ id: r.id, name: r.name, pattern: r.pattern ?? defaultNomorPattern, created_at: now })
        .onConflict((oc) => oc.column("id").doNothing()),
    ),
  );
}

export async function getRegister(store: Store, id: string): Promise<Register | null> {
  return (await store.db.selectFrom("registers").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function listRegisters(store: Store): Promise<Register[]> {
  return store.db.selectFrom("registers").selectAll().orderBy("id").execute();
}

export async function updateRegister(
  store: Store,
  id: string,
  patch: { name?: string; pattern?: string },
): Promise<Register | null> {
  if (patch.pattern !== undefined) checkPattern(patch.pattern);
  const set: Updateable<RegistersTable> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.pattern !== undefined) set.pattern = patch.pattern;
  if (Object.keys(set).length) await store.db.updateTable("registers").set(set).where("id", "=", id).execute();
  return getRegister(store, id);
}

/** Deletes a register no letter and no number refers to; false when it is in use or absent. */
export async function deleteRegister(store: Store, id: string): Promise<boolean> {
  const r = await store.db
    .deleteFrom("registers")
    .where("id", "=", id)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("letters").select("id").where("register_id", "=", id))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("register_entries").select("seq").where("register_id", "=", id))),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function listEntries(store: Store, registerId: string, year?: number): Promise<RegisterEntry[]> {
  let q = store.db.selectFrom("register_entries").selectAll().where("register_id", "=", registerId);
  if (year !== undefined) q = q.where("year", "=", year);
  return q.orderBy("year").orderBy("seq").execute();
}

/**
 * The statements that number one letter, for one atomic() call (D1 has no interactive
 * transactions, so nothing may depend on reading a value first):
 *  1. bump the counter of (register, year), creating it at 1 — only if the letter has no number yet;
 *  2. write the register entry from the bumped counter, the nomor built in SQL from the pattern;
 *  3. copy the entry onto the letter;
 *  4. read the entry back.
 * Each step is gated on "this letter has no entry yet", so a retry or a second call hands back
 * the same number and never bumps the counter again.
 */
export function assignNomorQueries(store: Store, req: NomorRequest, now: string): Compilable[] {
  const { db } = store;
  const eb = expressionBuilder<Database, never>();
  const letter = eb.selectFrom("letters").select("id").where("id", "=", req.letterId);
  const unnumbered = eb.and([
    eb.not(eb.exists(eb.selectFrom("register_entries").select("seq").where("letter_id", "=", req.letterId))),
    eb.exists(req.onlyIfStatus === undefined ? letter : letter.where("status", "=", req.onlyIfStatus)),
  ]);

  const bump = db
    .insertInto("register_counters")
    .columns(["register_id", "year", "last_seq"])
    .expression(
      db
        .selectNoFrom((eb) => [
          eb.val(req.registerId).as("register_id"),
          eb.val(req.year).as("year"),
          eb.lit(1).as("last_seq"),
        ])
        .where(unnumbered),
    )
    .onConflict((oc) =>
      oc.columns(["register_id", "year"]).doUpdateSet({ last_seq: sql<number>`register_counters.last_seq + 1` }),
    );

  const nomorSql = sql<string>`replace(replace(replace(replace(replace(r.pattern,
    '{kka}', ${req.parts.kka}), '{unit}', r.id), '{year}', ${String(req.year)}),
    '{month}', ${req.parts.month ?? ""}), '{seq}', c.last_seq)`;
  const entry = db
    .insertInto("register_entries")
    .columns(["register_id", "year", "seq", "nomor", "letter_id", "issued_at"])
    .expression(
      db
        .selectFrom("register_counters as c")
        .innerJoin("registers as r", "r.id", "c.register_id")
        .select((eb) => [
          "c.register_id",
          "c.year",
          "c.last_seq",
          nomorSql.as("nomor"),
          eb.val(req.letterId).as("letter_id"),
          eb.val(now).as("issued_at"),
        ])
        .where("c.register_id", "=", req.registerId)
        .where("c.year", "=", req.year)
        .where(unnumbered),
    );

  const entryCol = <C extends "nomor" | "seq" | "year">(col: C) =>
    db.selectFrom("register_entries").select(col).where("letter_id", "=", req.letterId);
  const copy = db
    .updateTable("letters")
    .set({ nomor: entryCol("nomor"), nomor_seq: entryCol("seq"), nomor_year: entryCol("year"), updated_at: now })
    .where("id", "=", req.letterId)
    .where("nomor", "is", null)
    .where(({ exists }) => exists(entryCol("seq")));

  const read = db.selectFrom("register_entries").selectAll().where("letter_id", "=", req.letterId);
  return [bump, entry, copy, read];
}

/**
 * Gives the letter the next number of its register and year, atomically and never twice.
 * Calling it again for a numbered letter returns the existing number (created: false).
 * Null when the letter does not exist (or is not in onlyIfStatus).
 */
export async function assignNomor(store: Store, req: NomorRequest, now: string): Promise<AssignedNomor | null> {
  const results = await store.atomic(assignNomorQueries(store, req, now));
  // cast: the 4th statement of assignNomorQueries selects the entry; batch results are untyped rows
  const entry = results[3]?.rows[0] as RegisterEntry | undefined;
  if (!entry) return null;
  return {
    nomor: entry.nomor,
    seq: entry.seq,
    year: entry.year,
    registerId: entry.register_id,
    issuedAt: entry.issued_at,
    created: Number(results[0]?.numAffectedRows ?? 0) === 1,
  };
}
