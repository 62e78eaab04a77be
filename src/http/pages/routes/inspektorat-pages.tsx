/** @jsxImportSource hono/jsx */
// The Inspektorat's read-only views (admin sees them too): sent letters, each letter's compliance matrix with
// filters and CSV / XLSX exports, a printable report, one OPD's history across letters, and the hash-chained
// audit log with "Periksa rantai".
import type { Hono } from "hono";
import { z } from "zod";
import { type AuditChainCheck, verifyAuditChain } from "../../../audit/audit-log.js";
import { auditPage } from "../../../audit/audit-page.js";
import { toCsvBytes } from "../../../audit/export-csv.js";
import { toXlsx, XLSX_CONTENT_TYPE } from "../../../audit/export-xlsx.js";
import { notFound } from "../../../domain/app-error.js";
import { arrayBufferView } from "../../../domain/encoding.js";
import { decodeCursor, PAGE_SIZE_MAX } from "../../../domain/page-cursor.js";
import { AUDITOR_ROLES } from "../../../domain/roles.js";
import { auditCheckpointDeps } from "../../../sign/checkpoint-keys.js";
import { listOpds } from "../../../store/opd-repo.js";
import { type ComplianceRow, complianceMatrix } from "../../../track/compliance-matrix.js";
import { complianceReport } from "../../../track/compliance-report.js";
import { opdComplianceHistory } from "../../../track/opd-compliance-history.js";
import { readReportAttachment } from "../../../track/report-attachment-file.js";
import type { ReportAttachmentRef } from "../../../track/report-attachments.js";
import { sentLettersPage } from "../../../track/sent-letters.js";
import { verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { AuditLogPage, type ChainCheck, type CheckpointCheck } from "../audit-log-page.js";
import { ComplianceLetterPage, filterMatrix, MATRIX_FILTERS, matrixExportRows } from "../compliance-letter-page.js";
import { ComplianceReportPage } from "../compliance-report-page.js";
import type { MatrixRow, ReportAttachmentLink } from "../components/compliance-matrix.js";
import { wibDate } from "../format.js";
import { LetterListPage } from "../letter-list-page.js";
import { OpdHistoryPage } from "../opd-history-page.js";
import { paths } from "../page-paths.js";
import { type PageContext, pageApp, pageBase, pageUser, render, requirePage } from "./page-kit.js";
import { violationItem } from "./violation-pages.js";

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

function compact<T extends Record<string, unknown>>(o: T): T {
  // cast: the same object without its undefined entries (so none becomes "undefined" in a link) is still a T
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The download link of a report's attachment, pinned to its SHA-256 (a later report's file is another link). */
function attachmentLink(letterId: string, opdId: string, a: ReportAttachmentRef | null): ReportAttachmentLink | null {
  return a ? { href: paths.reportAttachment(letterId, opdId, a.sha256), filename: a.filename } : null;
}

function matrixRow(letterId: string, r: ComplianceRow): MatrixRow {
  return { ...r, attachment: attachmentLink(letterId, r.opdId, r.attachment) };
}

async function filteredMatrix(c: PageContext) {
  const id = c.req.param("id") ?? "";
  const { store, clock } = c.var.services;
  const m = await complianceMatrix(store, clock, id);
  if (!m) throw notFound("Surat");
  const filters = compact(matrixQuery.parse(c.req.query()));
  const rows = m.rows.map((r) => matrixRow(id, r));
  return { id, letter: m.letter, filters, filtered: filterMatrix(rows, filters) };
}

function download(bytes: Uint8Array, type: string, name: string): Response {
  return new Response(arrayBufferView(bytes), {
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

async function renderAudit(c: PageContext, check: ChainCheck | null): Promise<Response> {
  const base = await pageBase(c);
  const after = c.req.query("after");
  const view = await auditPage(c.var.services.store, {
    letterId: c.req.query("letter") || undefined,
    ...(after ? { after: decodeCursor(after, "number") } : {}),
  });
  return render(
    c,
    <AuditLogPage
      {...base}
      rows={view.rows}
      letter={view.letter}
      check={check}
      nextCursor={view.nextCursor}
      paged={after !== undefined}
    />,
  );
}

export function inspektoratPages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage(...AUDITOR_ROLES);

  app.get(paths.compliance, guard, async (c) => {
    const base = await pageBase(c);
    const after = c.req.query("after");
    const sent = await sentLettersPage(c.var.services.store, {
      ...(after ? { after: decodeCursor(after, "text") } : {}),
      limit: PAGE_SIZE_MAX,
    });
    return render(
      c,
      <LetterListPage
        {...base}
        letters={sent.items.map((l) => ({
          id: l.id,
          tentang: l.tentang,
          nomor: l.nomor,
          status: l.status,
          updatedAt: l.updated_at,
        }))}
        status="all"
        nextCursor={sent.nextCursor}
        paged={after !== undefined}
        canCreate={false}
        linkTo="compliance"
      />,
    );
  });

  app.get("/inspektorat/surat/:id", guard, async (c) => {
    const base = await pageBase(c);
    const m = await filteredMatrix(c);
    const l = m.letter;
    return render(
      c,
      <ComplianceLetterPage
        {...base}
        letter={{
          id: l.id,
          nomor: l.nomor,
          tentang: l.tentang,
          status: l.status,
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
    const name = exportName(m.letter.nomor, m.id, c.var.services.clock.now(), "csv");
    return download(toCsvBytes(matrixExportRows(m.filtered)), "text/csv; charset=utf-8", name);
  });

  app.get("/inspektorat/surat/:id/matriks.xlsx", guard, async (c) => {
    const m = await filteredMatrix(c);
    const name = exportName(m.letter.nomor, m.id, c.var.services.clock.now(), "xlsx");
    return download(toXlsx(matrixExportRows(m.filtered), { sheetName: "Kepatuhan" }), XLSX_CONTENT_TYPE, name);
  });

  app.get("/inspektorat/surat/:id/laporan", guard, async (c) => {
    const id = c.req.param("id");
    const { store, clock } = c.var.services;
    const report = await complianceReport(store, clock, id);
    if (!report) throw notFound("Surat");
    const chain = await verifyAuditChain(store, { checkpoints: auditCheckpointDeps(c.var.services) });
    return render(
      c,
      <ComplianceReportPage
        government={report.government}
        letter={report.letter}
        rows={report.rows.map((r) => matrixRow(id, r))}
        violations={report.violations.map(violationItem)}
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
    const file = await readReportAttachment(
      store,
      blobs,
      c.req.param("id") ?? "",
      c.req.param("opdId") ?? "",
      c.req.param("sha256"),
    );
    return new Response(arrayBufferView(file.bytes), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
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
    const history = q.opd ? await opdComplianceHistory(store, clock, q.opd, { from: q.from, to: q.to }) : null;
    const rows = history
      ? history.rows.map((r) => ({ ...r, attachment: attachmentLink(r.letterId, history.opd.id, r.attachment) }))
      : [];
    return render(
      c,
      <OpdHistoryPage
        {...base}
        opds={opds}
        opd={history?.opd ?? null}
        rows={rows}
        averageHoursToAck={history?.averageHoursToAck ?? null}
        violationCount={history?.violationCount ?? 0}
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
