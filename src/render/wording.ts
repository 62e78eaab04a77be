// Runs the precompiled wording templates (handlebars/runtime only, no eval) and parses their line output
// into the structure the DOCX and HTML writers lay out.
import type * as HandlebarsTypes from "handlebars";
// handlebars/runtime ships without its own types; it is the same API minus the compiler.
import HandlebarsRuntime from "handlebars/runtime.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import { DEFAULT_NOMOR_PATTERN, formatNomor } from "../domain/nomor.js";
import { templateHelpers } from "./template-helpers.js";
import { partialSpecs, templateSpecs } from "./templates.generated.js";

export interface Labeled {
  label: string;
  text: string;
}

export type Block = { kind: "p"; text: string } | { kind: "li"; level: 1 | 2 | 3; label: string; text: string };

export interface Section {
  label: string;
  heading: string;
  blocks: Block[];
}

export interface Wording {
  kop: { name: string; lines: string[] };
  addressees: { head: string; items: Labeled[]; note: string | null; di: string; tempat: string };
  title: { heading: string; nomor: string; tentang: string; judul: string };
  sections: Section[];
  foot: { lines: string[]; jabatan: string[]; name: string; after: string[] };
  tembusan: { head: string; items: Labeled[] } | null;
}

export interface SignatureWording {
  lines: string[];
  name: string;
  afterName: string[];
  footer: string;
}

const Handlebars = HandlebarsRuntime as unknown as typeof HandlebarsTypes;
const hb = Handlebars.create();
for (const [name, fn] of Object.entries(templateHelpers)) hb.registerHelper(name, fn as HandlebarsTypes.HelperDelegate);
for (const [name, spec] of Object.entries(partialSpecs))
  hb.registerPartial(name, hb.template(spec as TemplateSpecification));

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

function template(name: string): (ctx: unknown) => string {
  const spec = templateSpecs[name];
  if (!spec) throw new Error(`Templat ${name} tidak ada; jalankan npm run build:templates`);
  return hb.template(spec as TemplateSpecification);
}

const edaranTemplate = template("edaran");
const tteTemplate = template("tte");

/** The nomor as printed: the register's sequence when known, else dots where the sequence goes. */
export function nomorText(input: EdaranInput, seq?: string | number): string {
  return formatNomor(input.nomor.pattern ?? DEFAULT_NOMOR_PATTERN, {
    kka: input.nomor.kka,
    seq: seq === undefined || seq === "" ? "......" : seq,
    unit: input.nomor.unit,
    year: input.nomor.year,
    month: Number(input.date.slice(5, 7)),
  });
}

function viewModel(input: EdaranInput, nomor?: string) {
  const isiItems: { kind: string; point?: unknown }[] = input.sections.isi.map((point) => ({ kind: "point", point }));
  if (input.prohibitedActs.length) isiItems.push({ kind: "larangan" });
  if (input.sanctions.length) isiItems.push({ kind: "sanksi" });
  isiItems.push({ kind: "tandaTerima" });
  return { ...input, nomorText: nomor ?? nomorText(input), isiItems };
}

interface Line {
  kind: string;
  fields: string[];
}

const FIELD_COUNT: Record<string, number> = { "yth.item": 2, h: 2, li: 3, "tembusan.item": 2 };

function parseLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const bar = line.indexOf("|");
    if (bar < 0) throw new Error(`Baris templat tanpa jenis: ${line}`);
    const kind = line.slice(0, bar);
    const n = FIELD_COUNT[kind] ?? 1;
    const parts = line.slice(bar + 1).split("|");
    // The last field is free text and may itself hold "|".
    lines.push({ kind, fields: [...parts.slice(0, n - 1), parts.slice(n - 1).join("|")] });
  }
  return lines;
}

const f = (l: Line, i: number) => l.fields[i] ?? "";

/** The letter's wording, structured. `nomor` is the full printed number (see nomorText). */
export function buildWording(input: EdaranInput, nomor?: string): Wording {
  const w: Wording = {
    kop: { name: "", lines: [] },
    addressees: { head: "", items: [], note: null, di: "", tempat: "" },
    title: { heading: "", nomor: "", tentang: "", judul: "" },
    sections: [],
    foot: { lines: [], jabatan: [], name: "", after: [] },
    tembusan: null,
  };
  for (const l of parseLines(edaranTemplate(viewModel(input, nomor)))) {
    const section = w.sections[w.sections.length - 1];
    switch (l.kind) {
      case "kop.name":
        w.kop.name = f(l, 0);
        break;
      case "kop.line":
        w.kop.lines.push(f(l, 0));
        break;
      case "yth.head":
        w.addressees.head = f(l, 0);
        break;
      case "yth.item":
        w.addressees.items.push({ label: f(l, 0), text: f(l, 1) });
        break;
      case "yth.note":
        w.addressees.note = f(l, 0);
        break;
      case "yth.di":
        w.addressees.di = f(l, 0);
        break;
      case "yth.tempat":
        w.addressees.tempat = f(l, 0);
        break;
      case "title":
        w.title.heading = f(l, 0);
        break;
      case "nomor":
        w.title.nomor = f(l, 0);
        break;
      case "tentang":
        w.title.tentang = f(l, 0);
        break;
      case "judul":
        w.title.judul = f(l, 0);
        break;
      case "h":
        w.sections.push({ label: f(l, 0), heading: f(l, 1), blocks: [] });
        break;
      case "p":
      case "li":
        if (!section) throw new Error(`Baris ${l.kind} sebelum judul bagian`);
        section.blocks.push(
          l.kind === "p"
            ? { kind: "p", text: f(l, 0) }
            : {
                kind: "li",
                level: listLevel(f(l, 0)),
                label: f(l, 1),
                text: f(l, 2),
              },
        );
        break;
      case "foot.line":
        (w.foot.name ? w.foot.after : w.foot.lines).push(f(l, 0));
        break;
      case "foot.jabatan":
        w.foot.jabatan.push(f(l, 0));
        break;
      case "foot.name":
        w.foot.name = f(l, 0);
        break;
      case "tembusan.head":
        w.tembusan = { head: f(l, 0), items: [] };
        break;
      case "tembusan.item":
        w.tembusan?.items.push({ label: f(l, 0), text: f(l, 1) });
        break;
      default:
        throw new Error(`Jenis baris templat tidak dikenal: ${l.kind}`);
    }
  }
  return w;
}

export function buildSignatureWording(
  input: EdaranInput,
  sig: { signedAtText: string; verifyUrl: string; keyId: string },
): SignatureWording {
  const out: SignatureWording = { lines: [], name: "", afterName: [], footer: "" };
  for (const l of parseLines(tteTemplate({ ...input, ...sig }))) {
    if (l.kind === "sig.line") (out.name ? out.afterName : out.lines).push(f(l, 0));
    else if (l.kind === "sig.name") out.name = f(l, 0);
    else if (l.kind === "footer") out.footer = f(l, 0);
  }
  return out;
}

/** The list level a template line names, clamped to the letter's three levels (a. / 1) / a)). */
function listLevel(text: string): 1 | 2 | 3 {
  const n = Number(text);
  return n >= 3 ? 3 : n >= 2 ? 2 : 1;
}
