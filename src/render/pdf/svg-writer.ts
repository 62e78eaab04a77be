// Draws laid-out pages as SVG, op for op what pdf-writer.ts puts in the PDF: the same lines at the same places, the
// same page breaks, the PNGs as data URIs, the text in the Liberation Sans faces the PDF embeds (served to the
// browser as fonts, see fontFaces), so a phone that shows no PDF shows the PDF's pages themselves.
import { bytesToBase64 } from "../../domain/encoding.js";
import { escapeXml } from "../wordml.js";
import type { DrawOp } from "./flow.js";
import type { FontStyle, LetterFonts } from "./fonts.js";
import type { DrawnPage } from "./pdf-writer.js";

export interface SvgPageOptions {
  /** Where the browser loads each face from; without it the page falls back to installed Liberation Sans or Arial. */
  fontFaces?: Record<FontStyle, string>;
}

/** The family name the pages ask for, so a browser never mixes the served faces up with an installed one. */
export const SVG_FONT_FAMILY = "EdaranLiberationSans";

const num = (n: number) => String(Math.round(n * 100) / 100);

type TextOp = Extract<DrawOp, { kind: "text" }>;

/**
 * One line of text. A justified line is drawn word by word at the x the PDF's widened spaces give it, as the
 * browser's word-spacing is not reliable on SVG text; a line without extra space is one run.
 */
function textElement(op: TextOp, fonts: LetterFonts, baseline: number): string {
  const weight = op.style === "bold" ? ' font-weight="700"' : "";
  const attrs = `y="${num(baseline)}" font-size="${num(op.sizePt)}"${weight}`;
  if (op.spaceExtra <= 0) return `<text x="${num(op.x)}" ${attrs}>${escapeXml(op.text)}</text>`;
  const words = op.text.split(" ");
  let x = op.x;
  const spans = words.map((word, i) => {
    const span = word === "" ? "" : `<tspan x="${num(x)}">${escapeXml(word)}</tspan>`;
    const space = i < words.length - 1 ? " " : "";
    x += fonts.metrics[op.style].widthOf(word + space, op.sizePt) + (space ? op.spaceExtra : 0);
    return span;
  });
  return `<text ${attrs}>${spans.join(" ")}</text>`;
}

function fontStyle(faces: SvgPageOptions["fontFaces"]): string {
  const face = (url: string, weight: number) =>
    `@font-face{font-family:${SVG_FONT_FAMILY};src:url("${escapeXml(url)}") format("truetype");font-weight:${weight}}`;
  const declared = faces ? face(faces.regular, 400) + face(faces.bold, 700) : "";
  // No kerning or ligatures: the layout measured plain advances, as the PDF draws them.
  return `<style>${declared}text{font-family:${SVG_FONT_FAMILY},"Liberation Sans",Arial,sans-serif;font-kerning:none;font-variant-ligatures:none;white-space:pre}</style>`;
}

/** Each page as a standalone SVG document in points (viewBox = the paper), to be scaled to any width. */
export function writeSvgPages(
  pages: DrawnPage[],
  size: { width: number; height: number },
  fonts: LetterFonts,
  opts: SvgPageOptions = {},
): string[] {
  const dataUris = new Map<Uint8Array, string>();
  const dataUri = (png: Uint8Array) => {
    let uri = dataUris.get(png);
    if (!uri) {
      uri = `data:image/png;base64,${bytesToBase64(png)}`;
      dataUris.set(png, uri);
    }
    return uri;
  };
  const style = fontStyle(opts.fontFaces);
  return pages.map((p, index) => {
    const parts: string[] = [];
    for (const op of p.ops) {
      if (op.kind === "text") {
        parts.push(textElement(op, fonts, op.baseline));
        if (op.underline) {
          // The PDF's underline: the same rectangle under the baseline.
          const width = fonts.metrics[op.style].widthOf(op.text, op.sizePt);
          const y = op.baseline + op.sizePt * 0.106 - op.sizePt * 0.0366;
          parts.push(
            `<rect x="${num(op.x)}" y="${num(y)}" width="${num(width)}" height="${num(op.sizePt * 0.0732)}"/>`,
          );
        }
      } else if (op.kind === "image") {
        parts.push(
          `<image x="${num(op.x)}" y="${num(op.y)}" width="${num(op.width)}" height="${num(op.height)}" preserveAspectRatio="none" href="${dataUri(op.png)}"/>`,
        );
      } else if (op.kind === "rule") {
        parts.push(`<rect x="${num(op.x)}" y="${num(op.y)}" width="${num(op.width)}" height="${num(op.thickness)}"/>`);
      }
    }
    const w = num(size.width);
    const h = num(size.height);
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}pt" height="${h}pt" role="img" aria-label="Halaman ${index + 1} dari ${pages.length}">${style}<rect width="${w}" height="${h}" fill="#fff"/>${parts.join("")}</svg>`;
  });
}
