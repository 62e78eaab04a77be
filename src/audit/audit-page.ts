// One page of the audit log as people read it (the Inspektorat's audit page): newest first, optionally one
// letter's rows, with actors and subjects by readable name instead of ids.
import { getLetter } from "../store/letters-repo.js";
import type { Store } from "../store/store.js";
import { type AuditDetail, auditDetails } from "./audit-labels.js";

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE = 100_000;

export interface AuditPageQuery {
  letterId?: string;
  /** 1-based; anything that is not a number in 1..100 000 reads as the nearest page in range (NaN as 1). */
  page?: number;
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
  page: number;
  pageCount: number;
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
    const users = await store.db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "in", userIds)
      .execute();
    for (const u of users) out.set(u.id, u.display_name);
  }
  const recipientIds = [
    ...new Set([...actors.filter((a) => a.startsWith("recipient:")).map((a) => a.slice(10)), ...subjects]),
  ];
  if (recipientIds.length) {
    const rows = await store.db
      .selectFrom("recipients as r")
      .innerJoin("opd as o", "o.id", "r.opd_id")
      .select(["r.id", "o.id as opd"])
      .where("r.id", "in", recipientIds)
      .execute();
    for (const r of rows) {
      out.set(`recipient:${r.id}`, `penerima ${r.opd}`);
      out.set(`subject:${r.id}`, `penerima ${r.opd}`);
    }
  }
  return out;
}

export async function auditPage(store: Store, q: AuditPageQuery = {}): Promise<AuditPage> {
  const letterId = q.letterId || undefined;
  const page = Math.max(1, Math.min(MAX_PAGE, q.page || 1));
  let countQ = store.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n"));
  if (letterId) countQ = countQ.where("letter_id", "=", letterId);
  const total = Number((await countQ.executeTakeFirst())?.n ?? 0);
  let rowsQ = store.db.selectFrom("audit_log").selectAll();
  if (letterId) rowsQ = rowsQ.where("letter_id", "=", letterId);
  const rows = await rowsQ
    .orderBy("seq", "desc")
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
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
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    letter: letter ? { id: letter.id, tentang: letter.tentang } : null,
  };
}
