// Years of history in a real edaran data folder, written fast: the product starts once on the folder (migrations,
// users, the 40 OPDs of Kota Bengkulu, keys), then one transaction adds OPDs up to `opds` and `letters` letters
// with their real input, recipients in mixed states, outbox rows and audit rows chained on from the product's own
// head with valid hashes, and a signed checkpoint of that head is written as the product's timer would have.
// Tokens are the product's (HMAC of the recipient id with ACK_SECRET), so acknowledgement links work.
import { createHash, createHmac } from "node:crypto";
import { canonicalJson, canonicalRow } from "../../../src/audit/chain.js";
import { writeAuditCheckpoint } from "../../../src/audit/write-checkpoint.js";
import { startNodeRuntime } from "../../../src/runtime/node-app.js";
import { loadNodeConfig } from "../../../src/runtime/node-config.js";
import { auditCheckpointDeps } from "../../../src/sign/checkpoint-keys.js";
import { makeSampleInput } from "../../../test/support/sample-input-fixture.js";
import { benchEnv } from "./bench-env.js";

export { BENCH_PASSWORD, benchEnv } from "./bench-env.js";

export interface SeededHistory {
  /** A sent letter in the middle of the history: the one the letter page, status and report show. */
  letterId: string;
  opdId: string;
  /** Tokens of recipients not yet acknowledged, of sent letters, newest letters first. */
  openTokens: string[];
  /** The seq of the signed checkpoint written after seeding. */
  checkpointSeq: number;
  auditRows: number;
  recipients: number;
  seedMs: number;
  /** Of seedMs, the signed checkpoint (the product's own writer over every seeded row). */
  checkpointMs: number;
}

const ackToken = (secret: string, recipientId: string) =>
  createHmac("sha256", secret).update(`edaran-ack:${recipientId}`).digest("base64url");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function seedHistory(dataDir: string, opts: { letters: number; opds: number }): Promise<SeededHistory> {
  const t0 = performance.now();
  const config = loadNodeConfig(benchEnv(dataDir));
  const rt = await startNodeRuntime(config, { background: false, log: () => {} });
  try {
    const db = rt.store.sqlite;
    const base = Date.parse("2021-01-04T01:00:00.000Z");
    // Letters go out a few hours apart, so 5,000 of them span years.
    const at = (letter: number, minutes = 0) =>
      new Date(base + letter * 6 * 3_600_000 + minutes * 60_000).toISOString();
    const inputJson = JSON.stringify(makeSampleInput());
    const author = db.prepare("SELECT id FROM users WHERE username = 'sekretariat'").get() as { id: string };
    const opdNow = db.prepare("SELECT id FROM opd ORDER BY id").all() as { id: string }[];
    const opdIds = opdNow.map((o) => o.id).slice(0, opts.opds);
    const openTokens: string[] = [];
    const middle = Math.floor(opts.letters / 2);
    let recipients = 0;
    let auditRows = 0;
    db.transaction(() => {
      const opd = db.prepare(
        "INSERT INTO opd (id, name, kind, head_title, head_name, email, created_at, updated_at) VALUES (?, ?, 'badan', 'Kepala', ?, ?, ?, ?)",
      );
      for (let i = opdIds.length; i < opts.opds; i++) {
        const id = `BENCH-${String(i).padStart(3, "0")}`;
        opd.run(id, `Badan Bench ${i}`, `Kepala Bench ${i}`, `${id.toLowerCase()}@pemda.test`, at(0), at(0));
        opdIds.push(id);
      }
      const letter = db.prepare(
        `INSERT INTO letters (id, status, register_id, tentang, input_json, revision, nomor, nomor_seq, nomor_year,
           created_by, created_at, updated_at, approved_at, signed_at, sent_at, closed_at, ack_deadline, profile_version)
         VALUES (?, ?, 'SETDA', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      );
      const revision = db.prepare(
        "INSERT INTO letter_revisions (letter_id, revision, input_json, created_by, created_at) VALUES (?, 1, ?, ?, ?)",
      );
      const recipient = db.prepare(
        `INSERT INTO recipients (id, letter_id, opd_id, email, head_name, status, ack_token_hash, provider_message_id,
           sent_at, delivered_at, bounced_at, acknowledged_at, ack_name, ack_position, ack_ip, reported_at,
           last_reminded_at, reminder_count, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const outbox = db.prepare(
        `INSERT INTO outbox (id, recipient_id, kind, status, attempts, next_attempt_at, last_error, provider_id,
           created_at, sent_at) VALUES (?, ?, 'letter', ?, ?, ?, ?, ?, ?, ?)`,
      );
      const audit = db.prepare(
        "INSERT INTO audit_log (seq, at, actor, action, letter_id, subject, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      );
      const head = (db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").get() as
        | { seq: number; hash: string }
        | undefined) ?? { seq: 0, hash: "0".repeat(64) };
      let seq = head.seq;
      let prev = head.hash;
      const append = (
        when: string,
        actor: string,
        action: string,
        letterId: string,
        subject: string | null,
        data: unknown,
      ) => {
        const row = {
          seq: ++seq,
          at: when,
          actor,
          action,
          letter_id: letterId,
          subject,
          data_json: canonicalJson(data),
        };
        const hash = sha256(`${prev}\n${canonicalRow(row)}`);
        audit.run(row.seq, row.at, row.actor, row.action, row.letter_id, row.subject, row.data_json, prev, hash);
        prev = hash;
        auditRows++;
      };
      for (let n = 0; n < opts.letters; n++) {
        const id = `H-${String(n).padStart(6, "0")}`;
        const year = 2021 + Math.floor(n / 1500);
        // The last 3 letters were sent just now: their messages still wait in the outbox.
        const recent = n >= opts.letters - 3;
        const created = at(n);
        const sent = at(n, 90);
        const deadline = at(n + 28).slice(0, 10);
        letter.run(
          id,
          "sent",
          `Surat edaran riwayat ${n}`,
          inputJson,
          `800/${n + 1}/SETDA/${year}`,
          n + 1,
          year,
          author.id,
          created,
          sent,
          at(n, 30),
          at(n, 60),
          sent,
          null,
          deadline,
        );
        revision.run(id, inputJson, author.id, created);
        append(created, author.id, "letter.drafted", id, null, { tentang: `Surat edaran riwayat ${n}`, revision: 1 });
        append(at(n, 30), author.id, "letter.approved", id, null, {});
        append(at(n, 60), author.id, "letter.signed", id, null, { nomor: `800/${n + 1}/SETDA/${year}` });
        append(sent, author.id, "letter.sent", id, null, { recipients: opdIds.length });
        for (let k = 0; k < opdIds.length; k++) {
          const opdId = opdIds[k] as string;
          const rid = `R-${n}-${k}`;
          const token = ackToken(config.ackSecret, rid);
          const roll = (n * 7 + k * 3) % 20;
          // Mostly delivered; a few bounced or failed; recent letters still queued.
          const status = recent
            ? "queued"
            : roll === 0
              ? "bounced"
              : roll === 1
                ? "failed"
                : roll < 4
                  ? "sent"
                  : "delivered";
          const reached = status === "delivered" || status === "sent";
          const acked = reached && !recent && roll % 5 !== 2 ? at(n, 600 + k * 7) : null;
          const reported = acked && roll % 2 === 0 ? at(n, 3000 + k * 11) : null;
          if (!acked && !recent && status !== "failed") openTokens.push(token);
          if (recent) openTokens.push(token);
          recipient.run(
            rid,
            id,
            opdId,
            `${opdId.toLowerCase()}@pemda.test`,
            `Kepala ${opdId}`,
            status,
            sha256(token),
            recent ? null : `re_${rid}`,
            recent ? null : sent,
            status === "delivered" ? at(n, 95) : null,
            status === "bounced" ? at(n, 95) : null,
            acked,
            acked ? `Kepala ${opdId}` : null,
            acked ? "Kepala" : null,
            acked ? "10.1.0.1" : null,
            reported,
            acked || recent ? null : at(n + 4),
            acked || recent ? 0 : 1,
            sent,
          );
          outbox.run(
            `O-${rid}`,
            rid,
            recent ? "pending" : status === "failed" ? "failed" : "sent",
            recent ? 0 : 1,
            sent,
            status === "failed" ? "500 provider" : null,
            recent ? null : `re_${rid}`,
            sent,
            recent ? null : sent,
          );
          recipients++;
          if (!recent) append(sent, "system", "email.sent", id, rid, { opd: opdId, provider: `re_${rid}` });
          if (acked)
            append(acked, `recipient:${rid}`, "recipient.acknowledged", id, opdId, {
              name: `Kepala ${opdId}`,
              position: "Kepala",
              ip: "10.1.0.1",
            });
          if (reported)
            append(reported, `recipient:${rid}`, "recipient.reported", id, opdId, {
              staffInformed: 12,
              method: "rapat",
            });
        }
      }
      db.prepare(
        "INSERT INTO audit_seq (id, last) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET last = excluded.last",
      ).run(seq);
      db.prepare(
        "INSERT INTO audit_anchor (id, seq, hash, at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at",
      ).run(seq, prev, at(opts.letters));
    })();
    // Newest letters' tokens first: the acknowledgements of a live Pemda are for recent letters.
    openTokens.reverse();
    const tCheckpoint = performance.now();
    const cp = await writeAuditCheckpoint(auditCheckpointDeps(rt.services), { maxRows: auditRows + 1_000 });
    if (cp.status !== "written") throw new Error(`bench seed: checkpoint ${cp.status}`);
    const checkpointMs = performance.now() - tCheckpoint;
    db.pragma("wal_checkpoint(TRUNCATE)");
    return {
      letterId: `H-${String(middle).padStart(6, "0")}`,
      opdId: opdIds[0] as string,
      openTokens,
      checkpointSeq: cp.checkpoint.seq,
      auditRows,
      recipients,
      seedMs: performance.now() - t0,
      checkpointMs,
    };
  } finally {
    await rt.close();
  }
}
