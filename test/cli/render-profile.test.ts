// `edaran render --profile`: the kop, paper and images from a Pemda profile file; --f4 still overrides the paper;
// a bad profile is refused with every problem and no file; without a profile the input must carry its kop.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import pemdaProfileJson from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { main } from "../../src/cli/edaran.js";
import { SHIELD_SVG } from "../support/png-fixture.js";
import { makeCliSampleBody, SAMPLE_PATH } from "../support/sample-input-fixture.js";

/** The sample as the CLI reads it (free-text issuer), without its government block. */
function cliBodyWithoutKop(): Record<string, unknown> {
  const { government: _kop, ...body } = makeCliSampleBody();
  return body;
}

const dir = mkdtempSync(join(tmpdir(), "edaran-cli-profile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LOGO = new URL("../../data/logo-kota-bengkulu.png", import.meta.url).pathname;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function file(name: string, json: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof json === "string" ? json : JSON.stringify(json));
  return path;
}

function docxParts(path: string) {
  const zip = unzipSync(new Uint8Array(readFileSync(path)));
  const xml = new TextDecoder().decode(zip["word/document.xml"]);
  const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml);
  return {
    xml,
    media: Object.keys(zip).filter((k) => k.startsWith("word/media/")),
    w: Number(size?.[1]),
    h: Number(size?.[2]),
  };
}
const twips = (mm: number) => Math.round((mm / 25.4) * 1440);

const kabupaten = {
  ...pemdaProfileJson,
  level: "kabupaten",
  governmentName: "Pemerintah Kabupaten Banggai Kepulauan",
  kepalaDaerah: "Bupati Banggai Kepulauan",
  kopJabatan: "BUPATI BANGGAI KEPULAUAN",
  kopInstansi: { address: "Jalan Merdeka Nomor 1, Salakan 94891" },
  page: { ...pemdaProfileJson.page, paper: "F4" },
  // The sample is signed by a Pj, which by default takes the kop jabatan; these tests read the kop instansi.
  kopRule: "instansi",
};

describe("edaran render --profile", () => {
  it("lays-the-letter-out-with-the-profile-kop-paper-and-lambang-file", async () => {
    const profile = file("kabupaten.json", { ...kabupaten, images: { lambang: LOGO } });
    const target = join(dir, "kabupaten.docx");
    const r = await run(["render", SAMPLE_PATH.pathname, "-o", target, "--profile", profile]);
    expect(r.code, r.err.join("\n")).toBe(0);
    const d = docxParts(target);
    expect({ w: d.w, h: d.h }).toEqual({ w: twips(215), h: twips(330) });
    // The profile's kop, not the government block the sample input carries.
    expect(d.xml).toContain("Jalan Merdeka Nomor 1, Salakan 94891");
    expect(d.xml).not.toContain("Basuki Rahmat");
    expect(d.media.length).toBe(1);
  });

  it("takes-an-svg-lambang-and-lets-f4-override-an-a4-profile", async () => {
    const svg = join(dir, "lambang.svg");
    writeFileSync(svg, SHIELD_SVG);
    const profile = file("a4.json", { ...kabupaten, page: pemdaProfileJson.page, images: { lambang: svg } });
    const input = file("tanpa-kop.json", cliBodyWithoutKop());
    const target = join(dir, "a4-f4.docx");
    const r = await run(["render", input, "-o", target, "--profile", profile, "--f4"]);
    expect(r.code, r.err.join("\n")).toBe(0);
    const d = docxParts(target);
    expect({ w: d.w, h: d.h }).toEqual({ w: twips(215), h: twips(330) });
    expect(d.media.length).toBe(1);
  });

  it("exits-2-listing-every-problem-of-a-bad-profile-and-writes-nothing", async () => {
    const profile = file("bad.json", {
      ...kabupaten,
      level: "desa",
      page: { ...kabupaten.page, paper: "A3" },
      images: { lambang: join(dir, "tidak-ada.png") },
    });
    const target = join(dir, "bad.docx");
    const r = await run(["render", SAMPLE_PATH.pathname, "-o", target, "--profile", profile]);
    expect(r.code).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(r.err.some((l) => l.startsWith("level: "))).toBe(true);
    expect(r.err.some((l) => l.startsWith("page.paper: "))).toBe(true);
  });

  it("refuses-a-lambang-file-that-is-not-an-image", async () => {
    const fake = join(dir, "palsu.png");
    writeFileSync(fake, "bukan gambar");
    const profile = file("palsu.json", { ...kabupaten, images: { lambang: fake } });
    const r = await run(["render", SAMPLE_PATH.pathname, "-o", join(dir, "palsu.docx"), "--profile", profile]);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toMatch(/images\.lambang: .*bukan gambar PNG atau SVG/);
  });

  it("needs-the-input-government-block-without-a-profile", async () => {
    const input = file("app-body.json", cliBodyWithoutKop());
    const target = join(dir, "tanpa-profil.docx");
    const r = await run(["render", input, "-o", target]);
    expect(r.code).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(r.err.join("\n")).toMatch(/^government: tanpa --profile/);
  });
});
