// The rules of #11 checked on a letter's pages as poppler reads them back (lines whitespace-folded, without the
// page number and the signed footer statement), whoever made the PDF: LibreOffice from our DOCX, or our own PDF.
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import type { SignatureWording, Wording } from "../../src/render/wording.js";

const fold = (s: string) => s.replace(/\s+/g, " ").trim();

/** What breaks a rule, one sentence each; empty when the pages keep them all. */
export function paginationRuleBreaks(
  pages: string[][],
  input: EdaranInput,
  wording: Wording,
  sig: SignatureWording | undefined,
): string[] {
  const out: string[] = [];
  const onPages = (text: string) => pages.flatMap((lines, i) => (lines.some((l) => l.includes(text)) ? [i] : []));
  // The foot's lines, and the TTE block's first line when signed, are all on one page.
  const footTexts = [...wording.foot.lines, ...wording.foot.jabatan, wording.foot.name, ...wording.foot.after];
  if (sig) footTexts.push(...sig.lines.slice(0, 1));
  const footPages = new Set(footTexts.flatMap(onPages));
  if (footPages.size !== 1) out.push(`foot on pages ${[...footPages].map((p) => p + 1).join(", ")}`);
  const footPage = [...footPages][0] ?? -1;
  // That page carries the end of the Penutup above the foot.
  const lines = pages[footPage] ?? [];
  const footAt = lines.findIndex((l) => l.includes(wording.foot.lines[0] ?? ""));
  const penutupEnd = input.penutup.split(" ").slice(-2).join(" ");
  if (!lines.slice(0, footAt).join(" ").includes(penutupEnd))
    out.push(`page ${footPage + 1} has the foot without the Penutup's end above it`);
  // No page but the last ends with a section heading or a lead-in line ("… wajib:").
  const headings = wording.sections.map((s) => fold(`${s.label} ${s.heading}`));
  for (const [i, page] of pages.slice(0, -1).entries()) {
    const last = page.at(-1) ?? "";
    if (headings.includes(last)) out.push(`page ${i + 1} ends with the heading "${last}"`);
    if (/:$/.test(last)) out.push(`page ${i + 1} ends with the lead-in "${last}"`);
  }
  return out;
}
