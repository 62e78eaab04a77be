import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildTemplatesModule, GENERATED_PATH } from "../../scripts/build-templates.js";
import { buildWording } from "../../src/render/wording.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

describe("precompiled templates", () => {
  it("are up to date with templates/ (run npm run build:templates)", () => {
    expect(readFileSync(GENERATED_PATH, "utf8")).toBe(buildTemplatesModule());
  });

  it("run on handlebars/runtime alone: the generated module never needs the compiler", () => {
    const source = readFileSync(GENERATED_PATH, "utf8");
    expect(source).not.toMatch(/from "handlebars"|require\(|new Function|eval\(/);
    const wording = buildWording(makeSampleInput(), "NOMOR-X");
    expect(wording.title.nomor).toBe("NOMOR NOMOR-X");
    expect(wording.sections.map((s) => `${s.label} ${s.heading}`)).toEqual([
      "1. Latar Belakang",
      "2. Maksud dan Tujuan",
      "3. Ruang Lingkup",
      "4. Dasar",
      "5. Isi Edaran",
      "6. Penutup",
    ]);
  });

  it("numbers lists 1. / a. / 1) / a) by level", () => {
    const isi = buildWording(makeSampleInput()).sections[4]?.blocks ?? [];
    const labels = isi.filter((b) => b.kind === "li").map((b) => (b.kind === "li" ? `${b.level}:${b.label}` : ""));
    expect(labels.slice(0, 6)).toEqual(["1:a.", "2:1)", "2:2)", "2:3)", "3:a)", "3:b)"]);
  });
});
