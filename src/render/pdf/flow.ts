// The letter as a flow of blocks of lines, and the pagination LibreOffice applies to the DOCX: keep-with-next
// chains, unsplittable blocks (the foot's cantSplit row), two-line widow/orphan control, page breaks before.
import type { FontStyle } from "./fonts.js";

/** Something drawn on a line, x from the text area's left edge, y from the line's top (points). */
export type DrawOp =
  | {
      kind: "text";
      x: number;
      text: string;
      style: FontStyle;
      sizePt: number;
      underline: boolean;
      baseline: number;
      /** Room added after each space of a justified line. */
      spaceExtra: number;
    }
  | { kind: "image"; x: number; y: number; width: number; height: number; png: Uint8Array }
  | { kind: "rule"; x: number; y: number; width: number; thickness: number }
  /** Not drawn: where the visible TTE box (QR and its wording) is, for the PAdES signature's widget. */
  | { kind: "tteBox"; x: number; y: number; width: number; height: number };

export interface Line {
  height: number;
  ops: DrawOp[];
}

export interface Block {
  lines: Line[];
  /** Space above the first and below the last line. */
  before: number;
  after: number;
  /** Stays on the page of the next block's first lines. */
  keepNext: boolean;
  /** Never split over pages (keepLines, a cantSplit row). */
  whole: boolean;
  /** No single first or last line alone on a page. */
  widowControl: boolean;
  pageBreakBefore: boolean;
}

export interface PlacedLine {
  y: number;
  line: Line;
}

const height = (b: Block) => b.before + b.lines.reduce((h, l) => h + l.height, 0) + b.after;
/** The room a block needs at the foot of a page: its space after may run past the bottom margin, as in LibreOffice. */
const fitHeight = (b: Block) => height(b) - b.after;

/** The least of a block that must go on a page with the block before it when that one keeps with next. */
function minimumStart(b: Block): number {
  if (b.whole || !b.widowControl || b.lines.length <= 3) return fitHeight(b);
  return b.before + (b.lines[0]?.height ?? 0) + (b.lines[1]?.height ?? 0);
}

/**
 * Lays the blocks out on pages whose text area is `areaHeightOf(page index)` tall (a footer taller than the bottom
 * margin shortens it); returns each page's lines with their y from the area's top.
 */
export function paginate(blocks: Block[], areaHeightOf: (page: number) => number): PlacedLine[][] {
  const pages: PlacedLine[][] = [[]];
  let y = 0;
  let areaHeight = areaHeightOf(0);
  const newPage = () => {
    pages.push([]);
    y = 0;
    areaHeight = areaHeightOf(pages.length - 1);
  };
  const page = () => pages[pages.length - 1] ?? [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!b) continue;
    if (b.pageBreakBefore && page().length > 0) newPage();
    // A keep-with-next chain from here: this block and the following ones that keep with next, and the start of the
    // block that ends the chain, must share a page; if they do not fit what is left, the chain starts a new page.
    let chain = 0;
    let j = i;
    while (j < blocks.length) {
      const c = blocks[j];
      if (!c) break;
      if (j > i && c.pageBreakBefore) break;
      if (!c.keepNext || j === blocks.length - 1) {
        // A block that keeps with nothing may split where its widow control allows: only its start must fit here.
        chain += minimumStart(c);
        break;
      }
      chain += height(c);
      j++;
    }
    if (y > 0 && y + chain > areaHeight && chain <= areaHeight) newPage();
    if (b.whole && y > 0 && y + fitHeight(b) > areaHeight) newPage();
    placeBlock(
      b,
      () => areaHeight,
      pages,
      () => y,
      (v) => (y = v),
      newPage,
    );
  }
  return pages;
}

function placeBlock(
  b: Block,
  areaHeight: () => number,
  pages: PlacedLine[][],
  getY: () => number,
  setY: (y: number) => void,
  newPage: () => void,
) {
  setY(getY() + b.before);
  const n = b.lines.length;
  let i = 0;
  while (i < n) {
    // How many of the remaining lines fit on this page.
    let fit = 0;
    let h = getY();
    while (i + fit < n && h + (b.lines[i + fit]?.height ?? 0) <= areaHeight() + 0.01) {
      h += b.lines[i + fit]?.height ?? 0;
      fit++;
    }
    const rest = n - i;
    if (fit < rest && b.widowControl && !b.whole) {
      // Orphans: at least two lines here; widows: at least two lines carried over.
      if (rest - fit < 2) fit = rest - 2;
      if (fit < 2) fit = 0;
    }
    if (fit === 0 && getY() > 0 && !(b.whole && getY() === 0)) {
      newPage();
      continue;
    }
    if (fit === 0) fit = 1; // a line taller than the page still goes somewhere
    const page = pages[pages.length - 1] ?? [];
    for (let k = 0; k < fit; k++) {
      const line = b.lines[i + k];
      if (!line) break;
      page.push({ y: getY(), line });
      setY(getY() + line.height);
    }
    i += fit;
    if (i < n) newPage();
  }
  setY(getY() + b.after);
}
