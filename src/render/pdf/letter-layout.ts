// The letter's wording as blocks of lines, with the same measures as the DOCX (src/render/docx.ts): indents, tab
// stops, spacing, the kop, the foot as one unsplittable row, the Lampiran. Lengths are in points; the DOCX's twips
// are rounded the same way first, so both files put text at the same places.
import type { Profile } from "../profile.js";
import type { SignatureWording, Wording } from "../wording.js";
import type { Block, DrawOp, Line } from "./flow.js";
import type { FontMetrics, FontStyle } from "./fonts.js";
import { type ParagraphSpec, paragraphLines, type TextStyle } from "./paragraph-lines.js";

const TWIPS_PER_CM = 566.93;
/** A length in cm as the DOCX rounds it (whole twips), in points. */
export const cmPt = (v: number) => Math.round(v * TWIPS_PER_CM) / 20;
/** Word's default left and right cell margin (108 twips), kept by tables that are not flush. */
const CELL_MARGIN = 5.4;

export interface LayoutContext {
  p: Profile;
  /** Text area width in points (twips-rounded as the DOCX). */
  textWidth: number;
  metrics: Record<FontStyle, FontMetrics>;
}

export interface Images {
  lambang?: Uint8Array;
  emblem?: Uint8Array;
}

export type Sig = { wording: SignatureWording; qrPng: Uint8Array };

interface ParaOpts {
  before?: number;
  after?: number;
  keepNext?: boolean;
  whole?: boolean;
  widowControl?: boolean;
  pageBreakBefore?: boolean;
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (png.byteLength < 24 || v.getUint32(12) !== 0x49484452) throw new Error("Berkas logo/QR bukan PNG yang valid");
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** A picture's size in points as the DOCX sizes it: whole 96-dpi pixels from its width in cm, aspect kept. */
function pictureSize(png: Uint8Array, widthCm: number): { width: number; height: number } {
  const { width, height } = pngSize(png);
  const w = Math.round((widthCm / 2.54) * 96);
  return { width: w * 0.75, height: Math.round((w * height) / width) * 0.75 };
}

export class LetterLayout {
  readonly blocks: Block[] = [];
  private readonly c: LayoutContext;

  constructor(c: LayoutContext) {
    this.c = c;
  }

  private style(style: FontStyle = "regular", sizePt = this.c.p.fontSizePt, underline = false): TextStyle {
    return { style, sizePt, underline };
  }

  private lines(spec: Omit<ParagraphSpec, "lineSpacing" | "right"> & { right?: number }): Line[] {
    return paragraphLines({ right: this.c.textWidth, lineSpacing: this.c.p.lineSpacing, ...spec }, this.c.metrics);
  }

  private push(lines: Line[], o: ParaOpts = {}) {
    this.blocks.push({
      lines,
      before: o.before ?? 0,
      after: o.after ?? 0,
      keepNext: o.keepNext ?? false,
      whole: o.whole ?? false,
      widowControl: o.widowControl ?? false,
      pageBreakBefore: o.pageBreakBefore ?? false,
    });
  }

  private lineHeight(sizePt = this.c.p.fontSizePt) {
    return this.c.metrics.regular.lineHeight(sizePt) * this.c.p.lineSpacing;
  }

  /** An empty paragraph's line (its height is its font's line). */
  private emptyLine(sizePt = this.c.p.fontSizePt): Line {
    return { height: this.lineHeight(sizePt), ops: [] };
  }

  private centred(text: string, font: TextStyle, left = 0, right = this.c.textWidth): Line[] {
    return this.lines({ text, firstX: left, restX: left, right, align: "center", font });
  }

  /** What proportional line spacing adds under a line holding a picture: the extra of a body line, not of the picture. */
  private get pictureExtra() {
    return (this.c.p.lineSpacing - 1) * this.c.metrics.regular.lineHeight(this.c.p.fontSizePt);
  }

  private get paragraphAfter() {
    return Math.round(this.c.p.paragraphAfterPt * 20) / 20;
  }

  kopJabatan(w: Wording, emblem?: Uint8Array) {
    const k = this.c.p.kop;
    if (emblem) {
      const size = pictureSize(emblem, k.emblemWidthCm);
      const x = (this.c.textWidth - size.width) / 2;
      this.push([pictureLine(emblem, size, x, this.pictureExtra)], { after: 3 });
    }
    this.push(this.centred(w.kop.name, this.style("bold", k.nameSizePt)), { after: 18 });
  }

  kopInstansi(w: Wording, logo?: Uint8Array) {
    const k = this.c.p.kop;
    const text = (left: number, right: number) => [
      ...this.centred(w.kop.name, this.style("bold", k.nameSizePt), left, right),
      ...w.kop.lines.flatMap((l) => this.centred(l, this.style("regular", k.lineSizePt), left, right)),
    ];
    if (!logo) {
      this.push(text(0, this.c.textWidth));
    } else {
      // The DOCX's three-column table: lambang, the text centred, an empty column as wide as the lambang's.
      const logoW = cmPt(k.logoWidthCm + 0.4);
      const textLines = text(logoW + CELL_MARGIN, this.c.textWidth - logoW - CELL_MARGIN);
      const size = pictureSize(logo, k.logoWidthCm);
      const logoH = size.height + this.pictureExtra;
      const textH = textLines.reduce((h, l) => h + l.height, 0);
      const rowH = Math.max(logoH, textH);
      const ops: DrawOp[] = [{ kind: "image", x: CELL_MARGIN, y: (rowH - logoH) / 2, ...size, png: logo }];
      let y = (rowH - textH) / 2;
      for (const l of textLines) {
        ops.push(...shift(l.ops, y));
        y += l.height;
      }
      this.push([{ height: rowH, ops }], { whole: true });
    }
    // The rule under an empty 4 pt line: thick over thin (thickThinSmallGap, the width the profile sets). After the
    // lambang's table LibreOffice gives that empty line a body line's height (measured on its PDF), so we do too.
    const thick = k.ruleThickPt;
    const lineH = logo ? this.lineHeight() : this.lineHeight(4);
    const ruleTop = lineH + 1;
    const thin = 0.75;
    const gap = 0.75;
    this.push(
      [
        {
          height: ruleTop + thick + gap + thin,
          ops: [
            { kind: "rule", x: 0, y: ruleTop, width: this.c.textWidth, thickness: thick },
            { kind: "rule", x: 0, y: ruleTop + thick + gap, width: this.c.textWidth, thickness: thin },
          ],
        },
      ],
      { after: 12 },
    );
  }

  addressees(w: Wording) {
    const labelPos = cmPt(1.1);
    const textPos = labelPos + cmPt(0.7);
    const a = w.addressees;
    const font = this.style();
    for (const [i, item] of a.items.entries()) {
      const head = i === 0 ? [{ x: 0, text: a.head }] : [];
      const spec: Omit<ParagraphSpec, "lineSpacing" | "right"> = item.label
        ? {
            pieces: [...head, { x: labelPos, text: item.label }],
            text: item.text,
            firstX: textPos,
            restX: textPos,
            align: "left",
            font,
          }
        : { pieces: head, text: item.text, firstX: labelPos, restX: labelPos, align: "left", font };
      this.push(this.lines(spec));
    }
    const at = (x: number, text: string, after = 0) =>
      this.push(this.lines({ text, firstX: x, restX: x, align: "left", font }), { after });
    if (a.note) at(labelPos, a.note);
    at(labelPos, a.di);
    at(labelPos + cmPt(0.6), a.tempat, 12);
  }

  titleBlock(w: Wording) {
    const t = w.title;
    this.push(this.centred(t.heading, this.style("bold")), { keepNext: true });
    this.push(this.centred(t.nomor, this.style()), { keepNext: true });
    this.push(this.centred(t.tentang, this.style()), { keepNext: true });
    this.push(this.centred(t.judul, this.style()), { keepNext: true, after: 18 });
  }

  private listParagraph(level: number, label: string, text: string, keepNext: boolean) {
    const step = cmPt(0.75);
    const textPos = (level + 1) * step;
    this.push(
      this.lines({
        pieces: [{ x: textPos - step, text: label }],
        text,
        firstX: textPos,
        restX: textPos,
        align: "both",
        font: this.style(),
      }),
      { keepNext, widowControl: true, after: this.paragraphAfter },
    );
  }

  body(w: Wording) {
    const step = cmPt(0.75);
    for (const [si, s] of w.sections.entries()) {
      this.listParagraph(0, s.label, s.heading, true);
      for (const [bi, b] of s.blocks.entries()) {
        const last = si === w.sections.length - 1 && bi === s.blocks.length - 1;
        const keepNext = last || b.text.trimEnd().endsWith(":");
        if (b.kind === "li") this.listParagraph(b.level, b.label, b.text, keepNext);
        else
          this.push(this.lines({ text: b.text, firstX: step, restX: step, align: "both", font: this.style() }), {
            keepNext,
            widowControl: true,
            after: this.paragraphAfter,
          });
      }
    }
  }

  /** The signer's lines from the jabatan down, x from the foot's left (half the text width). */
  private signerLines(w: Wording, sig: Sig | undefined): Line[] {
    const left = Math.round(this.c.textWidth * 10) / 20;
    const line = (text: string, style: FontStyle = "regular", underline = false) =>
      this.lines({ text, firstX: left, restX: left, align: "left", font: this.style(style, undefined, underline) });
    const out = w.foot.jabatan.flatMap((l) => line(l));
    if (sig) {
      out.push(this.signatureVisual(sig, left));
      out.push(...line(w.foot.name, "bold", true));
    } else {
      // Room for a wet signature and the cap (75 pt before the name, as the DOCX).
      const name = line(w.foot.name, "bold", true);
      out.push({ height: 75, ops: [] }, ...name);
    }
    out.push(...w.foot.after.flatMap((l) => line(l)));
    return out;
  }

  /** The QR beside the TTE wording, in one row; its image op is tagged so the writer can report the box. */
  private signatureVisual(sig: Sig, left: number): Line {
    const qrW = cmPt(2.4);
    const textW = this.c.textWidth - left - qrW;
    const small = this.c.p.smallSizePt;
    const qr = pictureSize(sig.qrPng, 2.2);
    const qrH = qr.height + this.pictureExtra;
    const s = sig.wording;
    const textLines = [
      ...s.lines.map((t) => ({ t, bold: false })),
      { t: s.name, bold: true },
      ...s.afterName.map((t) => ({ t, bold: false })),
    ].flatMap(({ t, bold }) =>
      this.lines({
        text: t,
        firstX: left + qrW + CELL_MARGIN,
        restX: left + qrW + CELL_MARGIN,
        right: left + qrW + textW - CELL_MARGIN,
        align: "left",
        font: this.style(bold ? "bold" : "regular", small),
      }),
    );
    const textH = textLines.reduce((h, l) => h + l.height, 0);
    const rowH = Math.max(qrH, textH);
    const ops: DrawOp[] = [
      { kind: "image", x: left + CELL_MARGIN, y: (rowH - qrH) / 2, ...qr, png: sig.qrPng },
      { kind: "tteBox", x: left, y: 0, width: qrW + textW, height: rowH },
    ];
    let y = (rowH - textH) / 2;
    for (const l of textLines) {
      ops.push(...shift(l.ops, y));
      y += l.height;
    }
    return { height: rowH, ops };
  }

  private tembusan(w: Wording): Line[] {
    if (!w.tembusan) return [];
    const textPos = cmPt(0.7);
    const font = this.style();
    return [
      { height: 24, ops: [] },
      ...this.lines({ text: w.tembusan.head, firstX: 0, restX: 0, align: "left", font }),
      ...w.tembusan.items.flatMap((item) =>
        this.lines({
          pieces: [{ x: 0, text: item.label }],
          text: item.text,
          firstX: textPos,
          restX: textPos,
          align: "left",
          font,
        }),
      ),
    ];
  }

  /** The foot and the tembusan: one unsplittable row, as the DOCX's cantSplit table. */
  foot(w: Wording, sig?: Sig) {
    const left = Math.round(this.c.textWidth * 10) / 20;
    const font = this.style();
    const lines = [
      this.emptyLine(),
      ...w.foot.lines.flatMap((l) => this.lines({ text: l, firstX: left, restX: left, align: "left", font })),
      ...this.signerLines(w, sig),
      ...this.tembusan(w),
    ];
    this.push(lines, { whole: true });
  }

  lampiran(w: Wording, sig?: Sig) {
    const l = w.lampiran;
    if (!l) return;
    const font = this.style();
    const left = Math.round(this.c.textWidth * 8) / 20;
    const colon = left + cmPt(2.3);
    const value = colon + cmPt(0.4);
    const textPos = cmPt(0.7);
    for (const [i, text] of l.heading.entries())
      this.push(this.lines({ text, firstX: left, restX: left, align: "left", font }), {
        pageBreakBefore: i === 0,
        keepNext: true,
      });
    for (const f of l.fields)
      this.push(
        this.lines({
          pieces: [
            { x: left, text: f.label },
            { x: colon, text: ":" },
          ],
          text: f.text,
          firstX: value,
          restX: value,
          align: "left",
          font,
        }),
        { keepNext: true },
      );
    this.push(this.centred(l.title, this.style("bold")), { keepNext: true, before: 24, after: 12 });
    for (const [i, item] of l.items.entries())
      this.push(
        this.lines({
          pieces: [{ x: 0, text: item.label }],
          text: item.text,
          firstX: textPos,
          restX: textPos,
          align: "left",
          font,
        }),
        { keepNext: i === l.items.length - 1 && !l.note, widowControl: true },
      );
    if (l.note)
      this.push(this.lines({ text: l.note, firstX: textPos, restX: textPos, align: "left", font }), { keepNext: true });
    this.push([{ height: 12, ops: [] }, this.emptyLine(), ...this.signerLines(w, sig)], { whole: true });
  }
}

/** A line holding one inline picture: LibreOffice makes it as tall as the picture, plus the line spacing's extra. */
function pictureLine(png: Uint8Array, size: { width: number; height: number }, x: number, extra: number): Line {
  return { height: size.height + extra, ops: [{ kind: "image", x, y: 0, ...size, png }] };
}

function shift(ops: DrawOp[], dy: number): DrawOp[] {
  return ops.map((op) => (op.kind === "text" ? { ...op, baseline: op.baseline + dy } : { ...op, y: op.y + dy }));
}
