/** @jsxImportSource hono/jsx */
// The Inspektorat's read-only views (admin sees them too): sent letters, each letter's compliance matrix with
// filters and CSV / XLSX exports, a printable report, one OPD's history across letters, and the hash-chained
// audit log with "Periksa rantai".
import type { Hono } from "hono";
import { z } from "zod";
import { auditDetails } from "../../../audit/audit-labels.js";
import { type AuditChainCheck, verifyAuditChain } from "../../../audit/audit-log.js";
import { toCsvBytes } from "../../../audit/export-csv.js";
import { toXlsx, XLSX_CONTENT_TYPE } from "../../../audit/export-xlsx.js";
import { notFound } from "../../../domain/app-error.js";
import { auditCheckpointDeps } from "../../../sign/checkpoint-keys.js";
import { getLetter } from "../../../store/letters-repo.js";
import { listOpds } from "../../../store/opd-repo.js";
import {
  attachmentContentTypes,
  findReportAttachment,
  parseStoredReport,
  safeFilename,
} from "../../../track/follow-up-report.js";
import { letterStatus, opdHistory } from "../../../track/letter-status.js";
import { listViolations, violationCountsByOpd } from "../../../track/violations-repo.js";
import { verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { AuditLogPage, type AuditRow, type ChainCheck, type CheckpointCheck } from "../audit-log-page.js";
import {
  ComplianceLetterPage,
  filterMatrix,
  MATRIX_FILTERS,
  type MatrixFilter,
  matrixExportRows,
} from "../compliance-letter-page.js";
import { ComplianceReportPage } from "../compliance-report-page.js";
import type { MatrixRow, ReportAttachmentLink } from "../components/compliance-matrix.js";
import type { LetterStatus } from "../components/status-badge.js";
import { wibDate } from "../format.js";
import { LetterListPage } from "../letter-list-page.js";
import { OpdHistoryPage } from "../opd-history-page.js";
import { paths } from "../page-paths.js";
import { type PageContext, pageApp, pageBase, pageUser, render, requirePage } from "./page-kit.js";
import { violationItem } from "./violation-pages.js";

const readers = ["inspektorat", "admin"] as const;
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const matrixQuery = z.object({
  status: z.enum(MATRIX_FILTERS).catch("all").default("all"),
  from: isoDay,
  to: isoDay,
});
const AUDIT_PAGE = 50;

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The download link of the attachment in a report_json, pinned to its SHA-256 (a later report's file is another link). */
function attachmentLink(letterId: string, opdId: string, reportJson: string | null): ReportAttachmentLink | null {
  const a = parseStoredReport(reportJson)?.attachment;
  return a ? { href: paths.reportAttachment(letterId, opdId, a.sha256), filename: a.filename } : null;
}

/** The matrix rows of one letter (unfiltered), with violations per OPD. Null when the letter does not exist. */
export async function matrixRows(c: PageContext, letterId: string) {
  const { store, clock } = c.var.services;
  const view = await letterStatus(store, clock, letterId);
  if (!view) return null;
  const violations = await violationCountsByOpd(store, letterId);
  const reports = await store.db
    .selectFrom("recipients")
    .select(["opd_id", "report_json"])
    .where("letter_id", "=", letterId)
    .execute();
  const attachments = new Map(reports.map((r) => [r.opd_id, attachmentLink(letterId, r.opd_id, r.report_json)]));
  const rows: MatrixRow[] = view.recipients.map((r) => ({
    opdId: r.opdId,
    opdName: r.opdName,
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    deliveryProblem: r.bounced ? "bounced" : r.status === "failed" ? "failed" : null,
    acknowledgedAt: r.acknowledgedAt,
    ackName: r.acknowledgedBy?.name ?? null,
    reportedAt: r.reportedAt,
    overdue: r.overdue,
    lateness: r.lateness,
    daysLate: r.daysLate,
    violations: violations.get(r.opdId) ?? 0,
    attachment: attachments.get(r.opdId) ?? null,
  }));
  return { view, rows };
}

async function filteredMatrix(c: PageContext) {
  const id = c.req.param("id") ?? "";
  const m = await matrixRows(c, id);
  if (!m) throw notFound("Surat");
  const filters = compact(matrixQuery.parse(c.req.query())) as { status: MatrixFilter; from?: string; to?: string };
  return { id, ...m, filters, filtered: filterMatrix(m.rows, filters) };
}

function download(bytes: Uint8Array, type: string, name: string): Response {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** "kepatuhan-800.1.4-2185-BKPSDM.II-2024-2024-11-25.csv": the letter's nomor and the export's WIB date. */
export function exportName(nomor: string | null, id: string, now: Date, ext: string): string {
  const letter = (nomor ?? id.slice(0, 8)).replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "");
  return `kepatuhan-${letter}-${wibDate(now.toISOString())}.${ext}`;
}

function chainCheck(r: AuditChainCheck, checkedAt: string): ChainCheck {
  const reasons = {
    changed: "Isi baris ini diubah.",
    removed: "Baris ini atau baris sesudahnya dihapus.",
    inserted: "Ada baris yang disisipkan.",
  };
  const refused = {
    malformed: "Berkas checkpoint rusak.",
    bad_signature: "Tanda tangan checkpoint tidak sah.",
    unknown_key: "Checkpoint ditandatangani kunci yang tidak dikenal.",
    revoked_key: "Checkpoint ditandatangani kunci yang telah dicabut.",
  };
  const cp = r.checkpoint;
  const checkpoint: CheckpointCheck | undefined = !cp
    ? undefined
    : cp.status === "verified"
      ? { status: "verified", seq: cp.checkpoint.seq, at: cp.checkpoint.at }
      : cp.status === "refused"
        ? { status: "refused", reason: refused[cp.problem] }
        : { status: "none" };
  const withCheckpoint = checkpoint ? { checkpoint } : {};
  return r.intact
    ? { intact: true, rows: r.count, checkedAt, ...withCheckpoint }
    : { intact: false, firstBadSeq: r.firstBadSeq, reason: reasons[r.reason], checkedAt, ...withCheckpoint };
}

/**
 * Readable names for actors and subjects: a user id → the display name, "recipient:<id>" (and a bare recipient
 * id, the subject of email.* and recipient.* rows) → "penerima DINKES".
 */
async function actorNames(
  c: PageContext,
  actors: readonly string[],
  subjects: readonly string[] = [],
): Promise<Map<string, string>> {
  const { db } = c.var.services.store;
  const out = new Map<string, string>([
    ["system", "sistem"],
    ["anonymous", "tanpa akun"],
  ]);
  const userIds = [...new Set(actors.filter((a) => !a.includes(":") && !out.has(a)))];
  if (userIds.length)
    for (const u of await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", userIds).execute())
      out.set(u.id, u.display_name);
  const recipientIds = [
    ...new Set([...actors.filter((a) => a.startsWith("recipient:")).map((a) => a.slice(10)), ...subjects]),
  ];
  if (recipientIds.length) {
    const rows = await db
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

async function renderAudit(c: PageContext, check: ChainCheck | null): Promise<Response> {
  const base = await pageBase(c);
  const { store } = c.var.services;
  const letterId = c.req.query("letter") || undefined;
  const page = Math.max(1, Math.min(100_000, Number(c.req.query("page")) || 1));
  let countQ = store.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n"));
  if (letterId) countQ = countQ.where("letter_id", "=", letterId);
  const total = Number((await countQ.executeTakeFirst())?.n ?? 0);
  let q = store.db.selectFrom("audit_log").selectAll();
  if (letterId) q = q.where("letter_id", "=", letterId);
  const rows = await q
    .orderBy("seq", "desc")
    .limit(AUDIT_PAGE)
    .offset((page - 1) * AUDIT_PAGE)
    .execute();
  const recipientSubjects = rows
    .filter((r) => r.subject && /^(email|reminder|recipient)\./.test(r.action))
    .map((r) => r.subject!);
  const names = await actorNames(
    c,
    rows.map((r) => r.actor),
    recipientSubjects,
  );
  const letter = letterId ? await getLetter(store, letterId) : null;
  const items: AuditRow[] = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: names.get(r.actor) ?? r.actor,
    action: r.action,
    letterId: r.letter_id,
    subject: r.subject ? (names.get(`subject:${r.subject}`) ?? r.subject) : null,
    details: auditDetails(r.data_json),
    hash: r.hash,
  }));
  return render(
    c,
    <AuditLogPage
      {...base}
      rows={items}
      letter={letter ? { id: letter.id, tentang: letter.tentang } : null}
      check={check}
      page={page}
      pageCount={Math.max(1, Math.ceil(total / AUDIT_PAGE))}
    />,
  );
}

export function inspektoratPages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage(...readers);

  app.get(paths.compliance, guard, async (c) => {
    const base = await pageBase(c);
    const rows = await c.var.services.store.db
      .selectFrom("letters")
      .selectAll()
      .where("sent_at", "is not", null)
      .orderBy("sent_at", "desc")
      .limit(200)
      .execute();
    return render(
      c,
      <LetterListPage
        {...base}
        letters={rows.map((l) => ({
          id: l.id,
          tentang: l.tentang,
          nomor: l.nomor,
          status: l.status as LetterStatus,
          updatedAt: l.updated_at,
        }))}
        status="all"
        page={1}
        pageCount={1}
        canCreate={false}
        linkTo="compliance"
      />,
    );
  });

  app.get("/inspektorat/surat/:id", guard, async (c) => {
    const base = await pageBase(c);
    const m = await filteredMatrix(c);
    const l = m.view.letter;
    return render(
      c,
      <ComplianceLetterPage
        {...base}
        letter={{
          id: l.id,
          nomor: l.nomor,
          tentang: l.tentang,
          status: l.status as LetterStatus,
          sentAt: l.sentAt,
          ackDeadline: l.ackDeadline,
        }}
        rows={m.filtered}
        filters={m.filters}
      />,
    );
  });

  app.get("/inspektorat/surat/:id/matriks.csv", guard, async (c) => {
    const m = await filteredMatrix(c);
    const name = exportName(m.view.letter.nomor, m.id, c.var.services.clock.now(), "csv");
    return download(toCsvBytes(matrixExportRows(m.filtered)), "text/csv; charset=utf-8", name);
  });

  app.get("/inspektorat/surat/:id/matriks.xlsx", guard, async (c) => {
    const m = await filteredMatrix(c);
    const name = exportName(m.view.letter.nomor, m.id, c.var.services.clock.now(), "xlsx");
    return download(toXlsx(matrixExportRows(m.filtered), { sheetName: "Kepatuhan" }), XLSX_CONTENT_TYPE, name);
  });

  app.get("/inspektorat/surat/:id/laporan", guard, async (c) => {
    const id = c.req.param("id");
    const { store, clock } = c.var.services;
    const row = await getLetter(store, id);
    const m = await matrixRows(c, id);
    if (!row || !m) throw notFound("Surat");
    const input = JSON.parse(row.input_json) as {
      government: { name: string };
      issuer: { jabatan: string; prefix?: string };
    };
    const chain = await verifyAuditChain(store, { checkpoints: auditCheckpointDeps(c.var.services) });
    return render(
      c,
      <ComplianceReportPage
        government={input.government.name}
        letter={{
          id,
          nomor: row.nomor,
          tentang: row.tentang,
          signerJabatan: [input.issuer.prefix, input.issuer.jabatan].filter(Boolean).join(" "),
          signedAt: row.signed_at,
          sentAt: row.sent_at,
          ackDeadline: row.ack_deadline,
        }}
        rows={m.rows}
        violations={(await listViolations(store, { letterId: id })).map(violationItem)}
        generatedAt={clock.now().toISOString()}
        generatedBy={pageUser(c).displayName}
        chainIntact={chain.intact && chain.checkpoint?.status !== "refused"}
      />,
    );
  });

  // The report's attachment as a download, never inline: an uploaded file is served with the stored type only
  // when it is one of the types the form accepts, as an attachment, and with nosniff. The secretariat may
  // fetch it too (it follows up on the letters it sent).
  const attachmentGuard = requirePage("inspektorat", "admin", "sekretariat");
  const attachment = async (c: PageContext) => {
    const { store, blobs } = c.var.services;
    const found = await findReportAttachment(
      store,
      c.req.param("id") ?? "",
      c.req.param("opdId") ?? "",
      c.req.param("sha256"),
    );
    const bytes = found ? await blobs.get(found.key) : null;
    if (!found || !bytes) throw notFound("Lampiran laporan");
    const type = (attachmentContentTypes as readonly string[]).includes(found.contentType)
      ? found.contentType
      : "application/octet-stream";
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "Content-Type": type,
        "Content-Disposition": `attachment; filename="${safeFilename(found.filename)}"`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  };
  app.get("/inspektorat/surat/:id/lampiran/:opdId", attachmentGuard, attachment);
  app.get("/inspektorat/surat/:id/lampiran/:opdId/:sha256", attachmentGuard, attachment);

  app.get(paths.opdHistoryIndex, guard, async (c) => {
    const base = await pageBase(c);
    const { store, clock } = c.var.services;
    const q = compact(
      z.object({ opd: z.string().max(60).optional().catch(undefined), from: isoDay, to: isoDay }).parse(c.req.query()),
    );
    const opds = (await listOpds(store)).map((o) => ({ id: o.id, name: o.name }));
    const history = q.opd ? await opdHistory(store, clock, q.opd) : null;
    const reports = q.opd
      ? await store.db
          .selectFrom("recipients")
          .select(["letter_id", "report_json"])
          .where("opd_id", "=", q.opd)
          .execute()
      : [];
    const reportJson = new Map(reports.map((r) => [r.letter_id, r.report_json]));
    const inPeriod = (sentAt: string | null) => {
      const day = wibDate(sentAt);
      return (!q.from || (day && day >= q.from)) && (!q.to || (day && day <= q.to));
    };
    const rows = (history?.letters ?? [])
      .filter((l) => inPeriod(l.recipient.sentAt))
      .map((l) => ({
        letterId: l.letterId,
        nomor: l.nomor,
        tentang: l.tentang,
        sentAt: l.recipient.sentAt,
        acknowledgedAt: l.recipient.acknowledgedAt,
        reportedAt: l.recipient.reportedAt,
        overdue: l.recipient.overdue,
        lateness: l.recipient.lateness,
        daysLate: l.recipient.daysLate,
        hoursToAck: l.recipient.timeToAcknowledgeMs === null ? null : l.recipient.timeToAcknowledgeMs / 3_600_000,
        attachment: q.opd ? attachmentLink(l.letterId, q.opd, reportJson.get(l.letterId) ?? null) : null,
      }));
    const acked = rows.map((r) => r.hoursToAck).filter((h): h is number => h !== null);
    const violationCount = q.opd ? (await listViolations(store, { opdId: q.opd })).length : 0;
    return render(
      c,
      <OpdHistoryPage
        {...base}
        opds={opds}
        opd={
          history
            ? { id: history.opd.id, name: history.opd.name, headName: history.opd.headName, email: history.opd.email }
            : null
        }
        rows={rows}
        averageHoursToAck={acked.length ? acked.reduce((a, b) => a + b, 0) / acked.length : null}
        violationCount={violationCount}
        filters={{ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }}
      />,
    );
  });

  app.get("/inspektorat/opd/:id", guard, (c) =>
    c.redirect(`${paths.opdHistoryIndex}?opd=${encodeURIComponent(c.req.param("id"))}`, 303),
  );

  app.get(paths.audit, guard, (c) => renderAudit(c, null));

  app.post(paths.auditVerify, guard, async (c) => {
    await verifiedForm(c);
    const result = await verifyAuditChain(c.var.services.store, { checkpoints: auditCheckpointDeps(c.var.services) });
    return renderAudit(c, chainCheck(result, c.var.services.clock.now().toISOString()));
  });

  return app;
}
