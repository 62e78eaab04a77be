/** @jsxImportSource hono/jsx */
// The violations register: reported neutrality violations and the form to record one.

// The lists are the domain's, which the form schema checks against.
import {
  NEXT_VIOLATION_STATUSES,
  type ViolationStatus,
  violationSources,
  violationStatuses,
} from "../../domain/violation.js";
import { EmptyState } from "./components/empty-state.js";
import { type FieldErrors, SelectField, TextArea, TextField } from "./components/form-field.js";
import { Badge, type Tone } from "./components/status-badge.js";
import { DataTable } from "./components/table.js";
import { tanggal } from "./format.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "./layout.js";
import { paths } from "./page-paths.js";

export const VIOLATION_STATUS_LABELS: Record<ViolationStatus, [string, Tone]> = {
  dilaporkan: ["Dilaporkan", "info"],
  diperiksa: ["Diperiksa", "warning"],
  dijatuhi_sanksi: ["Dijatuhi sanksi", "bad"],
  tidak_terbukti: ["Tidak terbukti", "neutral"],
};

export interface ViolationItem {
  id: string;
  employeeName: string;
  employeeNip: string | null;
  /** PNS | PPPK | PTT (ASN = PNS + PPPK). */
  employeeStatus: string;
  opdName: string;
  act: string;
  evidence: string | null;
  source: string | null;
  letter: { id: string; nomor: string | null } | null;
  clauseRef: string | null;
  sanction: string | null;
  status: ViolationStatus;
  createdAt: string;
  /** Why it was decided so (or what the examination found). */
  decisionNote?: string | null;
  decidedAt?: string | null;
}

export interface ViolationsPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  violations: ViolationItem[];
  opds: { id: string; name: string }[];
  /** Sent letters a violation may refer to. */
  letters: { id: string; label: string }[];
  /** Sanction clauses of the letters, value = clause reference stored in clause_ref. */
  clauses: { value: string; label: string }[];
  /** Refill and messages after a failed submit. */
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** The next step of one case: examined, sanctioned (with the sanction and its clause) or not proven (with why). */
function CaseStepForm(props: { item: ViolationItem; csrfToken: string; clauses: { value: string; label: string }[] }) {
  const next = NEXT_VIOLATION_STATUSES[props.item.status];
  if (!next.length) return null;
  const id = props.item.id;
  return (
    <details class="case-step" data-case={id}>
      <summary>Perbarui penanganan</summary>
      <form method="post" action={paths.violationCase(id)}>
        <CsrfField token={props.csrfToken} />
        <SelectField
          id={`case-${id}-status`}
          name="status"
          label="Status baru"
          required
          options={next.map((s) => ({ value: s, label: VIOLATION_STATUS_LABELS[s][0] }))}
        />
        <SelectField
          id={`case-${id}-clause`}
          name="clauseRef"
          label="Ketentuan yang menjadi dasar sanksi"
          value={props.item.clauseRef ?? undefined}
          placeholder="— pilih (wajib bila dijatuhi sanksi) —"
          options={props.clauses}
        />
        <TextField
          id={`case-${id}-sanction`}
          name="sanction"
          label="Sanksi yang dijatuhkan"
          value={props.item.sanction ?? undefined}
          hint="Wajib bila dijatuhi sanksi"
        />
        <TextArea
          id={`case-${id}-note`}
          name="note"
          label="Catatan"
          rows={2}
          hint="Wajib bila tidak terbukti: tulis alasannya"
        />
        <button class="btn btn-secondary" type="submit">
          Simpan penanganan
        </button>
      </form>
    </details>
  );
}

export function ViolationsPage(props: ViolationsPageProps) {
  const v = props.values ?? {};
  const e = props.errors;
  return (
    <Layout
      title="Register pelanggaran"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="violations"
    >
      <h1>Register pelanggaran</h1>
      <p class="muted">Pelanggaran atas surat edaran yang dikirim, dari laporan hingga putusan penanganannya.</p>
      {props.violations.length ? (
        <DataTable columns={["Pegawai", "OPD", "Pelanggaran", "Sanksi", "Status"]}>
          {props.violations.map((x) => {
            const [label, tone] = VIOLATION_STATUS_LABELS[x.status];
            return (
              <tr id={`kasus-${x.id}`}>
                <td class="break">
                  {x.employeeName}
                  <div class="muted">
                    {x.employeeStatus}
                    {x.employeeNip ? ` · NIP ${x.employeeNip}` : ""}
                  </div>
                </td>
                <td class="break">{x.opdName}</td>
                <td class="break">
                  {x.act}
                  {x.evidence ? <div class="muted">Bukti: {x.evidence}</div> : null}
                  <div class="muted">
                    {x.source ? `Sumber: ${x.source} · ` : ""}
                    {tanggal(x.createdAt)}
                  </div>
                </td>
                <td class="break">
                  {x.sanction ?? "–"}
                  {x.clauseRef ? <div class="muted">{x.clauseRef}</div> : null}
                  {x.letter?.nomor ? <div class="muted">Surat {x.letter.nomor}</div> : null}
                </td>
                <td>
                  <Badge tone={tone}>{label}</Badge>
                  {x.decidedAt ? <div class="muted">diputus {tanggal(x.decidedAt)}</div> : null}
                  {x.decisionNote ? <div class="muted break">{x.decisionNote}</div> : null}
                  <CaseStepForm item={x} csrfToken={props.csrfToken} clauses={props.clauses} />
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <EmptyState title="Belum ada pelanggaran tercatat." />
      )}
      <form class="card" method="post" action={paths.violations} style="max-width:40rem">
        <CsrfField token={props.csrfToken} />
        <h2 style="margin-top:0">Catat pelanggaran</h2>
        <TextField name="employeeName" label="Nama pegawai" value={v.employeeName} errors={e} required />
        <TextField
          name="employeeNip"
          label="NIP"
          value={v.employeeNip}
          errors={e}
          inputmode="numeric"
          hint="18 digit; kosongkan untuk PTT tanpa NIP"
        />
        <SelectField
          name="employeeStatus"
          label="Status kepegawaian"
          value={v.employeeStatus}
          errors={e}
          required
          placeholder="— pilih —"
          options={[
            { value: "PNS", label: "ASN – PNS" },
            { value: "PPPK", label: "ASN – PPPK" },
            { value: "PTT", label: "Non-ASN / PTT" },
          ]}
        />
        <SelectField
          name="opdId"
          label="Perangkat daerah"
          value={v.opdId}
          errors={e}
          required
          placeholder="— pilih —"
          options={props.opds.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          name="letterId"
          label="Surat edaran yang dilanggar"
          value={v.letterId}
          errors={e}
          placeholder="(tidak terkait surat)"
          options={props.letters.map((l) => ({ value: l.id, label: l.label }))}
        />
        <TextArea name="act" label="Perbuatan" value={v.act} errors={e} required rows={3} />
        <TextArea
          name="evidence"
          label="Bukti"
          value={v.evidence}
          errors={e}
          rows={2}
          hint="Misalnya tautan unggahan media sosial, foto, nomor laporan Bawaslu"
        />
        <SelectField
          name="source"
          label="Sumber laporan"
          value={v.source}
          errors={e}
          placeholder="— pilih —"
          options={violationSources.map((s) => ({ value: s, label: s }))}
        />
        <SelectField
          name="clauseRef"
          label="Ketentuan sanksi yang dilanggar"
          value={v.clauseRef}
          errors={e}
          placeholder="— pilih —"
          options={props.clauses}
        />
        <TextField name="sanction" label="Sanksi yang dijatuhkan" value={v.sanction} errors={e} />
        <SelectField
          name="status"
          label="Status"
          value={v.status ?? "dilaporkan"}
          errors={e}
          required
          options={violationStatuses.map((s) => ({ value: s, label: VIOLATION_STATUS_LABELS[s][0] }))}
        />
        <button class="btn" type="submit">
          Simpan
        </button>
      </form>
    </Layout>
  );
}
