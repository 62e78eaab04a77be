// What an uploaded profile image is, told by its bytes (never by a file name or Content-Type), and whether it can
// go into a letter: a PNG of sensible size, or a self-contained SVG with a size. Every refusal is a sentence for
// the admin, in Bahasa Indonesia.
import { pngSize } from "./png-size.js";

export const MAX_IMAGE_BYTES = 1024 * 1024;
export const MIN_PNG_SIDE_PX = 200;
export const MAX_PNG_SIDE_PX = 4000;

export type SniffedImage =
  | { kind: "png"; widthPx: number; heightPx: number }
  | { kind: "svg"; text: string }
  | { kind: "unknown" };

const SVG_ROOT =
  /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;

export function sniffImage(bytes: Uint8Array): SniffedImage {
  const png = pngSize(bytes);
  if (png) return { kind: "png", widthPx: png.width, heightPx: png.height };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return { kind: "unknown" };
  }
  return SVG_ROOT.test(text) ? { kind: "svg", text } : { kind: "unknown" };
}

/** Problems of a PNG's size; empty when it fits. */
export function pngSizeProblems(widthPx: number, heightPx: number): string[] {
  const small = Math.min(widthPx, heightPx);
  const large = Math.max(widthPx, heightPx);
  if (small < MIN_PNG_SIDE_PX)
    return [
      `Gambar PNG terlalu kecil (${widthPx} × ${heightPx} piksel): setiap sisi paling sedikit ${MIN_PNG_SIDE_PX} piksel agar kop tercetak tajam`,
    ];
  if (large > MAX_PNG_SIDE_PX)
    return [
      `Gambar PNG terlalu besar (${widthPx} × ${heightPx} piksel): setiap sisi paling banyak ${MAX_PNG_SIDE_PX} piksel`,
    ];
  return [];
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i").exec(tag);

/**
 * Problems of an SVG; empty when it is self-contained and has a size. Refused: scripts, event handlers,
 * foreignObject (HTML inside), entities and DOCTYPEs (entity expansion), and any reference that leaves the
 * file (href, url(), @import) except to its own elements (#id) or an embedded data:image.
 */
export function svgProblems(text: string): string[] {
  const problems: string[] = [];
  const root = /<svg\b[^>]*>/i.exec(text)?.[0] ?? "";
  const hasSize = attr(root, "width") && attr(root, "height");
  if (!hasSize && !attr(root, "viewBox"))
    problems.push("Gambar SVG harus mencantumkan ukurannya: atribut width dan height, atau viewBox, pada elemen <svg>");
  if (/<script\b/i.test(text)) problems.push("Gambar SVG tidak boleh memuat skrip (<script>)");
  if (/\son[a-z]+\s*=/i.test(text))
    problems.push("Gambar SVG tidak boleh memuat atribut peristiwa (onload, onclick, …)");
  if (/<foreignObject\b/i.test(text)) problems.push("Gambar SVG tidak boleh memuat konten asing (<foreignObject>)");
  if (/<!ENTITY|<!DOCTYPE/i.test(text)) problems.push("Gambar SVG tidak boleh memuat DOCTYPE atau ENTITY");
  const external = (ref: string) => !ref.startsWith("#") && !/^data:image\//i.test(ref);
  const refs = [
    ...[...text.matchAll(/\s(?:xlink:)?href\s*=\s*("([^"]*)"|'([^']*)')/gi)].map((m) => (m[2] ?? m[3] ?? "").trim()),
    ...[...text.matchAll(/url\(\s*['"]?([^'")]*)/gi)].map((m) => (m[1] ?? "").trim()),
  ];
  if (refs.some(external) || /@import/i.test(text))
    problems.push("Gambar SVG tidak boleh merujuk berkas atau alamat di luar dirinya (href, url(), @import)");
  return problems;
}
