// One paragraph of the letter broken into lines as LibreOffice breaks them: at spaces, after a hyphen or slash
// between letters, inside a word only when the word alone is wider than the line; justified lines stretch their
// spaces, the last line stays flush left. What fits is judged with Writer's own measure (layoutWidthOf) and its
// overrun allowance, so a word LibreOffice still fits on a line fits on ours.
import type { DrawOp, Line } from "./flow.js";
import type { FontMetrics, FontStyle } from "./fonts.js";

export interface TextStyle {
  style: FontStyle;
  sizePt: number;
  underline?: boolean;
}

export interface ParagraphSpec {
  /** Text placed at fixed x on the first line before the main text (a label, "Yth.", ":"), x from the area's left. */
  pieces?: { x: number; text: string }[];
  text: string;
  /** Where the main text starts on the first line and on the lines after it. */
  firstX: number;
  restX: number;
  /** The right edge of the text (from the area's left). */
  right: number;
  align: "left" | "center" | "both";
  font: TextStyle;
  /** Line height over single spacing (the profile's line spacing). */
  lineSpacing: number;
}

interface Word {
  text: string;
  width: number;
  /** Its width as Writer measures it when breaking lines. */
  fit: number;
  /** The space after it, or "" when the break comes after a hyphen/slash (no space). */
  gap: string;
}

/**
 * How far past the right edge LibreOffice (7.4) still lets a line's text run: 11 twips, whatever the font size,
 * alignment or length of the line (measured by narrowing a paragraph twip by twip until a word moved down).
 */
export const LINE_OVERRUN_PT = 11 / 20;

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const word = (text: string, m: FontMetrics, size: number, gap: string): Word => ({
  text,
  width: m.widthOf(text, size),
  fit: m.layoutWidthOf(text, size),
  gap,
});

/** Splits text into breakable pieces: at spaces, and after "-" or "/" that follows a letter. */
function pieces(text: string, m: FontMetrics, size: number): Word[] {
  const words: Word[] = [];
  for (const spaced of text.split(" ")) {
    let start = 0;
    for (let i = 1; i < spaced.length - 1; i++) {
      const ch = spaced[i];
      // LibreOffice breaks "key-|2024" and "dan/|atau" but not "2024-|01".
      if ((ch === "-" || ch === "/") && LETTER.test(spaced[i - 1] ?? "") && LETTER_OR_DIGIT.test(spaced[i + 1] ?? "")) {
        const part = spaced.slice(start, i + 1);
        words.push(word(part, m, size, ""));
        start = i + 1;
      }
    }
    const last = spaced.slice(start);
    words.push(word(last, m, size, " "));
  }
  return words;
}

/** A word wider than `width` cut into pieces that fit, letter by letter. */
function cutWord(w: Word, width: number, m: FontMetrics, size: number): Word[] {
  const out: Word[] = [];
  let cur = "";
  for (const ch of w.text) {
    if (cur && m.layoutWidthOf(cur + ch, size) > width) {
      out.push(word(cur, m, size, ""));
      cur = "";
    }
    cur += ch;
  }
  out.push(word(cur, m, size, w.gap));
  return out;
}

export function paragraphLines(p: ParagraphSpec, metrics: Record<FontStyle, FontMetrics>): Line[] {
  const m = metrics[p.font.style];
  const size = p.font.sizePt;
  const space = m.widthOf(" ", size);
  const spaceFit = m.layoutWidthOf(" ", size);
  const lineHeight = m.lineHeight(size) * p.lineSpacing;
  // LibreOffice adds proportional line spacing below the text: the baseline stays one ascent under the line top.
  const baseline = m.ascent(size);
  const text = (x: number, t: string, spaceExtra = 0): DrawOp => ({
    kind: "text",
    x,
    text: t,
    style: p.font.style,
    sizePt: size,
    underline: p.font.underline ?? false,
    baseline,
    spaceExtra,
  });

  // Fill lines greedily; a space at the end of a line takes no room.
  const rows: Word[][] = [];
  let row: Word[] = [];
  let used = 0;
  const startOf = () => (rows.length === 0 ? p.firstX : p.restX);
  const all = p.text ? pieces(p.text, m, size) : [];
  for (let k = 0; k < all.length; k++) {
    const w = all[k];
    if (!w) continue;
    const avail = p.right - startOf() + LINE_OVERRUN_PT;
    const prev = row[row.length - 1];
    const lead = prev ? (prev.gap ? spaceFit : 0) : 0;
    if (row.length > 0 && used + lead + w.fit > avail + 0.001) {
      rows.push(row);
      row = [];
      used = 0;
      k--;
      continue;
    }
    // A single letter wider than the line stays whole (cutting it again would never end).
    if (row.length === 0 && w.fit > avail + 0.001 && Array.from(w.text).length > 1) {
      const cut = cutWord(w, avail, m, size);
      all.splice(k, 1, ...cut);
      k--;
      continue;
    }
    used += lead + w.fit;
    row.push(w);
  }
  if (row.length > 0 || rows.length === 0) rows.push(row);

  return rows.map((words, r) => {
    const x0 = r === 0 ? p.firstX : p.restX;
    const ops: DrawOp[] = r === 0 ? (p.pieces ?? []).map((pc) => text(pc.x, pc.text)) : [];
    const natural = words.reduce((a, w, i) => a + w.width + (i > 0 && words[i - 1]?.gap ? space : 0), 0);
    const gaps = words.slice(0, -1).filter((w) => w.gap).length;
    const last = r === rows.length - 1;
    let x = x0;
    let extra = 0;
    if (p.align === "center") x = x0 + (p.right - x0 - natural) / 2;
    else if (p.align === "both" && !last && gaps > 0) extra = (p.right - x0 - natural) / gaps;
    const joined = words.map((w, i) => w.text + (i < words.length - 1 ? w.gap : "")).join("");
    // Justified: the spaces of the line stretched by the PDF (TJ), so the line stays one run of text.
    if (joined) ops.push(text(x, joined, extra));
    return { height: lineHeight, ops };
  });
}
