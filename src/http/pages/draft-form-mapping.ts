// The drafting form is flat HTML fields; EdaranInput is nested. These pure functions translate both ways and put
// each validation issue next to the field it belongs to.
//
// Mapping (field name → EdaranInput):
// - Scalar fields are named by their dotted path ("signer.capacityId", "nomor.kka"). The kop is not a field: it
//   comes from the Pemda profile; nor is the issuer block: it is filled from the signer account chosen in
//   signer.capacityId (a select), and every message about the signer or the issuer shows at that select. An empty or blank value
//   is left out, so an optional part stays absent and a required one gets its "wajib diisi" message.
//   "nomor.year" is a number when it is all digits; otherwise the text is kept so the schema can say what is wrong.
// - List fields are textareas with ONE ITEM PER LINE; blank lines are ignored:
//   addressees.yth, sections.latarBelakang, sections.maksudTujuan, sections.ruangLingkup, tembusan.
//   The three optional sections are left out when their textarea is empty, so the letter numbers what remains.
// - sections.isi: one point per line; a line starting with "-" is a sub-point of the point above, "--" a
//   sub-sub-point (three levels, like a. / 1) / a) in the letter). A sub-point with no parent moves up a level.
// - prohibitedActs: "uraian larangan | jenis sanksi" per line (jenis = a key of SANCTION_CLASSES, e.g. disiplin-berat;
//   may be left out when display.sanctionClassAfterActs is "false").
// - display.sanctionClassAfterActs: "true" | "false" (a select); empty leaves it out (shown).
// - sanctions: "pihak | uraian sanksi | dasar hukum | pasal (boleh kosong)" per line; the dasar is a catalogue
//   code (pp-94-2021-disiplin-pns) or, when it is not one, the name of the basis as printed.
// - sections.dasar: checkboxes, one value per catalogue id (string or string[]); order = the order in the form.
//   sections.dasarLain: legal bases outside the catalogue, "judul lengkap | nama singkat (boleh kosong)" per line,
//   printed after the checked ones. A stored citation with a catalogue id comes back as its checkbox.
// - scope.asn.pns, scope.asn.pppk, scope.nonAsn: checkboxes; present = true, absent = false. scope.nonAsnName is
//   what the letter calls non-ASN staff; reporting.who who sends the acknowledgement (both: empty = the default).
// - recipients.mode = "all" | "list"; with "list", recipients.list holds the OPD codes (checkboxes).
// - penutup: empty leaves the schema's default sentence.
// Unknown fields (such as the CSRF token "_csrf") are ignored.

import { type EdaranInputJson, LEGAL_BASE_ID, type LegalBaseRef, LIST_LIMITS } from "../../domain/edaran-input.js";
import { isRecord } from "../../domain/json-value.js";
import type { ValidationIssue } from "../../domain/validation-issues.js";

export type FormData = Record<string, string | string[] | undefined>;

export const LIST_FIELDS = [
  "addressees.yth",
  "sections.latarBelakang",
  "sections.maksudTujuan",
  "sections.ruangLingkup",
  "sections.isi",
  "sections.dasarLain",
  "prohibitedActs",
  "sanctions",
  "tembusan",
] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export const SCALAR_FIELDS = [
  "signer.capacityId",
  "nomor.kka",
  "nomor.unit",
  "nomor.year",
  "tentang",
  "addressees.lingkungan",
  "addressees.tempat",
  "display.sanctionClassAfterActs",
  "reporting.who",
  "ackDeadline",
  "place",
  "date",
  "penutup",
] as const;

/** The select of the signer account and capacity. */
export const SIGNER_FIELD = "signer.capacityId";

/** Fields of their own inside a group's path, which show their own messages. */
const OWN_FIELDS_IN_GROUPS = ["scope.nonAsnName"] as const;

/** Field names that carry the messages of groups (checkboxes, radios). */
export const GROUP_FIELDS = ["sections.dasar", "scope", "recipients"] as const;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

interface Line {
  text: string;
  /** 1-based line number in the textarea, for messages. */
  line: number;
}

/**
 * The most lines of one textarea that are read: one past the field's list limit (the schema then says
 * "paling banyak N butir"), so a post of 100,000 lines costs what one of 101 does. sections.isi nests sub-points
 * under its points, so it may have more lines than points.
 */
function lineLimit(field: ListField): number {
  if (field === "sections.isi") return LIST_LIMITS["sections.isi"] * 10;
  return LIST_LIMITS[field === "sections.dasarLain" ? "sections.dasar" : field] + 1;
}

/** The non-blank lines of a textarea, trimmed, with their 1-based line numbers; at most `max` of them. */
function lines(value: string | string[] | undefined, max: number): Line[] {
  const text = first(value);
  const out: Line[] = [];
  let start = 0;
  for (let n = 1; start <= text.length && out.length < max; n++) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    const line = text.slice(start, stop).trim(); // trim also drops the \r of a CRLF line end
    if (line !== "") out.push({ text: line, line: n });
    if (end === -1) break;
    start = end + 1;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (isRecord(next)) node = next;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1]!] = value;
}

interface IsiNode {
  text: string;
  line: number;
  points: IsiNode[];
}

/** Parses the isi textarea into a tree, remembering the line of each point. */
function isiTree(value: string | string[] | undefined): IsiNode[] {
  const roots: IsiNode[] = [];
  for (const { text, line } of lines(value, lineLimit("sections.isi"))) {
    const dashes = /^(-{0,2})\s*/.exec(text)![1]!.length;
    const node: IsiNode = { text: text.replace(/^-{1,2}\s*/, ""), line, points: [] };
    const parent1 = roots[roots.length - 1];
    const parent2 = parent1?.points[parent1.points.length - 1];
    if (dashes === 2 && parent2) parent2.points.push(node);
    else if (dashes >= 1 && parent1) parent1.points.push(node);
    else roots.push(node);
  }
  return roots;
}

type IsiJson = { text: string; points?: IsiJson[] };
function isiJson(nodes: IsiNode[]): IsiJson[] {
  return nodes.map((n) => (n.points.length ? { text: n.text, points: isiJson(n.points) } : { text: n.text }));
}

function pipeParts(text: string): string[] {
  return text.split("|").map((p) => p.trim());
}

/** The form's fields to the JSON shape parseEdaranInput checks. Pure; never throws. */
export function formToInput(form: FormData): EdaranInputJson {
  const out: Record<string, unknown> = {};
  for (const field of SCALAR_FIELDS) {
    const value = first(form[field]).trim();
    if (value === "") continue;
    setPath(out, field, scalarValue(field, value));
  }
  for (const field of ["addressees.yth", "tembusan"] as const) {
    setPath(
      out,
      field,
      lines(form[field], lineLimit(field)).map((l) => l.text),
    );
  }
  for (const field of OPTIONAL_SECTIONS) {
    const paragraphs = lines(form[field], lineLimit(field)).map((l) => l.text);
    if (paragraphs.length) setPath(out, field, paragraphs);
  }
  setPath(out, "sections.isi", isiJson(isiTree(form["sections.isi"])));
  const inline = lines(form["sections.dasarLain"], lineLimit("sections.dasarLain")).map((l) => {
    const [judul = "", singkat = ""] = pipeParts(l.text);
    return singkat ? { judul, singkat } : { judul };
  });
  setPath(out, "sections.dasar", [...all(form["sections.dasar"]).filter((id) => id !== ""), ...inline]);
  setPath(
    out,
    "prohibitedActs",
    lines(form.prohibitedActs, lineLimit("prohibitedActs")).map((l) => {
      const [text = "", sanction = ""] = pipeParts(l.text);
      return sanction ? { text, sanction } : { text };
    }),
  );
  setPath(
    out,
    "sanctions",
    lines(form.sanctions, lineLimit("sanctions")).map((l) => {
      const [who = "", what = "", basis = "", pasal = ""] = pipeParts(l.text);
      const clause: Record<string, unknown> = {
        who,
        what,
        basis: LEGAL_BASE_ID.test(basis) ? basis : { judul: basis },
      };
      if (pasal) clause.pasal = pasal;
      return clause;
    }),
  );
  const on = (name: string) => first(form[name]) !== "";
  const nonAsnName = first(form["scope.nonAsnName"]).trim();
  setPath(out, "scope", {
    asn: { pns: on("scope.asn.pns"), pppk: on("scope.asn.pppk") },
    nonAsn: on("scope.nonAsn"),
    ...(nonAsnName ? { nonAsnName } : {}),
  });
  setPath(
    out,
    "recipients",
    first(form["recipients.mode"]) === "list" ? all(form["recipients.list"]).filter((c) => c !== "") : "all",
  );
  return out as EdaranInputJson; // cast: the shape parseEdaranInput then checks; the form guarantees nothing
}

const OPTIONAL_SECTIONS = ["sections.latarBelakang", "sections.maksudTujuan", "sections.ruangLingkup"] as const;

function scalarValue(field: (typeof SCALAR_FIELDS)[number], value: string): unknown {
  if (field === "nomor.year" && /^\d+$/.test(value)) return Number(value);
  if (field === "display.sanctionClassAfterActs" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** A sanction clause's basis as its form cell: the catalogue code, else the name the clause prints. */
function basisCell(ref: LegalBaseRef): string {
  return typeof ref === "string" ? ref : (ref.id ?? ref.singkat ?? ref.judul);
}

/** Any level of isi points: the input's three nested levels all fit this one recursive shape. */
type IsiLike = { text: string; points?: readonly IsiLike[] };

function isiLines(points: readonly IsiLike[], depth = 0): string[] {
  return points.flatMap((p) => [
    `${"-".repeat(depth)}${depth ? " " : ""}${p.text}`,
    ...isiLines(p.points ?? [], depth + 1),
  ]);
}

function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split(".")) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** An input (a stored draft) back to the form's fields, for editing. formToInput(inputToForm(x)) ≡ x. */
export function inputToForm(input: EdaranInputJson): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const field of SCALAR_FIELDS) {
    const value = getPath(input, field);
    if (value !== undefined && value !== null) form[field] = String(value);
  }
  for (const field of ["addressees.yth", "tembusan", ...OPTIONAL_SECTIONS] as const) {
    const value = getPath(input, field);
    form[field] = Array.isArray(value) ? value.map(String).join("\n") : "";
  }
  form["sections.isi"] = isiLines(input.sections.isi).join("\n");
  const dasar = input.sections.dasar;
  form["sections.dasar"] = dasar.flatMap((ref) => (typeof ref === "string" ? [ref] : ref.id ? [ref.id] : []));
  form["sections.dasarLain"] = dasar
    .flatMap((ref) =>
      typeof ref !== "string" && !ref.id ? [ref.singkat ? `${ref.judul} | ${ref.singkat}` : ref.judul] : [],
    )
    .join("\n");
  form.prohibitedActs = (input.prohibitedActs ?? [])
    .map((a) => (a.sanction ? `${a.text} | ${a.sanction}` : a.text))
    .join("\n");
  form.sanctions = (input.sanctions ?? [])
    .map((s) => [s.who, s.what, basisCell(s.basis), ...(s.pasal ? [s.pasal] : [])].join(" | "))
    .join("\n");
  if (input.scope.nonAsnName) form["scope.nonAsnName"] = input.scope.nonAsnName;
  if (input.scope.asn.pns) form["scope.asn.pns"] = "on";
  if (input.scope.asn.pppk) form["scope.asn.pppk"] = "on";
  if (input.scope.nonAsn) form["scope.nonAsn"] = "on";
  if (input.recipients === "all") form["recipients.mode"] = "all";
  else {
    form["recipients.mode"] = "list";
    form["recipients.list"] = [...input.recipients];
  }
  return form;
}

/** Line number in the form for an index path inside a list field (isi points nest); the field parsed once. */
function lineFinder(form: FormData): (field: ListField, rest: string[]) => number | undefined {
  const parsedLines = new Map<ListField, Line[]>();
  let tree: IsiNode[] | null = null;
  return (field, rest) => {
    const index = Number(rest[0]);
    if (!Number.isInteger(index)) return undefined;
    if (field !== "sections.isi") {
      let ls = parsedLines.get(field);
      if (!ls) {
        ls = lines(form[field], lineLimit(field));
        parsedLines.set(field, ls);
      }
      return ls[index]?.line;
    }
    tree ??= isiTree(form["sections.isi"]);
    return isiLine(tree, rest);
  };
}

function isiLine(tree: IsiNode[], rest: string[]): number | undefined {
  let nodes = tree;
  let node: IsiNode | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    node = nodes[Number(rest[i])];
    if (!node || rest[i + 1] !== "points") break;
    nodes = node.points;
  }
  return node?.line;
}

/**
 * Issues from parseEdaranInput to one message per form field (messages of one field joined with "; ").
 * Items of a list field say their line: "Baris 3: Jenis sanksi harus …". Issues with no field of their own
 * (a whole missing object) stay under their path; the form shows them in the summary at the top.
 */
export function issuesToFieldErrors(issues: readonly ValidationIssue[], form: FormData): Record<string, string> {
  const messages = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    const list = messages.get(field);
    if (list) list.push(message);
    else messages.set(field, [message]);
  };
  const lineFor = lineFinder(form);
  for (const issue of issues) {
    const listField = LIST_FIELDS.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    if (listField) {
      const rest = issue.path
        .slice(listField.length + 1)
        .split(".")
        .filter((s) => s !== "");
      const line = rest.length ? lineFor(listField, rest) : undefined;
      add(listField, line ? `Baris ${line}: ${issue.message}` : issue.message);
      continue;
    }
    if (OWN_FIELDS_IN_GROUPS.some((f) => f === issue.path)) {
      add(issue.path, issue.message);
      continue;
    }
    // The issuer comes from the chosen account: what is wrong with it is told at the choice.
    if (/^(signer|issuer)(\.|$)/.test(issue.path)) {
      add(SIGNER_FIELD, issue.message);
      continue;
    }
    const group = GROUP_FIELDS.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    add(group ?? issue.path, issue.message);
  }
  const errors: Record<string, string> = {};
  for (const [field, list] of messages) errors[field] = joinMessages(list);
  return errors;
}

/** The most messages one field shows; a field with more says how many it left out. */
export const MESSAGES_PER_FIELD = 20;

function joinMessages(list: readonly string[]): string {
  if (list.length <= MESSAGES_PER_FIELD) return list.join("; ");
  const more = list.length - MESSAGES_PER_FIELD;
  return `${list.slice(0, MESSAGES_PER_FIELD).join("; ")}; … dan ${more} masalah lain pada isian ini`;
}
