// WordprocessingML for the letter, written as strings. Writing the few elements the letter uses directly is several
// times faster than building the docx package's object model and serialising it; the markup is the same docx wrote
// (test/render/docx-reference.test.ts holds the two side by side), so Word and LibreOffice lay it out the same.
import { NON_XML_CHAR } from "../domain/xml-text.js";

const XML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
  "<": "&lt;",
  ">": "&gt;",
};
const ESCAPED_OR_NON_XML = new RegExp(`[&"'<>]|${NON_XML_CHAR.source}`, "gu");

/**
 * Makes any text safe for XML 1.0, in text and attribute values alike: escapes & < > " ' as docx did and drops every
 * character XML cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates). Every XML part the renderer writes
 * puts its text through here, so no text can make the letter unopenable.
 */
export const escapeXml = (s: string) => s.replace(ESCAPED_OR_NON_XML, (c) => XML_ESCAPES[c] ?? "");

const onOff = (name: string, on: boolean) => (on ? `<w:${name}/>` : `<w:${name} w:val="false"/>`);

export interface RunProps {
  bold?: boolean;
  /** Half-points, as WordprocessingML counts font sizes. */
  halfPoints?: number;
  underline?: boolean;
}

export function textRun(text: string, props: RunProps = {}): string {
  let rPr = "";
  if (props.bold !== undefined) rPr += onOff("b", props.bold) + onOff("bCs", props.bold);
  if (props.halfPoints !== undefined) rPr += `<w:sz w:val="${props.halfPoints}"/><w:szCs w:val="${props.halfPoints}"/>`;
  if (props.underline) rPr += '<w:u w:val="single"/>';
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

export const TAB_RUN = "<w:r><w:tab/></w:r>";

/** "- n -": the PAGE field between dashes. */
export const PAGE_NUMBER_RUNS =
  '<w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
  '<w:r><w:instrText xml:space="preserve">PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
  '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> -</w:t></w:r>';

export interface ParagraphProps {
  keepNext?: boolean;
  keepLines?: boolean;
  /** Starts a new page (the Lampiran). */
  pageBreakBefore?: boolean;
  /** No single first or last line of the paragraph alone on a page. */
  widowControl?: boolean;
  /** A rule under the paragraph: border style, width in eighths of a point, colour, distance in points. */
  bottomBorder?: { style: string; eighths: number; color: string; space: number };
  /** Left tab stops, in twips. */
  tabs?: readonly number[];
  spacing?: { after?: number; before?: number };
  indent?: { left: number; hanging?: number };
  align?: "left" | "center" | "both";
}

export function paragraph(props: ParagraphProps, runs = ""): string {
  let pPr = "";
  if (props.keepNext !== undefined) pPr += onOff("keepNext", props.keepNext);
  if (props.keepLines !== undefined) pPr += onOff("keepLines", props.keepLines);
  if (props.pageBreakBefore) pPr += "<w:pageBreakBefore/>";
  if (props.widowControl !== undefined) pPr += onOff("widowControl", props.widowControl);
  const b = props.bottomBorder;
  if (b)
    pPr += `<w:pBdr><w:bottom w:val="${b.style}" w:color="${b.color}" w:sz="${b.eighths}" w:space="${b.space}"/></w:pBdr>`;
  if (props.tabs && props.tabs.length > 0)
    pPr += `<w:tabs>${props.tabs.map((pos) => `<w:tab w:val="left" w:pos="${pos}"/>`).join("")}</w:tabs>`;
  const s = props.spacing;
  if (s)
    pPr += `<w:spacing${s.after === undefined ? "" : ` w:after="${s.after}"`}${s.before === undefined ? "" : ` w:before="${s.before}"`}/>`;
  const ind = props.indent;
  if (ind) pPr += `<w:ind w:left="${ind.left}"${ind.hanging === undefined ? "" : ` w:hanging="${ind.hanging}"`}/>`;
  if (props.align) pPr += `<w:jc w:val="${props.align}"/>`;
  if (!pPr && !runs) return "<w:p/>";
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ""}${runs}</w:p>`;
}

const NONE = 'w:val="none" w:color="FFFFFF" w:sz="0"';
const CELL_BORDERS = `<w:tcBorders><w:top ${NONE}/><w:left ${NONE}/><w:bottom ${NONE}/><w:right ${NONE}/></w:tcBorders>`;
const TABLE_BORDERS =
  `<w:tblBorders><w:top ${NONE}/><w:left ${NONE}/><w:bottom ${NONE}/><w:right ${NONE}/>` +
  `<w:insideH ${NONE}/><w:insideV ${NONE}/></w:tblBorders>`;

const FLUSH_CELL_MARGINS = '<w:tblCellMar><w:left w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="0"/></w:tblCellMar>';

/** A cell without borders, its width in twips. */
export function cell(width: number, content: string, verticalCenter: boolean): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${CELL_BORDERS}` +
    `${verticalCenter ? '<w:vAlign w:val="center"/>' : ""}</w:tcPr>${content}</w:tc>`
  );
}

/** A one-row, fixed-layout table without borders; `flush` drops the cells' side margins so text keeps its indents. */
export function table(
  opts: { width: number; indent?: number; columns: readonly number[]; cantSplit?: boolean; flush?: boolean },
  cells: string,
): string {
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${opts.width}"/>` +
    `${opts.indent === undefined ? "" : `<w:tblInd w:type="dxa" w:w="${opts.indent}"/>`}` +
    `${TABLE_BORDERS}<w:tblLayout w:type="fixed"/>${opts.flush ? FLUSH_CELL_MARGINS : ""}</w:tblPr>` +
    `<w:tblGrid>${opts.columns.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>` +
    `<w:tr>${opts.cantSplit ? "<w:trPr><w:cantSplit/></w:trPr>" : ""}${cells}</w:tr></w:tbl>`
  );
}

const EMU_PER_PX = 9525;

/** An inline picture; `relId` points at the image in the document's relationships, size in 96-dpi pixels. */
export function pictureRun(opts: {
  relId: string;
  docPrId: string;
  name: string;
  widthPx: number;
  heightPx: number;
}): string {
  const cx = opts.widthPx * EMU_PER_PX;
  const cy = opts.heightPx * EMU_PER_PX;
  const name = escapeXml(opts.name);
  const a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:effectExtent t="0" r="0" b="0" l="0"/>` +
    `<wp:docPr id="${opts.docPrId}" name="${name}" descr="${name}" title="${name}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks ${a} noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic ${a}><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>` +
    `<pic:cNvPr id="0" name="" descr=""/><pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr>` +
    `</pic:nvPicPr><pic:blipFill><a:blip r:embed="${opts.relId}" cstate="none"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch>` +
    `</pic:blipFill><pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}
