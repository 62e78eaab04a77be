// Turns "send this signed letter to these OPDs" into recipient and outbox rows, in one atomic write.
// Ids are derived from (letter, OPD), so planning twice — a double click, a retry after a timeout,
// two requests at once — writes nothing new and returns the same outbox ids.

import type { Compilable } from "kysely";
import { ackTokenFor, hashAckToken } from "../domain/ack-token.js";
import { AppError, notFound } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { sha256Hex } from "../domain/encoding.js";
import { chunkIn, chunkRows } from "../store/chunk-rows.js";
import { findSignedDocument } from "../store/documents-repo.js";
import type { Store } from "../store/store.js";

export interface PlanSendOptions {
  opdIds: "all" | readonly string[];
  ackSecret: string;
  clock: Clock;
}

export interface MissingEmail {
  id: string;
  name: string;
}

export type PlanSendResult =
  | { ok: false; missingEmail: MissingEmail[] }
  | {
      ok: true;
      /** Every letter outbox row of the chosen OPDs (new or earlier), to hand to the queue. */
      outboxIds: string[];
      recipientIds: string[];
      /** How many recipients this call created (0 on a repeat). */
      created: number;
    };

/** The refusal of a send that would skip OPDs without an address: each named, beside its email field. */
export function missingEmailError(missing: readonly MissingEmail[]): AppError {
  return new AppError(
    "missing_email",
    `${missing.length} perangkat daerah belum memiliki alamat email; lengkapi dulu sebelum mengirim`,
    missing.map((o) => ({ path: `opd.${o.id}.email`, message: `${o.name} belum memiliki alamat email` })),
  );
}

/** The recipient id of (letter, OPD): stable, so a re-plan finds the same row. */
export async function recipientIdFor(letterId: string, opdId: string): Promise<string> {
  return `rcp_${(await sha256Hex(`${letterId}\n${opdId}`)).slice(0, 24)}`;
}

/** The letter's outbox row of a recipient; its id is the provider idempotency key. */
export function letterOutboxIdFor(recipientId: string): string {
  return `obx_letter_${recipientId.replace(/^rcp_/, "")}`;
}

export async function planSend(store: Store, letterId: string, opts: PlanSendOptions): Promise<PlanSendResult> {
  const letter = await store.db
    .selectFrom("letters")
    .select(["id", "status"])
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!letter) throw notFound("Surat");
  if (letter.status !== "signed" && letter.status !== "sent") {
    throw new AppError("letter_not_signed", "Surat harus ditandatangani sebelum dikirim");
  }
  if (!(await findSignedDocument(store, letterId)))
    throw new AppError("letter_not_signed", "Dokumen bertanda tangan untuk surat ini belum ada");

  const query = store.db.selectFrom("opd").select(["id", "name", "email", "head_name"]).orderBy("id");
  let opds: Awaited<ReturnType<typeof query.execute>>;
  if (opts.opdIds === "all") opds = await query.execute();
  else {
    const wanted = [...new Set(opts.opdIds)];
    if (wanted.length === 0) throw new AppError("no_recipients", "Pilih minimal satu perangkat daerah");
    // A Pemda with over 100 OPDs: the list is read in slices within D1's 100 bound parameters.
    opds = [];
    for (const part of chunkIn(wanted)) opds.push(...(await query.where("id", "in", part).execute()));
    opds.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
  if (opts.opdIds !== "all") {
    const found = new Set(opds.map((o) => o.id));
    const unknown = [...new Set(opts.opdIds)].filter((id) => !found.has(id));
    if (unknown.length) {
      throw new AppError(
        "unknown_opd",
        `Perangkat daerah tidak dikenal: ${unknown.join(", ")}`,
        unknown.map((id) => ({ path: "opdIds", message: `Perangkat daerah tidak dikenal: ${id}` })),
      );
    }
  }
  if (opds.length === 0) throw new AppError("no_recipients", "Belum ada perangkat daerah yang terdaftar");

  // Report every OPD without an address before writing anything, so none is skipped silently.
  const missingEmail = opds.filter((o) => !o.email || o.email.trim() === "").map((o) => ({ id: o.id, name: o.name }));
  if (missingEmail.length) return { ok: false, missingEmail };

  const now = opts.clock.now().toISOString();
  const rows = await Promise.all(
    opds.map(async (o) => {
      const id = await recipientIdFor(letterId, o.id);
      return {
        recipient: {
          id,
          letter_id: letterId,
          opd_id: o.id,
          email: (o.email ?? "").trim(),
          head_name: o.head_name,
          status: "queued" as const,
          ack_token_hash: await hashAckToken(await ackTokenFor(opts.ackSecret, id)),
          created_at: now,
        },
        outbox: {
          id: letterOutboxIdFor(id),
          recipient_id: id,
          kind: "letter",
          status: "pending",
          next_attempt_at: now,
          created_at: now,
        },
      };
    }),
  );

  // D1 binds at most 100 parameters per statement, so both inserts are cut into slices.
  const queries: Compilable[] = [];
  for (const part of chunkRows(rows.map((r) => r.recipient))) {
    queries.push(
      store.db
        .insertInto("recipients")
        .values(part)
        .onConflict((oc) => oc.doNothing())
        // The rows inserted, exactly (a changes count on D1 includes the totals' triggers).
        .returning("id"),
    );
  }
  const recipientStatements = queries.length;
  for (const part of chunkRows(rows.map((r) => r.outbox))) {
    queries.push(
      store.db
        .insertInto("outbox")
        .values(part)
        .onConflict((oc) => oc.doNothing()),
    );
  }
  const results = await store.atomic(queries);
  const created = results.slice(0, recipientStatements).reduce((n, r) => n + r.rows.length, 0);
  return {
    ok: true,
    outboxIds: rows.map((r) => r.outbox.id),
    recipientIds: rows.map((r) => r.recipient.id),
    created,
  };
}
