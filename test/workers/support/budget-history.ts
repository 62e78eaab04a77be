// A Pemda a few years in, written straight into D1 in a handful of set-based statements (recursive CTEs and
// INSERT ... SELECT), so 500 OPDs and 200 sent letters x 500 recipients (100k recipients, 100k outbox rows)
// take seconds instead of 200 API flows. Rows are shaped like the product's; no audit rows are made (the
// budgets do not depend on the chain's length: the cron reads only rows since its last checkpoint).
import type { D1DatabaseLike } from "../../../src/store/d1-store.js";
import { makeSampleInput } from "../../support/sample-input-fixture.js";

export interface BudgetHistory {
  opds: number;
  letters: number;
}

/**
 * Tops the OPD table up to `opds` (each with an email) and writes `letters` letters sent at `sentAt` with
 * `deadline`, each to every OPD with an email; every third recipient has acknowledged.
 */
export async function seedBudgetHistory(
  d1: D1DatabaseLike,
  opts: { opds: number; letters: number; sentAt: string; deadline: string },
): Promise<BudgetHistory> {
  const input = JSON.stringify(makeSampleInput());
  const { sentAt, deadline } = opts;
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO opd (id, name, kind, head_title, email, created_at, updated_at)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - (SELECT count(*) FROM opd))
         SELECT printf('UJI-%03d', i), 'Dinas Uji ' || i, 'dinas', 'Kepala Dinas', printf('uji-%03d@pemda.test', i), ?2, ?2
         FROM n WHERE ?1 > (SELECT count(*) FROM opd)`,
      )
      .bind(opts.opds, sentAt),
    d1.prepare("UPDATE opd SET email = lower(id) || '@pemda.test' WHERE email IS NULL"),
    d1
      .prepare("INSERT OR IGNORE INTO registers (id, name, created_at) VALUES ('HIST', 'Register riwayat', ?1)")
      .bind(sentAt),
    d1
      .prepare(
        `INSERT INTO letters (id, status, register_id, tentang, input_json, revision, nomor, created_by, created_at,
           updated_at, approved_at, signed_at, sent_at, ack_deadline)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         SELECT printf('HL-%04d', i), 'sent', 'HIST', 'Surat riwayat ' || i, ?2, 1, printf('800/%d/HIST/2024', i),
           (SELECT id FROM users WHERE username = 'sekretariat'), ?3, ?3, ?3, ?3, ?3, ?4
         FROM n`,
      )
      .bind(opts.letters, input, sentAt, deadline),
    d1.prepare(
      `INSERT INTO recipients (id, letter_id, opd_id, email, status, ack_token_hash, sent_at, delivered_at,
         acknowledged_at, created_at)
       SELECT 'R-' || l.id || '-' || o.id, l.id, o.id, o.email, 'delivered', 'tok-' || l.id || '-' || o.id,
         l.sent_at, l.sent_at, CASE WHEN (l.rowid + o.rowid) % 3 = 0 THEN l.sent_at END, l.sent_at
       FROM letters l CROSS JOIN opd o
       WHERE l.id LIKE 'HL-%' AND o.email IS NOT NULL`,
    ),
    d1.prepare(
      `INSERT INTO outbox (id, recipient_id, kind, status, attempts, next_attempt_at, created_at, sent_at)
       SELECT 'O-' || r.id, r.id, 'letter', 'sent', 1, r.sent_at, r.sent_at, r.sent_at
       FROM recipients r WHERE r.letter_id LIKE 'HL-%'`,
    ),
  ]);
  const [opd, letters] = await d1.batch<{ n: number }>([
    d1.prepare("SELECT count(*) AS n FROM opd WHERE email IS NOT NULL"),
    d1.prepare("SELECT count(*) AS n FROM letters WHERE id LIKE 'HL-%'"),
  ]);
  return { opds: opd!.results![0]!.n, letters: letters!.results![0]!.n };
}
