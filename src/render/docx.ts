// The Surat Edaran as DOCX in the Tata Naskah Dinas layout. Same input and options → same bytes: no clock,
// no randomness (core.xml dates come from the letter's date, zip entry times are fixed).
//
// Speed: the parts that depend only on the profile come compressed from a per-profile skeleton
// (docx-skeleton.ts); a render writes the letter's own parts as WordprocessingML strings (wordml.ts),
// compresses those and concatenates the zip.
import type { EdaranInput } from "../domain/edaran-input.js";
import type { PemdaProfile } from "../domain/pemda-profile.js";
import { cm, LETTER_PARTS, mm, type Skeleton, skeletonFor } from "./docx-skeleton.js";
import { PAPER_SIZES_MM, type Profile, type ProfileOverrides, resolveProfile } from "./profile.js";
import {
  type Block,
  buildSignatureWording,
  buildWording,
  nomorText,
  type SignatureWording,
  type Wording,
} from "./wording.js";
import {
  cell,
  escapeXml,
  PAGE_NUMBER_RUNS,
  type ParagraphProps,
  paragraph,
  pictureRun,
  TAB_RUN,
  table,
  textRun,
} from "./wordml.js";
import { deflatedEntry, storedEntry, writeZip, type ZipEntry } from "./zip-writer.js";

export { renderEdaranHtml } from "./html.js";

export interface SignatureBlock {
  qrPng: Uint8Array;
  signedAtText: string;
  verifyUrl: string;
  keyId: string;
}

export interface RenderOptions {
  /** The register's sequence number (e.g. "2185"), placed into the nomor pattern; dots when absent. */
  nomor?: string;
  /** The whole nomor as the register issued it; wins over `nomor` so the letter prints what the register holds. */
  nomorText?: string;
  profile?: ProfileOverrides;
  logoPng?: Uint8Array;
  signature?: SignatureBlock;
  /** The Pemda profile the letter is laid out with (kop, page, nomor pattern, name casing). */
  pemda?: PemdaProfile;
  /** PNG bytes of the profile's images. */
  images?: { lambang?: Uint8Array; emblem?: Uint8Array };
}

/** Indent step of one list level: label at n·STEP, text at (n+1)·STEP, so wrapped lines stay aligned. */
const STEP = cm(0.75);

/** Width and height of a PNG from its IHDR chunk, to keep the aspect ratio. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || v.getUint32(12) !== 0x49484452) throw new Error("Berkas logo/QR bukan PNG yang valid");
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

// Fixed drawing ids, so bytes never drift.
const DRAWING_IDS = { logo: { id: "1", name: "Lambang daerah" }, qr: { id: "2", name: "Kode QR verifikasi" } } as const;

/** The images of one letter, in document order: they become word/media/imageN.png and relationships rId11…. */
class Media {
  readonly pngs: Uint8Array[] = [];

  picture(png: Uint8Array, widthCm: number, which: keyof typeof DRAWING_IDS): string {
    const { width, height } = pngSize(png);
    // Sizes in pixels at 96 dpi, as Word measures pictures.
    const w = Math.round((widthCm / 2.54) * 96);
    this.pngs.push(png);
    const { id, name } = DRAWING_IDS[which];
    return pictureRun({
      relId: imageRelId(this.pngs.length),
      docPrId: id,
      name,
      widthPx: w,
      heightPx: Math.round((w * height) / width),
    });
  }
}

// The skeleton's relationships take rId1–rId10 (styles … theme); images follow, the font table comes last.
const imageRelId = (n: number) => `rId${10 + n}`;

interface Ctx {
  p: Profile;
  textWidth: number;
  media: Media;
}

const run = (text: string, extra: { bold?: boolean; size?: number; underline?: boolean } = {}) =>
  textRun(text, { bold: extra.bold, halfPoints: extra.size ? extra.size * 2 : undefined, underline: extra.underline });

const para = (props: ParagraphProps, ...runs: string[]) => paragraph(props, runs.join(""));

function kop(w: Wording, c: Ctx, logo?: Uint8Array): string {
  const logoW = cm(c.p.kop.logoWidthCm + 0.4);
  const midW = c.textWidth - 2 * logoW;
  const logoCell = cell(
    logoW,
    para({ align: "left" }, logo ? c.media.picture(logo, c.p.kop.logoWidthCm, "logo") : ""),
    true,
  );
  const textCell = cell(
    midW,
    para({ align: "center" }, run(w.kop.name, { bold: true, size: c.p.kop.nameSizePt })) +
      w.kop.lines.map((l) => para({ align: "center" }, run(l, { size: c.p.kop.lineSizePt }))).join(""),
    true,
  );
  // An empty third column as wide as the logo keeps the kop text centred on the page.
  const balanceCell = cell(logoW, para({}), false);
  const rule = para(
    {
      bottomBorder: { style: "thickThinSmallGap", eighths: c.p.kop.ruleThickPt * 8, color: "000000", space: 1 },
      spacing: { after: 240, before: 0 },
    },
    run("", { size: 4 }),
  );
  return table({ width: c.textWidth, columns: [logoW, midW, logoW] }, logoCell + textCell + balanceCell) + rule;
}

function addressees(w: Wording): string {
  const labelPos = cm(1.1);
  const textPos = labelPos + cm(0.7);
  const tabs = [labelPos, textPos];
  const a = w.addressees;
  let out = a.items
    .map((item, i) =>
      para(
        {
          tabs,
          spacing: { after: 0 },
          indent: item.label ? { left: textPos, hanging: textPos } : { left: labelPos, hanging: labelPos },
        },
        run(i === 0 ? a.head : ""),
        TAB_RUN,
        ...(item.label ? [run(item.label), TAB_RUN] : []),
        run(item.text),
      ),
    )
    .join("");
  if (a.note) out += para({ spacing: { after: 0 }, indent: { left: labelPos } }, run(a.note));
  out += para({ spacing: { after: 0 }, indent: { left: labelPos } }, run(a.di));
  out += para({ spacing: { after: 240 }, indent: { left: labelPos + cm(0.6) } }, run(a.tempat));
  return out;
}

function titleBlock(w: Wording): string {
  const centred = (text: string, bold = false, after = 0) =>
    para({ keepNext: true, spacing: { after }, align: "center" }, run(text, { bold }));
  return (
    centred(w.title.heading, true) +
    centred(w.title.nomor) +
    centred(w.title.tentang) +
    centred(w.title.judul, false, 360)
  );
}

function listParagraph(level: number, label: string, text: string, c: Ctx, keepNext: boolean): string {
  const textPos = (level + 1) * STEP;
  return para(
    {
      keepNext,
      widowControl: true,
      tabs: [textPos],
      spacing: { after: Math.round(c.p.paragraphAfterPt * 20) },
      indent: { left: textPos, hanging: STEP },
      align: "both",
    },
    run(label),
    TAB_RUN,
    run(text),
  );
}

/** A list lead-in ("… dilarang:") belongs with the list it opens. */
const isLeadIn = (text: string) => text.trimEnd().endsWith(":");

function block(b: Block, c: Ctx, keepNext: boolean): string {
  if (b.kind === "li") return listParagraph(b.level, b.label, b.text, c, keepNext);
  return para(
    {
      keepNext,
      widowControl: true,
      spacing: { after: Math.round(c.p.paragraphAfterPt * 20) },
      indent: { left: STEP },
      align: "both",
    },
    run(b.text),
  );
}

/**
 * Headings and lead-ins keep with what follows; the body's last paragraph (the Penutup) keeps with the foot, so the
 * signature page always carries text of the letter and cannot be detached and put under another one.
 */
function body(w: Wording, c: Ctx): string {
  return w.sections
    .map(
      (s, si) =>
        listParagraph(0, s.label, s.heading, c, true) +
        s.blocks
          .map((b, bi) => {
            const last = si === w.sections.length - 1 && bi === s.blocks.length - 1;
            return block(b, c, last || isLeadIn(b.text));
          })
          .join(""),
    )
    .join("");
}

/**
 * The foot ("Ditetapkan di" … NIP, with the TTE block when signed) and the tembusan in one unsplittable borderless
 * row: LibreOffice does not always honour a chain of keepNext paragraphs at a page break, but it always moves a
 * cantSplit row whole, and the Penutup's keepNext takes its last paragraph along to the foot's page.
 */
function foot(w: Wording, c: Ctx, sig?: { wording: SignatureWording; qrPng: Uint8Array }): string {
  const left = Math.round(c.textWidth / 2);
  const line = (text: string, opts: { bold?: boolean; underline?: boolean; before?: number } = {}) =>
    para(
      { keepNext: true, keepLines: true, spacing: { after: 0, before: opts.before ?? 0 }, indent: { left } },
      run(text, { bold: opts.bold, underline: opts.underline }),
    );
  let out = para({ keepNext: true, spacing: { after: 0 } });
  out += w.foot.lines.map((l) => line(l)).join("");
  out += w.foot.jabatan.map((l) => line(l)).join("");
  if (sig) {
    out += signatureVisual(sig.wording, sig.qrPng, c, left);
    out += line(w.foot.name, { bold: true, underline: true });
  } else {
    // Room for a wet signature and the cap.
    out += line(w.foot.name, { bold: true, underline: true, before: 1500 });
  }
  out += w.foot.after.map((l) => line(l)).join("");
  out += tembusan(w);
  return table(
    { width: c.textWidth, columns: [c.textWidth], cantSplit: true, flush: true },
    cell(c.textWidth, out, false),
  );
}

function signatureVisual(s: SignatureWording, qrPng: Uint8Array, c: Ctx, left: number): string {
  const qrW = cm(2.4);
  const textW = c.textWidth - left - qrW;
  const small = c.p.smallSizePt;
  const textLine = (t: string, bold = false) =>
    para({ keepNext: true, spacing: { after: 0 } }, run(t, { size: small, bold }));
  return table(
    { width: qrW + textW, indent: left, columns: [qrW, textW], cantSplit: true },
    cell(qrW, para({ keepNext: true }, c.media.picture(qrPng, 2.2, "qr")), true) +
      cell(
        textW,
        [...s.lines.map((l) => textLine(l)), textLine(s.name, true), ...s.afterName.map((l) => textLine(l))].join(""),
        true,
      ),
  );
}

function tembusan(w: Wording): string {
  if (!w.tembusan) return "";
  const textPos = cm(0.7);
  const items = w.tembusan.items;
  return (
    para({ keepNext: true, spacing: { after: 0, before: 480 } }, run(w.tembusan.head)) +
    items
      .map((item, i) =>
        para(
          {
            keepNext: i < items.length - 1,
            tabs: [textPos],
            spacing: { after: 0 },
            indent: { left: textPos, hanging: textPos },
          },
          run(item.label),
          TAB_RUN,
          run(item.text),
        ),
      )
      .join("")
  );
}

/** Fixed core properties: dated from the letter, not the render, so a re-render gives the same bytes. */
function coreXml(input: EdaranInput): string {
  const when = `${input.date}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>Surat Edaran tentang ${escapeXml(input.tentang)}</dc:title>` +
    `<dc:creator>${escapeXml(input.government?.name ?? "")}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The document's relationships, numbered as docx numbers them (the header/footer ids are in the skeleton's sectPr). */
function documentRels(imageCount: number): string {
  const rels: [string, string][] = [
    ["styles", "styles.xml"],
    ["numbering", "numbering.xml"],
    ["footnotes", "footnotes.xml"],
    ["endnotes", "endnotes.xml"],
    ["settings", "settings.xml"],
    ["header", "header1.xml"],
    ["header", "header2.xml"],
    ["footer", "footer1.xml"],
    ["footer", "footer2.xml"],
    ["theme", "theme/theme1.xml"],
    ...Array.from({ length: imageCount }, (_, i): [string, string] => ["image", `media/image${i + 1}.png`]),
    ["fontTable", "fontTable.xml"],
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels
      .map(
        ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${escapeXml(target)}"/>`,
      )
      .join("") +
    "</Relationships>"
  );
}

/** The letter's own parts, uncompressed: document, headers, footers, relationships, core properties. */
export interface LetterParts {
  xml: Record<(typeof LETTER_PARTS)[keyof typeof LETTER_PARTS], string>;
  media: Uint8Array[];
}

export function buildLetterParts(input: EdaranInput, opts: RenderOptions, p: Profile, sk: Skeleton): LetterParts {
  const paper = PAPER_SIZES_MM[p.paper];
  const textWidth = mm(paper.width) - cm(p.marginsCm.left) - cm(p.marginsCm.right);
  const c: Ctx = { p, textWidth, media: new Media() };
  const w = buildWording(input, opts.nomorText ?? nomorText(input, opts.nomor));
  const sig = opts.signature
    ? { wording: buildSignatureWording(input, opts.signature), qrPng: opts.signature.qrPng }
    : undefined;
  const content = kop(w, c, opts.logoPng) + addressees(w) + titleBlock(w) + body(w, c) + foot(w, c, sig);

  const pageNumber = para({ align: "center" }, PAGE_NUMBER_RUNS);
  const statement = sig ? para({ align: "center" }, run(sig.wording.footer, { size: p.smallSizePt })) : "";
  const part = (open: string, close: string, inner: string) =>
    inner ? `${open}${inner}${close}` : `${open.slice(0, -1)}/>`;
  const header = (inner: string) => part(sk.headerOpen, "</w:hdr>", inner);
  const footer = (inner: string) => part(sk.footerOpen, "</w:ftr>", inner);
  const top = p.pageNumber === "top";
  return {
    xml: {
      [LETTER_PARTS.document]: `${sk.documentOpen}<w:body>${content}${sk.sectPr}</w:body></w:document>`,
      [LETTER_PARTS.documentRels]: documentRels(c.media.pngs.length),
      [LETTER_PARTS.core]: coreXml(input),
      [LETTER_PARTS.headerDefault]: header(top ? pageNumber : ""),
      [LETTER_PARTS.headerFirst]: header(""),
      [LETTER_PARTS.footerDefault]: footer((top ? "" : pageNumber) + statement),
      [LETTER_PARTS.footerFirst]: footer(statement),
    },
    media: c.media.pngs,
  };
}

export async function renderEdaranDocx(input: EdaranInput, opts: RenderOptions = {}): Promise<Uint8Array> {
  const p = resolveProfile(opts.profile);
  const sk = await skeletonFor(p);
  const parts = buildLetterParts(input, opts, p, sk);
  const xml: Record<string, string> = parts.xml;
  const entries: ZipEntry[] = sk.order.map((e) => (typeof e === "string" ? deflatedEntry(e, xml[e] ?? "") : e));
  for (const [i, png] of parts.media.entries()) entries.push(storedEntry(`word/media/image${i + 1}.png`, png));
  return writeZip(entries);
}
