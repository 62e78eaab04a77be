// The letter as the docx package's object model writes it: the renderer's layout before it wrote WordprocessingML
// itself (src/render/wordml.ts). Kept as the reference the fast writer must match part for part.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  type IParagraphOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { stripNonXmlChars } from "../../src/domain/xml-text.js";
import type { RenderOptions } from "../../src/render/docx.js";
import { PAPER_SIZES_MM, type Profile, resolveProfile } from "../../src/render/profile.js";
import {
  type Block,
  buildSignatureWording,
  buildWording,
  nomorText,
  type SignatureWording,
  type Wording,
} from "../../src/render/wording.js";

const TWIPS_PER_CM = 566.93;
const cm = (v: number) => Math.round(v * TWIPS_PER_CM);
const mm = (v: number) => Math.round((v * TWIPS_PER_CM) / 10);

/** Indent step of one list level: label at n·STEP, text at (n+1)·STEP, so wrapped lines stay aligned. */
const STEP = cm(0.75);

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
};

const CELL_NO_BORDERS = {
  top: NO_BORDERS.top,
  bottom: NO_BORDERS.bottom,
  left: NO_BORDERS.left,
  right: NO_BORDERS.right,
};

/** Width and height of a PNG from its IHDR chunk, to keep the aspect ratio. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || v.getUint32(12) !== 0x49484452) throw new Error("Berkas logo/QR bukan PNG yang valid");
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

// Fixed drawing ids: docx would otherwise take them from a process-wide counter, and bytes would drift.
const DRAWING_IDS = { logo: { id: "1", name: "Lambang daerah" }, qr: { id: "2", name: "Kode QR verifikasi" } } as const;

function image(png: Uint8Array, widthCm: number, which: keyof typeof DRAWING_IDS): ImageRun {
  const { width, height } = pngSize(png);
  // docx sizes images in pixels at 96 dpi.
  const w = Math.round((widthCm / 2.54) * 96);
  const { id, name } = DRAWING_IDS[which];
  return new ImageRun({
    type: "png",
    data: png,
    altText: { id, name, description: name, title: name },
    transformation: { width: w, height: Math.round((w * height) / width) },
  });
}

interface Ctx {
  p: Profile;
  textWidth: number;
}

// docx drops C0 controls itself but would write U+FFFE/U+FFFF and lone surrogates; the writer drops them all.
const run = (text: string, extra: { bold?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text: stripNonXmlChars(text),
    bold: extra.bold,
    size: extra.size ? extra.size * 2 : undefined,
    underline: extra.underline ? {} : undefined,
  });

const tab = () => new TextRun({ children: [new Tab()] });

function para(opts: IParagraphOptions): Paragraph {
  return new Paragraph(opts);
}

function kop(w: Wording, c: Ctx, logo?: Uint8Array): (Paragraph | Table)[] {
  const rule = para({
    spacing: { before: 0, after: 240 },
    border: {
      bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: c.p.kop.ruleThickPt * 8, color: "000000", space: 1 },
    },
    children: [run("", { size: 4 })],
  });
  const lines = [
    para({ alignment: AlignmentType.CENTER, children: [run(w.kop.name, { bold: true, size: c.p.kop.nameSizePt })] }),
    ...w.kop.lines.map((l) =>
      para({ alignment: AlignmentType.CENTER, children: [run(l, { size: c.p.kop.lineSizePt })] }),
    ),
  ];
  // Without a lambang the kop text is centred on the page, with no empty logo column.
  if (!logo) return [...lines, rule];
  const logoW = cm(c.p.kop.logoWidthCm + 0.4);
  const midW = c.textWidth - 2 * logoW;
  const textCell = new TableCell({
    width: { size: midW, type: WidthType.DXA },
    borders: CELL_NO_BORDERS,
    verticalAlign: VerticalAlign.CENTER,
    children: lines,
  });
  const logoCell = new TableCell({
    width: { size: logoW, type: WidthType.DXA },
    borders: CELL_NO_BORDERS,
    verticalAlign: VerticalAlign.CENTER,
    children: [para({ alignment: AlignmentType.LEFT, children: [image(logo, c.p.kop.logoWidthCm, "logo")] })],
  });
  // An empty third column as wide as the logo keeps the kop text centred on the page.
  const balanceCell = new TableCell({
    width: { size: logoW, type: WidthType.DXA },
    borders: CELL_NO_BORDERS,
    children: [para({})],
  });
  const table = new Table({
    width: { size: c.textWidth, type: WidthType.DXA },
    columnWidths: [logoW, midW, logoW],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [logoCell, textCell, balanceCell] })],
  });
  return [table, rule];
}

function addressees(w: Wording): Paragraph[] {
  const labelPos = cm(1.1);
  const textPos = labelPos + cm(0.7);
  const tabs = [
    { type: TabStopType.LEFT, position: labelPos },
    { type: TabStopType.LEFT, position: textPos },
  ];
  const out: Paragraph[] = [];
  const a = w.addressees;
  a.items.forEach((item, i) => {
    const children = [
      run(i === 0 ? a.head : ""),
      tab(),
      ...(item.label ? [run(item.label), tab()] : []),
      run(item.text),
    ];
    out.push(
      para({
        tabStops: tabs,
        indent: item.label ? { left: textPos, hanging: textPos } : { left: labelPos, hanging: labelPos },
        spacing: { after: 0 },
        children,
      }),
    );
  });
  if (a.note) out.push(para({ indent: { left: labelPos }, spacing: { after: 0 }, children: [run(a.note)] }));
  out.push(para({ indent: { left: labelPos }, spacing: { after: 0 }, children: [run(a.di)] }));
  out.push(para({ indent: { left: labelPos + cm(0.6) }, spacing: { after: 240 }, children: [run(a.tempat)] }));
  return out;
}

function titleBlock(w: Wording): Paragraph[] {
  const centred = (text: string, bold = false, after = 0) =>
    para({ alignment: AlignmentType.CENTER, spacing: { after }, keepNext: true, children: [run(text, { bold })] });
  return [
    centred(w.title.heading, true),
    centred(w.title.nomor),
    centred(w.title.tentang),
    centred(w.title.judul, false, 360),
  ];
}

function listParagraph(level: number, label: string, text: string, c: Ctx, keepNext: boolean): Paragraph {
  const textPos = (level + 1) * STEP;
  return para({
    alignment: AlignmentType.JUSTIFIED,
    indent: { left: textPos, hanging: STEP },
    tabStops: [{ type: TabStopType.LEFT, position: textPos }],
    spacing: { after: Math.round(c.p.paragraphAfterPt * 20) },
    keepNext,
    widowControl: true,
    children: [run(label), tab(), run(text)],
  });
}

const isLeadIn = (text: string) => text.trimEnd().endsWith(":");

function block(b: Block, c: Ctx, keepNext: boolean): Paragraph {
  if (b.kind === "li") return listParagraph(b.level, b.label, b.text, c, keepNext);
  return para({
    alignment: AlignmentType.JUSTIFIED,
    indent: { left: STEP },
    spacing: { after: Math.round(c.p.paragraphAfterPt * 20) },
    keepNext,
    widowControl: true,
    children: [run(b.text)],
  });
}

function body(w: Wording, c: Ctx): Paragraph[] {
  return w.sections.flatMap((s, si) => [
    listParagraph(0, s.label, s.heading, c, true),
    ...s.blocks.map((b, bi) =>
      block(b, c, (si === w.sections.length - 1 && bi === s.blocks.length - 1) || isLeadIn(b.text)),
    ),
  ]);
}

function foot(w: Wording, c: Ctx, sig?: { wording: SignatureWording; qrPng: Uint8Array }): Table {
  const left = Math.round(c.textWidth / 2);
  const line = (text: string, opts: { bold?: boolean; underline?: boolean; before?: number } = {}) =>
    para({
      indent: { left },
      keepNext: true,
      keepLines: true,
      spacing: { before: opts.before ?? 0, after: 0 },
      children: [run(text, { bold: opts.bold, underline: opts.underline })],
    });
  const out: (Paragraph | Table)[] = [para({ spacing: { after: 0 }, keepNext: true, children: [] })];
  for (const l of w.foot.lines) out.push(line(l));
  for (const l of w.foot.jabatan) out.push(line(l));
  if (sig) {
    out.push(signatureVisual(sig.wording, sig.qrPng, c, left));
    out.push(line(w.foot.name, { bold: true, underline: true }));
  } else {
    // Room for a wet signature and the cap.
    out.push(line(w.foot.name, { bold: true, underline: true, before: 1500 }));
  }
  for (const l of w.foot.after) out.push(line(l));
  out.push(...tembusan(w));
  // One unsplittable row, so the foot and the tembusan move to the next page whole.
  return new Table({
    width: { size: c.textWidth, type: WidthType.DXA },
    columnWidths: [c.textWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { left: 0, right: 0 },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: c.textWidth, type: WidthType.DXA }, borders: CELL_NO_BORDERS, children: out }),
        ],
      }),
    ],
  });
}

function signatureVisual(s: SignatureWording, qrPng: Uint8Array, c: Ctx, left: number): Table {
  const qrW = cm(2.4);
  const textW = c.textWidth - left - qrW;
  const small = c.p.smallSizePt;
  const textLine = (t: string, bold = false) =>
    para({ spacing: { after: 0 }, keepNext: true, children: [run(t, { size: small, bold })] });
  return new Table({
    indent: { size: left, type: WidthType.DXA },
    width: { size: qrW + textW, type: WidthType.DXA },
    columnWidths: [qrW, textW],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: qrW, type: WidthType.DXA },
            borders: CELL_NO_BORDERS,
            verticalAlign: VerticalAlign.CENTER,
            children: [para({ keepNext: true, children: [image(qrPng, 2.2, "qr")] })],
          }),
          new TableCell({
            width: { size: textW, type: WidthType.DXA },
            borders: CELL_NO_BORDERS,
            verticalAlign: VerticalAlign.CENTER,
            children: [
              ...s.lines.map((l) => textLine(l)),
              textLine(s.name, true),
              ...s.afterName.map((l) => textLine(l)),
            ],
          }),
        ],
      }),
    ],
  });
}

function tembusan(w: Wording): Paragraph[] {
  if (!w.tembusan) return [];
  const textPos = cm(0.7);
  return [
    para({ spacing: { before: 480, after: 0 }, keepNext: true, children: [run(w.tembusan.head)] }),
    ...w.tembusan.items.map((item, i, all) =>
      para({
        indent: { left: textPos, hanging: textPos },
        tabStops: [{ type: TabStopType.LEFT, position: textPos }],
        spacing: { after: 0 },
        keepNext: i < all.length - 1,
        children: [run(item.label), tab(), run(item.text)],
      }),
    ),
  ];
}

function pageNumberParagraph(): Paragraph {
  return para({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: ["- ", PageNumber.CURRENT, " -"] })],
  });
}

function buildEdaranDocument(input: EdaranInput, opts: RenderOptions = {}): Document {
  const p = resolveProfile(opts.profile);
  const paper = PAPER_SIZES_MM[p.paper];
  const textWidth = mm(paper.width) - cm(p.marginsCm.left) - cm(p.marginsCm.right);
  const c: Ctx = { p, textWidth };
  const w = buildWording(input, opts.nomorText ?? nomorText(input, opts.nomor, opts.pemda), opts.pemda);
  const sig = opts.signature
    ? { wording: buildSignatureWording(input, opts.signature, opts.pemda), qrPng: opts.signature.qrPng }
    : undefined;
  const pageNumbers = p.pageNumber === "top" ? { headers: pageNumberParagraph() } : { footers: pageNumberParagraph() };
  const footerStatement = sig
    ? para({ alignment: AlignmentType.CENTER, children: [run(sig.wording.footer, { size: p.smallSizePt })] })
    : null;
  const footerChildren = (withNumber: boolean) => [
    ...(withNumber && pageNumbers.footers ? [pageNumbers.footers] : []),
    ...(footerStatement ? [footerStatement] : []),
  ];

  return new Document({
    creator: input.government?.name ?? "",
    title: `Surat Edaran tentang ${input.tentang}`,
    styles: {
      default: {
        document: {
          run: { font: p.font, size: p.fontSizePt * 2 },
          paragraph: {
            spacing: { line: Math.round(240 * p.lineSpacing), lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(paper.width), height: mm(paper.height) },
            margin: {
              top: cm(p.marginsCm.top),
              bottom: cm(p.marginsCm.bottom),
              left: cm(p.marginsCm.left),
              right: cm(p.marginsCm.right),
              header: cm(1.25),
              footer: cm(1.25),
            },
          },
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({ children: pageNumbers.headers ? [pageNumbers.headers] : [] }),
        },
        footers: {
          first: new Footer({ children: footerChildren(false) }),
          default: new Footer({ children: footerChildren(true) }),
        },
        children: [...kop(w, c, opts.logoPng), ...addressees(w), ...titleBlock(w), ...body(w, c), foot(w, c, sig)],
      },
    ],
  });
}

/** The letter's XML parts as docx writes them (core.xml aside, which the renderer always wrote itself). */
export async function referenceParts(input: EdaranInput, opts: RenderOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(buildEdaranDocument(input, opts)));
}
