// A database with years of history behind it: `letters` letters (most sent to every OPD, each with its
// recipients, outbox rows and audit rows), written straight into a real migrated SQLite file in one
// transaction so a few thousand letters take well under a second. The rows are shaped like the product's
// (statuses, timestamps, ids), not made by its flows: the query-plan test needs volume, not a real chain.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { makeSampleInput } from "./sample-input-fixture.js";

export interface HistoryFixture {
  store: SqliteStore;
  opdIds: string[];
  letterIds: string[];
  /** A kepala_opd of opdIds[0], and the sekretariat who drafted everything. */
  kepalaId: string;
  /** An OPD beside opdIds that receives only every 50th sent letter, and its kepala, who reviews every 100th letter. */
  rareOpdId: string;
  rareKepalaId: string;
  sekretariatId: string;
  close(): Promise<void>;
}

const STATUSES = ["draft", "in_review", "approved", "signed", "withdrawn", "closed"] as const;

/** Every 10th letter is in one of STATUSES; the rest were sent. Timestamps go up a minute per letter. */
export function makeHistoryFixture(opts: { letters: number; opds: number }): HistoryFixture {
  const dir = mkdtempSync(join(tmpdir(), "edaran-history-"));
  const store = openSqliteStore(join(dir, "edaran.sqlite"));
  const db = store.sqlite;
  const t0 = Date.parse("2020-01-01T00:00:00.000Z");
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const inputJson = JSON.stringify(makeSampleInput());
  const opdIds = Array.from({ length: opts.opds }, (_, i) => `OPD-${String(i).padStart(3, "0")}`);
  const letterIds: string[] = [];
  const sekretariatId = "u-sekretariat";
  const kepalaId = "u-kepala-0";
  const rareOpdId = "OPD-RARE";
  const rareKepalaId = "u-kepala-rare";
  db.transaction(() => {
    const opd = db.prepare(
      "INSERT INTO opd (id, name, kind, head_title, email, created_at, updated_at) VALUES (?, ?, 'dinas', 'Kepala', ?, ?, ?)",
    );
    for (const id of [...opdIds, rareOpdId]) opd.run(id, `Dinas ${id}`, `${id.toLowerCase()}@pemda.test`, at(0), at(0));
    const user = db.prepare(
      "INSERT INTO users (id, username, display_name, role, opd_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, 'x', ?)",
    );
    user.run(sekretariatId, "sekretariat-h", "Staf Sekretariat", "sekretariat", null, at(0));
    user.run(kepalaId, "kepala-h", "Kepala OPD 0", "kepala_opd", opdIds[0], at(0));
    user.run(rareKepalaId, "kepala-rare", "Kepala OPD jarang", "kepala_opd", rareOpdId, at(0));
    const reviewer = db.prepare("INSERT INTO letter_reviewers (letter_id, user_id) VALUES (?, ?)");
    db.prepare("INSERT INTO registers (id, name, created_at) VALUES ('HIST', 'Register', ?)").run(at(0));
    const letter = db.prepare(
      `INSERT INTO letters (id, status, register_id, tentang, input_json, revision, nomor, created_by, created_at,
         updated_at, sent_at, ack_deadline, reviewers_json) VALUES (?, ?, 'HIST', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const recipient = db.prepare(
      `INSERT INTO recipients (id, letter_id, opd_id, email, status, ack_token_hash, sent_at, acknowledged_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const outbox = db.prepare(
      `INSERT INTO outbox (id, recipient_id, kind, status, attempts, next_attempt_at, created_at, sent_at)
       VALUES (?, ?, 'letter', ?, 1, ?, ?, ?)`,
    );
    const audit = db.prepare(
      "INSERT INTO audit_log (seq, at, actor, action, letter_id, subject, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    );
    let seq = 0;
    const appendAudit = (when: string, action: string, letterId: string, subject: string | null) => {
      seq++;
      audit.run(seq, when, sekretariatId, action, letterId, subject, `h${seq - 1}`, `h${seq}`);
    };
    for (let n = 0; n < opts.letters; n++) {
      const id = `L-${String(n).padStart(6, "0")}`;
      letterIds.push(id);
      const status = n % 10 === 9 ? STATUSES[((n / 10) % STATUSES.length) | 0]! : "sent";
      const created = at(n);
      const sent = status === "sent" || status === "closed" || status === "withdrawn";
      const nomor = status === "draft" || status === "in_review" ? null : `800/${n + 1}/HIST/2024`;
      letter.run(
        id,
        status,
        `Surat ${n}`,
        inputJson,
        nomor,
        sekretariatId,
        created,
        created,
        sent ? created : null,
        sent ? "2030-01-01" : null,
        n % 100 === 0 ? JSON.stringify([rareKepalaId]) : "[]",
      );
      if (n % 100 === 0) reviewer.run(id, rareKepalaId);
      appendAudit(created, "letter.created", id, null);
      if (!sent) continue;
      for (const opdId of n % 50 === 0 ? [...opdIds, rareOpdId] : opdIds) {
        const rid = `R-${n}-${opdId}`;
        const acked = (n + opdId.length) % 3 === 0 ? created : null;
        recipient.run(rid, id, opdId, `${opdId}@pemda.test`, "delivered", `tok-${rid}`, created, acked, created);
        // The last letters' messages are still waiting; everything older went out.
        const pending = n >= opts.letters - 3;
        outbox.run(`O-${rid}`, rid, pending ? "pending" : "sent", created, created, pending ? null : created);
        appendAudit(created, "email.sent", id, rid);
      }
    }
    db.prepare("UPDATE audit_seq SET last = ?").run(seq);
  })();
  return {
    store,
    opdIds,
    letterIds,
    kepalaId,
    rareOpdId,
    rareKepalaId,
    sekretariatId,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
