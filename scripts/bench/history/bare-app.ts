// The reference the product is measured against: bare Hono on better-sqlite3 doing the product's SQL for each
// path (compiled from the product's exported Kysely queries where there is one, else the same SQL written
// out), answering JSON, with no session, validation, rendering or audit beyond what the path must write.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { canonicalJson, canonicalRow } from "../../../src/audit/chain.js";
import { LETTER_LIST_COLUMNS } from "../../../src/store/letters-repo.js";
import { openSqliteStore } from "../../../src/store/sqlite-store.js";
import { acknowledgeQuery, recipientByTokenQuery } from "../../../src/track/acknowledge.js";
import { letterRecipientsQuery, opdHistoryPageQuery } from "../../../src/track/letter-status.js";

const P = "\u0000param";

/** A compiled product query whose sentinel parameters are filled per request. */
function template(q: { compile(): { sql: string; parameters: readonly unknown[] } }) {
  const { sql, parameters } = q.compile();
  return { sql, fill: (value: unknown) => parameters.map((p) => (p === P ? value : p)) };
}

/** The compiled SQL, made once on the bench's side (Kysely only compiles here, it never runs a query). */
export function compileProductSql(dbPath: string) {
  const store = openSqliteStore(dbPath);
  const ack = acknowledgeQuery(store, P, { at: "AT", name: "NAME", position: "POS", ip: null, userAgent: null });
  const out = {
    recipients: template(letterRecipientsQuery(store, P)),
    byToken: template(recipientByTokenQuery(store, P)),
    acknowledge: ack.compile().sql,
    opdHistory: template(opdHistoryPageQuery(store, P, { limit: null })),
  };
  void store.close();
  return out;
}

export function bareApp(dbPath: string, checkpointSeq: number): Hono {
  const sql = compileProductSql(dbPath);
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const cols = LETTER_LIST_COLUMNS.join(", ");
  const list = db.prepare(`SELECT ${cols} FROM letters ORDER BY updated_at DESC, id DESC LIMIT 21`);
  const count = db.prepare("SELECT COUNT(*) AS n FROM (SELECT 1 FROM letters LIMIT 1001)");
  const letter = db.prepare("SELECT id, nomor, tentang, status, sent_at, ack_deadline FROM letters WHERE id = ?");
  const recipients = db.prepare(sql.recipients.sql);
  const violations = db.prepare("SELECT opd_id, COUNT(*) AS n FROM violations WHERE letter_id = ? GROUP BY opd_id");
  const lastCheck = db.prepare("SELECT * FROM audit_checks ORDER BY started_at DESC LIMIT 1");
  const opd = db.prepare("SELECT * FROM opd WHERE id = ?");
  const opdHistory = db.prepare(sql.opdHistory.sql);
  const byToken = db.prepare(sql.byToken.sql);
  const fullLetter = db.prepare("SELECT * FROM letters WHERE id = ?");
  const update = db.prepare(sql.acknowledge);
  const head = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  const insertAudit = db.prepare(
    "INSERT INTO audit_log (seq, at, actor, action, letter_id, subject, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const bumpSeq = db.prepare("UPDATE audit_seq SET last = max(last, ?) WHERE id = 1");
  const anchor = db.prepare("UPDATE audit_anchor SET seq = ?, hash = ?, at = ? WHERE id = 1");
  const afterCheckpoint = db.prepare("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq");

  const matrix = (id: string) => ({
    letter: letter.get(id),
    rows: recipients.all(...sql.recipients.fill(id)),
    violations: violations.all(id),
  });
  const listPage = () => ({ items: list.all(), total: count.get() });

  const ack = db.transaction((token: string, ip: string) => {
    const tokenHash = createHash("sha256").update(token).digest("hex");
    // cast: better-sqlite3 rows are untyped; these are the recipients columns the SQL selects.
    const r = byToken.get(...sql.byToken.fill(tokenHash)) as
      | { id: string; letter_id: string; opd_id: string }
      | undefined;
    if (!r) return 404;
    fullLetter.get(r.letter_id);
    opd.get(r.opd_id);
    const at = new Date().toISOString();
    const changed = update.run(at, "Kepala Bench", "Kepala", ip, null, r.id, "withdrawn").changes;
    if (changed !== 1) return 200;
    // cast: the head row's two columns.
    const h = head.get() as { seq: number; hash: string };
    const row = {
      seq: h.seq + 1,
      at,
      actor: `recipient:${r.id}`,
      action: "recipient.acknowledged",
      letter_id: r.letter_id,
      subject: r.opd_id,
      data_json: canonicalJson({ name: "Kepala Bench", position: "Kepala", ip }),
    };
    const hash = createHash("sha256")
      .update(`${h.hash}\n${canonicalRow(row)}`)
      .digest("hex");
    insertAudit.run(row.seq, row.at, row.actor, row.action, row.letter_id, row.subject, row.data_json, h.hash, hash);
    bumpSeq.run(row.seq);
    anchor.run(row.seq, hash, at);
    return 201;
  });

  const app = new Hono();
  app.get("/api/letters", (c) => c.json(listPage()));
  app.get("/surat", (c) => c.json(listPage()));
  app.get("/inspektorat/surat/:id", (c) => c.json(matrix(c.req.param("id"))));
  app.get("/api/letters/:id/recipients", (c) => {
    const id = c.req.param("id");
    return c.json({ letter: letter.get(id), recipients: recipients.all(...sql.recipients.fill(id)) });
  });
  app.get("/inspektorat/surat/:id/laporan", (c) => c.json({ ...matrix(c.req.param("id")), chain: lastCheck.get() }));
  app.get("/inspektorat/opd", (c) => {
    const id = c.req.query("opd") ?? "";
    return c.json({ opd: opd.get(id), rows: opdHistory.all(...sql.opdHistory.fill(id)) });
  });
  app.get("/api/audit/verify", (c) => {
    let prev = "";
    let n = 0;
    // cast: audit_log rows as the chain hashes them.
    for (const row of afterCheckpoint.iterate(checkpointSeq) as Iterable<
      Parameters<typeof canonicalRow>[0] & { prev_hash: string; hash: string }
    >) {
      prev = createHash("sha256")
        .update(`${row.prev_hash}\n${canonicalRow(row)}`)
        .digest("hex");
      n++;
    }
    return c.json({ intact: true, rowsRead: n, head: prev });
  });
  app.post("/api/ack/:token", async (c) => {
    await c.req.json();
    const status = ack(c.req.param("token"), c.req.header("X-Forwarded-For") ?? "127.0.0.1");
    return c.json({ status }, status === 201 ? 201 : status === 200 ? 200 : 404);
  });
  return app;
}
