// The Surat Edaran as PDF, laid out by edaran itself from the same wording and options as the DOCX
// (src/render/docx.ts), on Node and inside workerd alike: no LibreOffice at run time. Same input and options → same
// bytes: the dates come from the letter's date, the document ID from its content, the font subsets have fixed names.
import type { EdaranInput } from "../../domain/edaran-input.js";
import type { PemdaProfile } from "../../domain/pemda-profile.js";
import { type RenderOptions, renderPemda } from "../docx.js";
import { PAPER_SIZES_MM, type Profile, profileFor } from "../profile.js";
import { buildSignatureWording, buildWording, nomorText } from "../wording.js";
import { type DrawOp, paginate } from "./flow.js";
import { type LetterFonts, loadLetterFonts } from "./fonts.js";
import { cmPt, LetterLayout, type Sig } from "./letter-layout.js";
import { paragraphLines } from "./paragraph-lines.js";
import { type DrawnPage, writePdf } from "./pdf-writer.js";

/** Where the visible TTE box (QR and its wording) landed: page index from 0, rectangle in PDF points (origin bottom left). */
export interface TteBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  /** The foot's TTE box, where a PAdES signature's widget goes; null when the letter is not signed. */
  tteBox: TteBox | null;
  /** Every TTE box in page order: the foot's, then the Lampiran's when the letter has one. */
  tteBoxes: TteBox[];
  pageCount: number;
}

/** Header and footer distance from the page edge (1.25 cm, as the DOCX's section). */
const HEADER_DISTANCE = cmPt(1.25);

/** The trailer's /ID: the first 16 bytes of a SHA-256 over what the page shows (wording inputs and image bytes). */
async function documentId(parts: unknown, images: (Uint8Array | undefined)[]): Promise<Uint8Array> {
  const chunks = [new TextEncoder().encode(JSON.stringify(parts)), ...images.filter((i) => i !== undefined)];
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length + 4, 0));
  let at = 0;
  for (const c of chunks) {
    // Each chunk's length first, so two different splits of the same bytes cannot collide.
    new DataView(all.buffer).setUint32(at, c.length);
    all.set(c, at + 4);
    at += c.length + 4;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all)).slice(0, 16);
}

/** The letter laid out on pages, before any writer draws them: what the PDF and the SVG pages both show. */
export interface LaidOutLetter {
  pages: DrawnPage[];
  /** Page size in points. */
  size: { width: number; height: number };
  fonts: LetterFonts;
  tteBoxes: TteBox[];
  pemda: PemdaProfile;
  nomor: string;
  profile: Profile;
}

/** Lays the letter out on pages (wording, kop, foot, headers and footers, pagination) as renderEdaranPdf draws it. */
export async function layoutEdaranPages(input: EdaranInput, opts: RenderOptions = {}): Promise<LaidOutLetter> {
  const pemda = renderPemda(input, opts);
  const p = profileFor(pemda, opts.profile);
  const fonts = await loadLetterFonts();
  const paper = PAPER_SIZES_MM[p.paper];
  // The DOCX rounds page and margins to twips; the PDF takes the same numbers.
  const pageW = Math.round(paper.width * 56.693) / 20;
  const pageH = Math.round(paper.height * 56.693) / 20;
  const margin = {
    top: cmPt(p.marginsCm.top),
    bottom: cmPt(p.marginsCm.bottom),
    left: cmPt(p.marginsCm.left),
    right: cmPt(p.marginsCm.right),
  };
  const textWidth = pageW - margin.left - margin.right;
  const nomor = opts.nomorText ?? nomorText(input, opts.nomor, pemda);
  const w = buildWording(input, nomor, pemda);
  const sig: Sig | undefined = opts.signature
    ? { wording: buildSignatureWording(input, opts.signature, pemda), qrPng: opts.signature.qrPng }
    : undefined;

  const layout = new LetterLayout({ p, textWidth, metrics: fonts.metrics });
  if (w.kop.kind === "jabatan") layout.kopJabatan(w, opts.images?.emblem);
  else layout.kopInstansi(w, opts.images?.lambang ?? opts.logoPng);
  layout.addressees(w);
  layout.titleBlock(w);
  layout.body(w);
  layout.foot(w, sig);
  layout.lampiran(w, sig);

  const small = (text: string) =>
    paragraphLines(
      {
        text,
        firstX: 0,
        restX: 0,
        right: textWidth,
        align: "center",
        font: { style: "regular", sizePt: p.smallSizePt },
        lineSpacing: p.lineSpacing,
      },
      fonts.metrics,
    );
  const pageNumber = (n: number) =>
    paragraphLines(
      {
        text: `- ${n} -`,
        firstX: 0,
        restX: 0,
        right: textWidth,
        align: "center",
        font: { style: "regular", sizePt: p.fontSizePt },
        lineSpacing: p.lineSpacing,
      },
      fonts.metrics,
    );
  const statement = sig ? small(sig.wording.footer) : [];
  const footerOf = (index: number) => [
    ...(index > 0 && p.pageNumber === "bottom" ? pageNumber(index + 1) : []),
    ...statement,
  ];
  const heightOf = (lines: { height: number }[]) => lines.reduce((h, l) => h + l.height, 0);
  // A footer taller than the bottom margin leaves its distance pushes the text area's bottom up, as LibreOffice does.
  const areaHeightOf = (index: number) =>
    pageH - margin.top - Math.max(margin.bottom, HEADER_DISTANCE + heightOf(footerOf(index)));
  const placed = paginate(layout.blocks, areaHeightOf);

  const tteBoxes: TteBox[] = [];
  const pages: DrawnPage[] = placed.map((lines, index) => {
    const ops: DrawOp[] = [];
    const put = (op: DrawOp, dx: number, dy: number) => {
      if (op.kind === "text") ops.push({ ...op, x: op.x + dx, baseline: op.baseline + dy });
      else if (op.kind === "tteBox")
        tteBoxes.push({
          page: index,
          x: op.x + dx,
          y: pageH - (op.y + dy + op.height),
          width: op.width,
          height: op.height,
        });
      else ops.push({ ...op, x: op.x + dx, y: op.y + dy });
    };
    for (const { y, line } of lines) for (const op of line.ops) put(op, margin.left, margin.top + y);
    // Header: the page number from page 2 (the DOCX's different first page), at the top or in the footer.
    const footer = footerOf(index);
    if (index > 0 && p.pageNumber === "top") {
      let y = HEADER_DISTANCE;
      for (const l of pageNumber(index + 1)) {
        for (const op of l.ops) put(op, margin.left, y);
        y += l.height;
      }
    }
    // The footer grows upwards from its distance to the bottom edge.
    let y = pageH - HEADER_DISTANCE - heightOf(footer);
    for (const l of footer) {
      for (const op of l.ops) put(op, margin.left, y);
      y += l.height;
    }
    return { ops };
  });
  return { pages, size: { width: pageW, height: pageH }, fonts, tteBoxes, pemda, nomor, profile: p };
}

export async function renderEdaranPdf(input: EdaranInput, opts: RenderOptions = {}): Promise<RenderedPdf> {
  const { pages, size, fonts, tteBoxes, pemda, nomor, profile: p } = await layoutEdaranPages(input, opts);
  // What to send changes nothing on the page: the delivery settings stay out of the document ID.
  const { delivery: _delivery, ...shownPemda } = pemda;
  const date = new Date(`${input.date}T00:00:00Z`);
  const bytes = await writePdf(pages, size, fonts, {
    title: `Surat Edaran tentang ${input.tentang}`,
    author: pemda.governmentName,
    date,
    id: await documentId(
      [input, nomor, shownPemda, p, opts.signature?.verifyUrl ?? null, opts.signature?.signedAtText ?? null],
      [opts.images?.lambang ?? opts.logoPng, opts.images?.emblem, opts.signature?.qrPng],
    ),
  });
  return { bytes, tteBox: tteBoxes[0] ?? null, tteBoxes, pageCount: pages.length };
}
