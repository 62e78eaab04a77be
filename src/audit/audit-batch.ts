// Several guarded changes and their audit rows as ONE atomic batch (a reminder round's chunk: one D1 call instead
// of one per row). The rows are chained one after another from the head and the high-water mark and anchor are
// written once, for the last row. A step's first row is written only if the step's last query changed a row; when
// it did not, that row's hash is NULL, the NOT NULL column refuses it and the whole batch is rolled back
// (AuditStepGuardFailed): skipping the row would leave the rows after it pointing at a row that is not there.
import { type Compilable, sql } from "kysely";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/store.js";
import { type AuditEntry, type AuditRow, inTurn, isSeqConflict, nextRow } from "./audit-log.js";
import { canonicalJson, chainRow } from "./chain.js";

export interface AuditedStep {
  /** The change; its last query is the guard (an UPDATE ... WHERE <state as read>). */
  queries: readonly Compilable[];
  /** Audit rows of the change, written only if the guard changed a row. */
  entries: readonly AuditEntry[];
  /** Queries run after the step's audit rows (e.g. the outbox row), in the same batch. */
  after?: readonly Compilable[];
}

/** A step's guard matched nothing: someone changed the row since it was read. Re-read and try again. */
export class AuditStepGuardFailed extends Error {}

function isGuardAbort(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.includes("NOT NULL constraint failed: audit_log.hash")) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

const MAX_ATTEMPTS = 50;

/** Runs every step and its audit rows, or none. Returns the audit rows written. */
export async function atomicStepsWithAudit(
  store: Store,
  clock: Clock,
  steps: readonly AuditedStep[],
): Promise<AuditRow[]> {
  const entries = steps.flatMap((s) => s.entries);
  if (entries.length === 0) {
    await store.atomic(steps.flatMap((s) => [...s.queries, ...(s.after ?? [])]));
    return [];
  }
  const db = store.db;
  return inTurn(store, async () => {
    for (let attempt = 1; ; attempt++) {
      const first = await nextRow(store, clock, entries[0]!);
      const rows: AuditRow[] = [first];
      for (const entry of entries.slice(1)) {
        const prev = rows[rows.length - 1]!;
        rows.push(
          await chainRow(
            prev,
            {
              at: first.at,
              actor: entry.actor,
              action: entry.action,
              letter_id: entry.letterId ?? null,
              subject: entry.subject ?? null,
              data_json: canonicalJson(entry.data ?? {}),
            },
            prev.seq + 1,
          ),
        );
      }
      const queries: Compilable[] = [];
      let k = 0;
      for (const step of steps) {
        queries.push(...step.queries);
        step.entries.forEach((_, i) => {
          const row = rows[k++]!;
          const guarded = i === 0 && step.queries.length > 0;
          const hash = guarded ? sql<string>`case when changes() > 0 then ${row.hash} end` : sql<string>`${row.hash}`;
          queries.push(
            db.insertInto("audit_log").values({
              seq: row.seq,
              at: row.at,
              actor: row.actor,
              action: row.action,
              letter_id: row.letter_id,
              subject: row.subject,
              data_json: row.data_json,
              prev_hash: row.prev_hash,
              hash,
            }),
          );
        });
        queries.push(...(step.after ?? []));
      }
      const last = rows[rows.length - 1]!;
      queries.push(
        db
          .insertInto("audit_seq")
          .values({ id: 1, last: last.seq })
          .onConflict((oc) =>
            oc.column("id").doUpdateSet((eb) => ({
              last: eb.fn<number>("max", [eb.ref("audit_seq.last"), eb.ref("excluded.last")]),
            })),
          ),
        // The anchor moves from the head this batch extends to its last row, and only along the chain (see
        // appendStatements in audit-log.ts: after a deletion it stays on the deleted head).
        db
          .insertInto("audit_anchor")
          .values({ id: 1, seq: last.seq, hash: last.hash, at: last.at })
          .onConflict((oc) =>
            oc
              .column("id")
              .doUpdateSet((eb) => ({
                seq: eb.ref("excluded.seq"),
                hash: eb.ref("excluded.hash"),
                at: eb.ref("excluded.at"),
              }))
              .where((eb) =>
                eb.and([
                  eb(eb(eb.ref("audit_anchor.seq"), "+", 1), "=", first.seq),
                  eb(eb.ref("audit_anchor.hash"), "=", first.prev_hash),
                ]),
              ),
          ),
      );
      try {
        await store.atomic(queries);
        return rows;
      } catch (err) {
        if (isGuardAbort(err)) throw new AuditStepGuardFailed("a guarded step matched no row", { cause: err });
        if (!isSeqConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  });
}
