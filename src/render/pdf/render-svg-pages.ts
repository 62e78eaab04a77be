// The letter's pages as SVG, from the same layout the PDF is written from (layoutEdaranPages): the pages a browser
// shows when it cannot show the PDF (a phone), with the PDF's lines, page breaks and images.
import type { EdaranInput } from "../../domain/edaran-input.js";
import type { RenderOptions } from "../docx.js";
import { layoutEdaranPages } from "./render-pdf.js";
import { type SvgPageOptions, writeSvgPages } from "./svg-writer.js";

export async function renderEdaranSvgPages(
  input: EdaranInput,
  opts: RenderOptions,
  svg: SvgPageOptions = {},
): Promise<string[]> {
  const { pages, size, fonts } = await layoutEdaranPages(input, opts);
  return writeSvgPages(pages, size, fonts, svg);
}
