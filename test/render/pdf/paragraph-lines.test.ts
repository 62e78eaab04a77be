import { describe, expect, it } from "vitest";
import type { DrawOp } from "../../../src/render/pdf/flow.js";
import { loadLetterFonts } from "../../../src/render/pdf/fonts.js";
import { LINE_OVERRUN_PT, type ParagraphSpec, paragraphLines } from "../../../src/render/pdf/paragraph-lines.js";

const { metrics } = await loadLetterFonts();
const spec = (text: string, over: Partial<ParagraphSpec> = {}): ParagraphSpec => ({
  text,
  firstX: 0,
  restX: 0,
  right: 200,
  align: "left",
  font: { style: "regular", sizePt: 12 },
  lineSpacing: 1,
  ...over,
});
const texts = (ops: DrawOp[]) => ops.flatMap((op) => (op.kind === "text" ? [op] : []));

describe("paragraphLines", () => {
  it("breaks at spaces so no line runs past the measure by more than LibreOffice allows, and keeps every word in order", () => {
    const text = "Setiap dugaan pelanggaran netralitas dilaporkan kepada Inspektur Kota Bengkulu untuk diperiksa.";
    const lines = paragraphLines(spec(text), metrics);
    expect(lines.length).toBeGreaterThan(1);
    const runs = lines.flatMap((l) => texts(l.ops));
    for (const r of runs) expect(metrics.regular.layoutWidthOf(r.text, 12)).toBeLessThanOrEqual(200 + LINE_OVERRUN_PT);
    expect(runs.map((r) => r.text).join(" ")).toBe(text);
  });

  it("keeps a word on the line while it runs at most 11 twips past the right edge, as LibreOffice does", () => {
    // The legal basis line LibreOffice 7.4 keeps whole in a 411.05 pt measure although it is 411.54 pt wide.
    const text = "Birokrasi Nomor 1 Tahun 2023 tentang Netralitas Pegawai Non-Aparatur Sipil";
    const first = (right: number) => texts(paragraphLines(spec(`${text} Negara`, { right }), metrics)[0]?.ops ?? [])[0];
    const wide = metrics.regular.layoutWidthOf(text, 12);
    expect(first(wide - LINE_OVERRUN_PT)?.text).toBe(text);
    expect(first(wide - LINE_OVERRUN_PT - 0.05)?.text).toBe(text.replace(/ Sipil$/, ""));
  });

  it("breaks after a hyphen that follows a letter (key-|2024) but not inside 2024-01", () => {
    const width = metrics.regular.widthOf("(kunci key-", 12) + 1;
    const lines = paragraphLines(spec("(kunci key-2024-01).", { right: width }), metrics);
    expect(lines.map((l) => texts(l.ops)[0]?.text)).toEqual(["(kunci key-", "2024-01)."]);
  });

  it("justifies every line but the last to the right edge, the spaces widened", () => {
    const lines = paragraphLines(
      spec("Aparatur Sipil Negara wajib menjaga netralitas dalam setiap tahapan pemilihan.", { align: "both" }),
      metrics,
    );
    const [first] = texts(lines[0]?.ops ?? []);
    const [last] = texts(lines.at(-1)?.ops ?? []);
    if (!first || !last) throw new Error("no text");
    const spaces = (first.text.match(/ /g) ?? []).length;
    expect(first.x + metrics.regular.widthOf(first.text, 12) + spaces * first.spaceExtra).toBeCloseTo(200, 3);
    expect(last.spaceExtra).toBe(0);
  });

  it("cuts a word wider than the line letter by letter, and a lone letter wider than the line stays whole", () => {
    const word = "Pertanggungjawaban".repeat(3);
    const lines = paragraphLines(spec(word, { right: 100 }), metrics);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => texts(l.ops)[0]?.text).join("")).toBe(word);
    expect(paragraphLines(spec("W", { right: 2 }), metrics)).toHaveLength(1);
  });
});
