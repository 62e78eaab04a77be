import { describe, expect, it } from "vitest";
import { issuingOffice, kopKind } from "../../src/domain/kop-kind.js";

describe("kopKind", () => {
  it.each([
    [{ jabatan: "Bupati Kudus" }, "jabatan"],
    [{ jabatan: "Penjabat Wali Kota Bengkulu" }, "jabatan"],
    [{ prefix: "Plt." as const, principal: "Gubernur Bengkulu", jabatan: "Wakil Gubernur Bengkulu" }, "jabatan"],
    [{ prefix: "Plh." as const, principal: "Bupati Kudus", jabatan: "Sekretaris Daerah" }, "jabatan"],
    [{ prefix: "a.n." as const, principal: "Bupati Kudus", jabatan: "Sekretaris Daerah" }, "instansi"],
    [{ jabatan: "Kepala Dinas Pendidikan" }, "instansi"],
  ])("by-signer gives %o the kop %s", (issuer, kind) => {
    expect(kopKind("by-signer", issuer)).toBe(kind);
  });

  it("always gives the kop instansi under the instansi rule", () => {
    expect(kopKind("instansi", { jabatan: "Bupati Kudus" })).toBe("instansi");
  });
});

describe("issuingOffice", () => {
  it("names the kepala daerah for his family and for a.n. him, else the signer's office", () => {
    expect(issuingOffice("Bupati Kudus", { jabatan: "Wakil Bupati Kudus" })).toBe("Bupati Kudus");
    expect(
      issuingOffice("Bupati Kudus", { prefix: "a.n.", principal: "Bupati Kudus", jabatan: "Sekretaris Daerah" }),
    ).toBe("Bupati Kudus");
    expect(issuingOffice("Bupati Kudus", { jabatan: "Kepala Dinas Pendidikan" })).toBe("Kepala Dinas Pendidikan");
  });
});
