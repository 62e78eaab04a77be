import { strFromU8, unzipSync } from "fflate";
import QR from "qrcode";
import { describe, expect, it } from "vitest";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { makeCliSampleBody, parseAsStored } from "../support/sample-input-fixture.js";

/** The visible text of a stretch of WordprocessingML, one line per paragraph. */
const linesOf = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter((l) => l !== "");

const anPlhSekda = () => {
  const body = makeCliSampleBody();
  body.issuer = {
    prefix: "a.n.",
    principal: "Bupati Banggai Kepulauan",
    jabatan: "Plh. Sekretaris Daerah",
    name: "Ir. H. Basri Lamadjido, M.H.",
    pangkat: "Pembina Utama Muda",
    nip: "197001011990031001",
  };
  return parseAsStored(body);
};

describe("the signer block in the DOCX", () => {
  it("keeps-the-bupati-and-the-plh-sekretaris-daerah-in-the-foot-and-the-tte-box", async () => {
    const qr = new Uint8Array(await QR.toBuffer("https://edaran.example/v/abc", { type: "png", margin: 1 }));
    const docx = await renderEdaranDocx(anPlhSekda(), {
      nomor: "2185",
      signature: { qrPng: qr, signedAtText: "2 Oktober 2024 pukul 14.05 WIB", verifyUrl: "https://e/v", keyId: "k" },
    });
    const xml = strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array());
    const box = /<w:tbl>(?:(?!<w:tbl>)[\s\S])*?Ditandatangani secara elektronik[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? "";
    expect(linesOf(box)).toEqual([
      "Ditandatangani secara elektronik oleh:",
      "a.n. BUPATI BANGGAI KEPULAUAN,",
      "Plh. SEKRETARIS DAERAH,",
      "Ir. H. BASRI LAMADJIDO, M.H.",
      "NIP 19700101 199003 1 001",
      "2 Oktober 2024 pukul 14.05 WIB",
    ]);
    const lines = linesOf(xml.replace(box, ""));
    const foot = lines.slice(lines.indexOf("Ditetapkan di Bengkulu"), lines.indexOf("Tembusan:"));
    expect(foot).toEqual([
      "Ditetapkan di Bengkulu",
      "pada tanggal 2 Oktober 2024",
      "a.n. BUPATI BANGGAI KEPULAUAN,",
      "Plh. SEKRETARIS DAERAH,",
      "Ir. H. BASRI LAMADJIDO, M.H.",
      "Pembina Utama Muda",
      "NIP 19700101 199003 1 001",
    ]);
  });
});
