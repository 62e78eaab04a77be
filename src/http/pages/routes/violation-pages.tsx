/** @jsxImportSource hono/jsx */
// The violations register (Inspektorat, admin): the list and the form to record a reported violation.

import type { Hono } from "hono";
import { isOneOf } from "../../../domain/one-of.js";
import { AUDITOR_ROLES } from "../../../domain/roles.js";
import { violationStatuses } from "../../../domain/violation.js";
import { violationRegister } from "../../../track/violation-register.js";
import { recordViolation, updateViolation, type ViolationRecord } from "../../../track/violations-repo.js";
import { formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import { type ViolationItem, ViolationsPage } from "../violations-page.js";
import {
  type PageContext,
  pageApp,
  pageBase,
  pageUser,
  redirectWithFlash,
  render,
  requirePage,
  runFormAction,
} from "./page-kit.js";

export const VIOLATION_FIELDS = [
  "employeeName",
  "employeeNip",
  "employeeStatus",
  "opdId",
  "letterId",
  "act",
  "evidence",
  "source",
  "clauseRef",
  "sanction",
  "status",
] as const;

export function violationItem(v: ViolationRecord): ViolationItem {
  return {
    id: v.id,
    employeeName: v.employeeName,
    employeeNip: v.employeeNip,
    employeeStatus: v.employeeStatus,
    opdName: v.opdName,
    act: v.act,
    evidence: v.evidence,
    source: v.source,
    letter: v.letterId ? { id: v.letterId, nomor: v.letterNomor } : null,
    clauseRef: v.clauseRef,
    sanction: v.sanction,
    status: isOneOf(violationStatuses, v.status) ? v.status : "dilaporkan",
    createdAt: v.createdAt,
    decisionNote: v.decisionNote,
    decidedAt: v.decidedAt,
  };
}

/** The text cut to `max` characters with an ellipsis, so a long tentang keeps the select narrow. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

async function renderRegister(
  c: PageContext,
  extra: { values?: Record<string, string>; errors?: FieldErrors; status?: 200 | 400 } = {},
) {
  const base = await pageBase(c);
  const register = await violationRegister(c.var.services.store);
  return render(
    c,
    <ViolationsPage
      {...base}
      violations={register.violations.map(violationItem)}
      opds={register.opds}
      letters={register.letters.map((l) => ({
        id: l.id,
        label: `${l.nomor ?? "(tanpa nomor)"} — ${clip(l.tentang, 80)}`,
      }))}
      clauses={register.clauses.map((k) => ({ value: k.value, label: `${k.value} — ${clip(k.text, 90)}` }))}
      {...(extra.values ? { values: extra.values } : {})}
      {...(extra.errors ? { errors: extra.errors } : {})}
    />,
    extra.status ?? 200,
  );
}

export function violationPages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage(...AUDITOR_ROLES);

  app.get(paths.violations, guard, (c) => renderRegister(c));

  app.post(paths.violations, guard, async (c) => {
    const form = await verifiedForm(c);
    const values = Object.fromEntries(VIOLATION_FIELDS.map((f) => [f, formText(form, f)]));
    const { store, clock } = c.var.services;
    return runFormAction(
      async () => {
        await recordViolation(store, clock, pageUser(c).id, values);
        return redirectWithFlash(c, paths.violations, "success", "Pelanggaran tercatat.");
      },
      {
        statuses: [400],
        refused: (err) => {
          const errors: FieldErrors = {};
          for (const i of err.issues ?? [])
            errors[i.path] = errors[i.path] ? `${errors[i.path]}; ${i.message}` : i.message;
          // A refusal without issues (none today) still says why, beside the first field.
          if (!Object.keys(errors).length) errors.employeeName = err.message;
          return renderRegister(c, { values, errors, status: 400 });
        },
      },
    );
  });

  // One step of a case's lifecycle; a refusal names each wrong field in the flash and changes nothing.
  app.post("/inspektorat/pelanggaran/:id", guard, async (c) => {
    const form = await verifiedForm(c);
    const values = Object.fromEntries(["status", "sanction", "clauseRef", "note"].map((f) => [f, formText(form, f)]));
    const { store, clock } = c.var.services;
    const back = `${paths.violations}#kasus-${c.req.param("id")}`;
    return runFormAction(
      async () => {
        const v = await updateViolation(store, clock, pageUser(c).id, c.req.param("id"), values);
        return redirectWithFlash(c, back, "success", `Penanganan pelanggaran ${v.employeeName} diperbarui.`);
      },
      {
        refused: (err) => {
          const detail = err.issues?.length ? `: ${err.issues.map((i) => i.message).join("; ")}` : "";
          return redirectWithFlash(c, back, "error", `${err.message}${detail}. Tidak ada yang diubah.`);
        },
      },
    );
  });

  return app;
}
