import { describe, expect, it } from "vitest";
import { AppError } from "../../src/domain/app-error.js";
import { kepalaDaerahOf, pemdaFromInput } from "../../src/domain/pemda-from-input.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

describe("pemdaFromInput", () => {
  it("reads level, names, kop lines and the kop jabatan of the Pj's kepala daerah from the sample", () => {
    const p = pemdaFromInput(makeSampleInput());
    expect(p.level).toBe("kota");
    expect(p.governmentName).toBe("Pemerintah Kota Bengkulu");
    expect(p.kepalaDaerah).toBe("Wali Kota Bengkulu");
    expect(p.kopJabatan).toBe("WALI KOTA BENGKULU");
    expect(p.kopInstansi.website).toBe("bengkulukota.go.id");
    expect(p.page.paper).toBe("A4");
    expect(p.kopRule).toBe("by-signer");
  });

  it("derives the kepala daerah from the government name when the signer names none", () => {
    const sekda = { jabatan: "Sekretaris Daerah" };
    expect(kepalaDaerahOf("Pemerintah Kota Bengkulu", sekda)).toBe("Wali Kota Bengkulu");
    expect(kepalaDaerahOf("Pemerintah Kabupaten Banggai Kepulauan", sekda)).toBe("Bupati Banggai Kepulauan");
    expect(kepalaDaerahOf("Pemerintah Provinsi Bengkulu", sekda)).toBe("Gubernur Bengkulu");
    expect(kepalaDaerahOf("Pemerintah Kabupaten X", { principal: "Bupati Kudus", jabatan: "Sekretaris Daerah" })).toBe(
      "Bupati Kudus",
    );
    expect(kepalaDaerahOf("Pemerintah Provinsi Bengkulu", { jabatan: "Wakil Gubernur Bengkulu" })).toBe(
      "Gubernur Bengkulu",
    );
  });

  it("keeps the input's nomor pattern", () => {
    const input = makeSampleInput();
    input.nomor.pattern = "{kka}/{seq}/{unit}/{monthRoman}/{year}";
    expect(pemdaFromInput(input).nomorPattern).toBe("{kka}/{seq}/{unit}/{monthRoman}/{year}");
  });

  it("refuses-an-input-without-government-and-without-profile with a clear error", () => {
    const input: Partial<ReturnType<typeof makeSampleInput>> = makeSampleInput();
    delete input.government;
    // cast: the input as it will be once government is optional (the profile work)
    const run = () => pemdaFromInput(input as ReturnType<typeof makeSampleInput>);
    expect(run).toThrow(AppError);
    expect(run).toThrow(/data pemerintah daerah/);
  });
});
