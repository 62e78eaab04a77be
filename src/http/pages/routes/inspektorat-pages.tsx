/** @jsxImportSource hono/jsx */
// The Inspektorat's read-only views (admin sees them too): sent letters, each letter's compliance matrix with
// filters and CSV / XLSX exports, a printable report, one OPD's history across letters, and the hash-chained
// audit log with the last recorded chain check and the full re-check job (started here, run in the background).
import type { Hono } from "hono";
import { z } from "zod";
import { type AuditCheckStatus, auditCheckStatus, chainStandsIntact } from "../../../audit/audit-check-status.js";
import type { AuditCheckRecord } from "../../../audit/audit-checks.js";
import { auditActionLabel } from "../../../audit/audit-labels.js";
import { type AuditFilter, auditPage } from "../../../audit/audit-page.js";
import type { CheckpointState } from "../../../audit/checkpoint.js";
import { readLatestCheckpoint } from "../../../audit/checkpoint-blobs.js";
import { instantCell, toCsvBytes } from "../../../audit/export-csv.js";
import { toXlsx, XLSX_CONTENT_TYPE } from "../../../audit/export-xlsx.js";
import { startFullCheck } from "../../../audit/full-check-job.js";
import { notFound } from "../../../domain/app-error.js";
import { arrayBufferView } from "../../../domain/encoding.js";
import { decodeCursor, PAGE_SIZE_MAX } from "../../../domain/page-cursor.js";
import { AUDITOR_ROLES } from "../../../domain/roles.js";
import { auditCheckpointDeps } from "../../../sign/checkpoint-keys.js";
import { listOpds } from "../../../store/opd-repo.js";
import { listUsers } from "../../../store/users-repo.js";
import { type ComplianceRow, complianceMatrix } from "../../../track/compliance-matrix.js";
import { complianceReport } from "../../../track/compliance-report.js";
import { opdComplianceHistory } from "../../../track/opd-compliance-history.js";
import { readReportAttachment } from "../../../track/report-attachment-file.js";
import type { ReportAttachmentRef } from "../../../track/report-attachments.js";
import { sentLettersPage } from "../../../track/sent-letters.js";
import { verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { AuditLogPage, type ChainCheck, type ChainJob, type CheckpointCheck } from "../audit-log-page.js";
import { ComplianceLetterPage, filterMatrix, MATRIX_FILTERS, matrixExportRows } from "../compliance-letter-page.js";
import { ComplianceReportPage, type ReportChainCheck } from "../compliance-report-page.js";
import type { MatrixRow, ReportAttachmentLink } from "../components/compliance-matrix.js";
import { wibDate } from "../format.js";
import { LetterListPage } from "../letter-list-page.js";
import { OpdHistoryPage } from "../opd-history-page.js";
import { paths } from "../page-paths.js";
import { type PageContext, pageApp, pageBase, pageUser, redirectWithFlash, render, requirePage } from "./page-kit.js";
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

const auditQuery = z.object({
  letter: z.string().max(100).optional().catch(undefined),
  action: z.string().max(100).optional().catch(undefined),
  actor: z.string().max(200).optional().catch(undefined),
  opd: z.string().max(100).optional().catch(undefined),
  from: isoDay,
  to: isoDay,
});

/** The audit log's filters from the query string, as auditPage takes them (empty fields are no filter). */
function auditFilterOf(c: PageContext): AuditFilter {
  const q = auditQuery.parse(c.req.query());
  return compact({
    letterId: q.letter || undefined,
    action: q.action || undefined,
    actor: q.actor || undefined,
    opdId: q.opd || undefined,
    from: q.from || undefined,
    to: q.to || undefined,
  });
}

/** Rows in one export at most: a filtered log, not the whole history (the chain check covers that). */
export const AUDIT_EXPORT_MAX = 5_000;

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
  return { id, letter: m.letter, filters, all: rows, filtered: filterMatrix(rows, filters) };
}

/**
 * The export: the whole matrix with the OPDs not sent to, unless `saring=1` asks for the screen's filter (then
 * only the rows it shows, as it shows them).
 */
async function exportedMatrix(c: PageContext) {
  const m = await filteredMatrix(c);
  const filtered = c.req.query("saring") === "1";
  return {
    ...m,
    rows: filtered ? matrixExportRows(m.filtered) : matrixExportRows(m.all, m.letter.notSent),
  };
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

const BREAK_REASONS: Record<string, string> = {
  changed: "Isi baris ini diubah.",
  removed: "Baris ini atau baris sesudahnya dihapus.",
  inserted: "Ada baris yang disisipkan.",
};
const REFUSED: Record<string, string> = {
  malformed: "Berkas checkpoint rusak.",
  bad_signature: "Tanda tangan checkpoint tidak sah.",
  unknown_key: "Checkpoint ditandatangani kunci yang tidak dikenal.",
  revoked_key: "Checkpoint ditandatangani kunci yang telah dicabut.",
};

function checkpointCheck(cp: CheckpointState): CheckpointCheck {
  return cp.status === "verified"
    ? { status: "verified", seq: cp.checkpoint.seq, at: cp.checkpoint.at }
    : cp.status === "refused"
      ? { status: "refused", reason: REFUSED[cp.problem] ?? cp.problem }
      : { status: "none" };
}

/** The check to show: the last one, unless the last full re-check found a break a later incremental cannot see. */
function shownCheck(s: AuditCheckStatus): AuditCheckRecord | null {
  if (s.last && s.lastFull && !chainStandsIntact(s.last, s.lastFull)) return s.last.intact ? s.lastFull : s.last;
  return s.last;
}

function chainCheck(r: AuditCheckRecord, checkpoint: CheckpointState): ChainCheck {
  const common = { checkedAt: r.finishedAt ?? r.startedAt, kind: r.kind, checkpoint: checkpointCheck(checkpoint) };
  if (r.status === "intact") return { intact: true, rows: r.rowsRead, headSeq: r.headSeq, ...common };
  if (r.status === "refused") {
    return {
      intact: false,
      firstBadSeq: r.headSeq,
      reason: REFUSED[r.reason ?? ""] ?? "Checkpoint ditolak.",
      ...common,
    };
  }
  const reason = BREAK_REASONS[r.reason ?? ""] ?? "Rantai tidak cocok.";
  return { intact: false, firstBadSeq: r.firstBadSeq ?? r.headSeq, reason, ...common };
}

function chainJob(r: AuditCheckRecord | null): ChainJob | null {
  return r ? { id: r.id, rowsRead: r.rowsRead, rowsTotal: r.rowsTotal ?? 0, startedAt: r.startedAt } : null;
}

function reportChain(s: AuditCheckStatus): ReportChainCheck | null {
  const r = shownCheck(s);
  if (!r) return null;
  const intact = chainStandsIntact(r, s.lastFull);
  return { intact, checkedAt: r.finishedAt ?? r.startedAt, seq: intact ? r.headSeq : (r.firstBadSeq ?? r.headSeq) };
}

async function renderAudit(c: PageContext): Promise<Response> {
  const base = await pageBase(c);
  const { store } = c.var.services;
  const after = c.req.query("after");
  const filter = auditFilterOf(c);
  const view = await auditPage(store, { ...filter, ...(after ? { after: decodeCursor(after, "number") } : {}) });
  const [opds, users] = await Promise.all([listOpds(store), listUsers(store)]);
  const status = await auditCheckStatus(store);
  const shown = shownCheck(status);
  // Reading the latest checkpoint is one file and one signature, not a chain check.
  const { blobs, keys } = auditCheckpointDeps(c.var.services);
  const check = shown ? chainCheck(shown, await readLatestCheckpoint(blobs, keys)) : null;
  return render(
    c,
    <AuditLogPage
      {...base}
      rows={view.rows}
      letter={view.letter}
      check={check}
      job={chainJob(status.running)}
      nextCursor={view.nextCursor}
      paged={after !== undefined}
      filter={filter}
      opds={opds.map((o) => ({ value: o.id, label: o.name }))}
      actors={[
        { value: "system", label: "sistem" },
        ...users.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` })),
      ]}
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
          notSent: l.notSent,
        }}
        rows={m.filtered}
        filters={m.filters}
      />,
    );
  });

  app.get("/inspektorat/surat/:id/matriks.csv", guard, async (c) => {
    const m = await exportedMatrix(c);
    const name = exportName(m.letter.nomor, m.id, c.var.services.clock.now(), "csv");
    return download(toCsvBytes(m.rows), "text/csv; charset=utf-8", name);
  });

  app.get("/inspektorat/surat/:id/matriks.xlsx", guard, async (c) => {
    const m = await exportedMatrix(c);
    const name = exportName(m.letter.nomor, m.id, c.var.services.clock.now(), "xlsx");
    return download(toXlsx(m.rows, { sheetName: "Kepatuhan" }), XLSX_CONTENT_TYPE, name);
  });

  app.get("/inspektorat/surat/:id/laporan", guard, async (c) => {
    const id = c.req.param("id");
    const { store, clock } = c.var.services;
    const report = await complianceReport(store, clock, id);
    if (!report) throw notFound("Surat");
    // The last recorded check, not a new one: the report costs the same at any history length.
    const chain = reportChain(await auditCheckStatus(store));
    return render(
      c,
      <ComplianceReportPage
        government={report.government}
        letter={report.letter}
        rows={report.rows.map((r) => matrixRow(id, r))}
        violations={report.violations.map(violationItem)}
        generatedAt={clock.now().toISOString()}
        generatedBy={pageUser(c).displayName}
        chain={chain}
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
    const after = c.req.query("after");
    const opds = (await listOpds(store)).map((o) => ({ id: o.id, name: o.name }));
    const history = q.opd
      ? await opdComplianceHistory(
          store,
          clock,
          q.opd,
          { from: q.from, to: q.to },
          { ...(after ? { after: decodeCursor(after, "text") } : {}), limit: PAGE_SIZE_MAX },
        )
      : null;
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
        totals={history?.totals}
        nextCursor={history?.nextCursor ?? null}
        paged={after !== undefined}
        filters={{ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }}
      />,
    );
  });

  app.get("/inspektorat/opd/:id", guard, (c) =>
    c.redirect(`${paths.opdHistoryIndex}?opd=${encodeURIComponent(c.req.param("id"))}`, 303),
  );

  app.get(paths.audit, guard, (c) => renderAudit(c));

  // The filtered log as CSV, newest first, at most AUDIT_EXPORT_MAX rows (the header row says when it was cut).
  app.get(paths.auditExport, guard, async (c) => {
    const { store, clock } = c.var.services;
    const view = await auditPage(store, auditFilterOf(c), AUDIT_EXPORT_MAX);
    const rows = [
      ["#", "Waktu (WIB)", "Pelaku", "Tindakan", "Kode tindakan", "Surat", "Tentang", "Rincian", "Hash"],
      ...view.rows.map((r) => [
        r.seq,
        instantCell(r.at),
        r.actor,
        auditActionLabel(r.action),
        r.action,
        r.letterId,
        r.subject,
        r.details.map((d) => `${d.label}: ${d.value}`).join("; "),
        r.hash,
      ]),
      ...(view.nextCursor ? [[`Dipotong pada ${AUDIT_EXPORT_MAX} baris; saring lebih sempit untuk sisanya.`]] : []),
    ];
    const name = `log-audit-${wibDate(clock.now().toISOString())}.csv`;
    return download(toCsvBytes(rows), "text/csv; charset=utf-8", name);
  });

  // Starts the full re-check job (or finds the one running); the log page shows its progress.
  app.post(paths.auditVerify, guard, async (c) => {
    await verifiedForm(c);
    const r = await startFullCheck(auditCheckpointDeps(c.var.services), pageUser(c).id);
    c.var.services.auditJobs?.kick();
    const message = r.started
      ? "Pemeriksaan penuh rantai audit dimulai; kemajuannya tampil di bawah."
      : "Pemeriksaan penuh rantai audit sedang berjalan.";
    return redirectWithFlash(c, paths.audit, "success", message);
  });

  return app;
}
