// The violations register: recording a reported neutrality violation (with its audit row, atomically) and
// listing them per OPD or letter for the Inspektorat's views.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid, notFound } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import {
  isDecided,
  NEXT_VIOLATION_STATUSES,
  type ViolationForm,
  type ViolationStatus,
  violationFormSchema,
  violationUpdateSchema,
} from "../domain/violation.js";
import type { Store } from "../store/store.js";

export interface ViolationRecord {
  id: string;
  letterId: string | null;
  letterNomor: string | null;
  opdId: string;
  opdName: string;
  employeeName: string;
  employeeNip: string | null;
  employeeStatus: string;
  act: string;
  evidence: string | null;
  source: string | null;
  clauseRef: string | null;
  sanction: string | null;
  status: string;
  recordedBy: string;
  createdAt: string;
  updatedAt: string;
  decisionNote: string | null;
  decidedAt: string | null;
}

/** Validates `raw` (the form), checks the OPD and letter exist, and stores it with a `violation.recorded` audit row. */
export async function recordViolation(
  store: Store,
  clock: Clock,
  actorId: string,
  raw: unknown,
): Promise<ViolationRecord> {
  const parsed = violationFormSchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Data pelanggaran belum benar");
  const v: ViolationForm = parsed.data;
  const issues = [];
  if (!(await store.db.selectFrom("opd").select("id").where("id", "=", v.opdId).executeTakeFirst())) {
    issues.push({ path: "opdId", message: "Perangkat daerah tidak dikenal" });
  }
  if (
    v.letterId &&
    !(await store.db.selectFrom("letters").select("id").where("id", "=", v.letterId).executeTakeFirst())
  ) {
    issues.push({ path: "letterId", message: "Surat tidak dikenal" });
  }
  if (issues.length) throw invalid(issues, "Data pelanggaran belum benar");
  const id = globalThis.crypto.randomUUID();
  const now = clock.now().toISOString();
  await atomicWithAudit(
    store,
    clock,
    [
      store.db.insertInto("violations").values({
        id,
        letter_id: v.letterId ?? null,
        opd_id: v.opdId,
        employee_name: v.employeeName,
        employee_nip: v.employeeNip ?? null,
        employee_status: v.employeeStatus,
        act: v.act,
        evidence: v.evidence ?? null,
        source: v.source ?? null,
        clause_ref: v.clauseRef ?? null,
        sanction: v.sanction ?? null,
        status: v.status,
        recorded_by: actorId,
        created_at: now,
        updated_at: now,
      }),
    ],
    {
      actor: actorId,
      action: "violation.recorded",
      letterId: v.letterId ?? null,
      subject: v.opdId,
      data: { violationId: id, employeeStatus: v.employeeStatus, status: v.status, clauseRef: v.clauseRef ?? null },
    },
  );
  const [row] = await listViolations(store, { id });
  return row!;
}

const STATUS_WORDS: Record<ViolationStatus, string> = {
  dilaporkan: "Dilaporkan",
  diperiksa: "Diperiksa",
  dijatuhi_sanksi: "Dijatuhi sanksi",
  tidak_terbukti: "Tidak terbukti",
};

/**
 * One step of a case's lifecycle (violationUpdateSchema, NEXT_VIOLATION_STATUSES), written only if the case is still
 * where the form saw it, with a `violation.updated` audit row in the same batch.
 */
export async function updateViolation(
  store: Store,
  clock: Clock,
  actorId: string,
  id: string,
  raw: unknown,
): Promise<ViolationRecord> {
  const parsed = violationUpdateSchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Perubahan penanganan belum benar");
  const u = parsed.data;
  const current = await store.db
    .selectFrom("violations")
    .select(["id", "status", "opd_id", "letter_id", "sanction", "clause_ref"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!current) throw notFound("Pelanggaran");
  if (!NEXT_VIOLATION_STATUSES[current.status].includes(u.status)) {
    throw new AppError(
      "transition_not_allowed",
      isDecided(current.status)
        ? `Kasus ini sudah diputus (${STATUS_WORDS[current.status]}) dan tidak dapat diubah lagi`
        : `Kasus berstatus ${STATUS_WORDS[current.status]} tidak dapat diubah menjadi ${STATUS_WORDS[u.status]}`,
    );
  }
  const now = clock.now().toISOString();
  const decided = isDecided(u.status);
  const { audit } = await atomicWithAudit(
    store,
    clock,
    [
      store.db
        .updateTable("violations")
        .set({
          status: u.status,
          sanction: u.status === "dijatuhi_sanksi" ? (u.sanction ?? null) : current.sanction,
          clause_ref: u.status === "dijatuhi_sanksi" ? (u.clauseRef ?? null) : current.clause_ref,
          decision_note: u.note ?? null,
          decided_at: decided ? now : null,
          updated_at: now,
        })
        .where("id", "=", id)
        .where("status", "=", current.status),
    ],
    {
      actor: actorId,
      action: "violation.updated",
      letterId: current.letter_id,
      subject: current.opd_id,
      data: {
        violationId: id,
        from: current.status,
        to: u.status,
        ...(u.status === "dijatuhi_sanksi" ? { sanction: u.sanction, clauseRef: u.clauseRef } : {}),
        ...(u.note ? { note: u.note } : {}),
      },
    },
    { onlyIfLastChanged: true },
  );
  if (!audit) throw new AppError("stale_state", "Kasus ini baru saja diubah orang lain; muat ulang lalu coba lagi");
  const [row] = await listViolations(store, { id });
  return row!;
}

/** Newest first; filtered by OPD, letter, or one id. */
export async function listViolations(
  store: Store,
  f: { opdId?: string; letterId?: string; id?: string } = {},
): Promise<ViolationRecord[]> {
  let q = store.db
    .selectFrom("violations as v")
    .innerJoin("opd as o", "o.id", "v.opd_id")
    .leftJoin("letters as l", "l.id", "v.letter_id")
    .selectAll("v")
    .select(["o.name as opd_name", "l.nomor as letter_nomor"]);
  if (f.opdId) q = q.where("v.opd_id", "=", f.opdId);
  if (f.letterId) q = q.where("v.letter_id", "=", f.letterId);
  if (f.id) q = q.where("v.id", "=", f.id);
  const rows = await q.orderBy("v.created_at", "desc").orderBy("v.id").execute();
  return rows.map((r) => ({
    id: r.id,
    letterId: r.letter_id,
    letterNomor: r.letter_nomor,
    opdId: r.opd_id,
    opdName: r.opd_name,
    employeeName: r.employee_name,
    employeeNip: r.employee_nip,
    employeeStatus: r.employee_status,
    act: r.act,
    evidence: r.evidence,
    source: r.source,
    clauseRef: r.clause_ref,
    sanction: r.sanction,
    status: r.status,
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    decisionNote: r.decision_note,
    decidedAt: r.decided_at,
  }));
}

/** Violations per OPD under one letter (for the compliance matrix). */
export async function violationCountsByOpd(store: Store, letterId: string): Promise<Map<string, number>> {
  const rows = await violationCountsQuery(store, letterId).execute();
  return new Map(rows.map((r) => [r.opd_id, Number(r.n)]));
}

/** One letter's violations grouped by OPD, read through violations_letter (letter_id, opd_id). */
export function violationCountsQuery(store: Store, letterId: string) {
  return store.db
    .selectFrom("violations")
    .select(["opd_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("letter_id", "=", letterId)
    .groupBy("opd_id");
}
