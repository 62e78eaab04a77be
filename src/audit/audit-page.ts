// One page of the audit log as people read it (the Inspektorat's audit page): newest first, optionally one
// letter's rows, with actors and subjects by readable name instead of ids.

import { sql } from "kysely";
import { nextCursorOf, type PageCursor } from "../domain/page-cursor.js";
import { wibDayStart } from "../domain/sent-period.js";
import { chunkIn } from "../store/chunk-rows.js";
import { getLetter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";
import { type AuditDetail, auditDetails } from "./audit-labels.js";

export const AUDIT_PAGE_SIZE = 50;

/** What the Inspektorat narrows the log to; every part optional, all of them together. */
export interface AuditFilter {
  letterId?: string;
  /** One action code ("recipient.acknowledged"). */
  action?: string;
  /** One actor as stored: a user id, "system", "recipient:<id>". */
  actor?: string;
  /** Rows about one OPD: its own id as subject, or one of its recipient rows. */
  opdId?: string;
  /** WIB calendar days, both included. */
  from?: string;
  to?: string;
}

export interface AuditPageQuery extends AuditFilter {
  /** The page starts below this row (newest first); the first page without it. */
  after?: PageCursor<number>;
}

export interface AuditPageRow {
  seq: number;
  at: string;
  /** The actor's display name, "sistem", "tanpa akun", "penerima DINKES", or the raw actor when unknown. */
  actor: string;
  action: string;
  letterId: string | null;
  /** "penerima DINKES" for the recipient of email.*, reminder.* and recipient.* rows; else the raw subject. */
  subject: string | null;
  details: AuditDetail[];
  hash: string;
}

export interface AuditPage {
  rows: AuditPageRow[];
  /** The cursor of the next (older) page; null on the last one. */
  nextCursor: string | null;
  /** The letter whose log this is, when filtered by a letter that exists. */
  letter: { id: string; tentang: string } | null;
}

const RECIPIENT_SUBJECT = /^(email|reminder|recipient)\./;

/**
 * Readable names: a user id → the display name, "recipient:<id>" (and a bare recipient id, the subject of
 * email.* and recipient.* rows) → "penerima DINKES". Keys "recipient:<id>" for actors, "subject:<id>" for subjects.
 */
async function readableNames(
  store: Store,
  actors: readonly string[],
  subjects: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>([
    ["system", "sistem"],
    ["anonymous", "tanpa akun"],
  ]);
  const userIds = [...new Set(actors.filter((a) => !a.includes(":") && !out.has(a)))];
  if (userIds.length) {
    // A page names up to 1,000 rows: the lists are read in slices within D1's 100 bound parameters.
    for (const part of chunkIn(userIds)) {
      const users = await store.db.selectFrom("users").select(["id", "display_name"]).where("id", "in", part).execute();
      for (const u of users) out.set(u.id, u.display_name);
    }
  }
  const recipientIds = [
    ...new Set([...actors.filter((a) => a.startsWith("recipient:")).map((a) => a.slice(10)), ...subjects]),
  ];
  if (recipientIds.length) {
    for (const part of chunkIn(recipientIds)) {
      const rows = await store.db
        .selectFrom("recipients as r")
        .innerJoin("opd as o", "o.id", "r.opd_id")
        .select(["r.id", "o.id as opd"])
        .where("r.id", "in", part)
        .execute();
      for (const r of rows) {
        out.set(`recipient:${r.id}`, `penerima ${r.opd}`);
        out.set(`subject:${r.id}`, `penerima ${r.opd}`);
      }
    }
  }
  return out;
}

/**
 * One page newest first, from the cursor down: limit + 1 rows of the primary key (or of audit_letter for one
 * letter), however long the log. No count: counting half a million rows on each view is what paging avoids.
 */
export function auditPageQuery(store: Store, q: AuditFilter & { beforeSeq?: number; limit: number }) {
  let rows = store.db.selectFrom("audit_log").selectAll();
  if (q.letterId) rows = rows.where("letter_id", "=", q.letterId);
  if (q.action) rows = rows.where("action", "=", q.action);
  if (q.actor) rows = rows.where("actor", "=", q.actor);
  const opdId = q.opdId;
  if (opdId) {
    rows = rows.where((eb) =>
      eb.or([
        eb("subject", "=", opdId),
        eb("subject", "in", eb.selectFrom("recipients").select("id").where("opd_id", "=", opdId)),
        eb(
          "actor",
          "in",
          eb.selectFrom("recipients").select(sql<string>`'recipient:' || id`.as("a")).where("opd_id", "=", opdId),
        ),
      ]),
    );
  }
  const from = q.from ? wibDayStart(q.from, 0) : null;
  const until = q.to ? wibDayStart(q.to, 1) : null;
  if (from) rows = rows.where("at", ">=", from);
  if (until) rows = rows.where("at", "<", until);
  if (q.beforeSeq !== undefined) rows = rows.where("seq", "<", q.beforeSeq);
  return rows.orderBy("seq", "desc").limit(q.limit + 1);
}

export async function auditPage(store: Store, q: AuditPageQuery = {}, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  const letterId = q.letterId || undefined;
  const { after, ...filter } = q;
  const read = await auditPageQuery(store, {
    ...filter,
    ...(letterId ? { letterId } : {}),
    ...(after ? { beforeSeq: after.key } : {}),
    limit,
  }).execute();
  const rows = read.slice(0, limit);
  const recipientSubjects = rows.flatMap((r) => (r.subject && RECIPIENT_SUBJECT.test(r.action) ? [r.subject] : []));
  const names = await readableNames(
    store,
    rows.map((r) => r.actor),
    recipientSubjects,
  );
  const letter = letterId ? await getLetter(store, letterId) : null;
  return {
    rows: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: names.get(r.actor) ?? r.actor,
      action: r.action,
      letterId: r.letter_id,
      subject: r.subject ? (names.get(`subject:${r.subject}`) ?? r.subject) : null,
      details: auditDetails(r.data_json),
      hash: r.hash,
    })),
    nextCursor: nextCursorOf(read, limit, (r) => ({ key: r.seq, id: "" })),
    letter: letter ? { id: letter.id, tentang: letter.tentang } : null,
  };
}
