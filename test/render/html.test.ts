import { describe, expect, it } from "vitest";
import { renderEdaranHtml } from "../../src/render/html.js";
import { PEMDA_LETTERS, TRICKY_WORD } from "../support/pemda-letters-fixture.js";

describe("the HTML preview", () => {
  it("shows the kop jabatan when the kepala daerah family signs, without the kop instansi's lines", () => {
    const { input, pemda } = PEMDA_LETTERS.provinsiPlt();
    const html = renderEdaranHtml(input, { nomor: "2185", pemda });
    expect(html).toContain(
      '<header class="kop kop-jabatan" style="text-align:center"><strong>GUBERNUR BENGKULU</strong>',
    );
    expect(html).not.toContain("Jalan Pembangunan");
    expect(html).toContain(`Kutipan &quot;ganda&quot; &amp; &#39;tunggal&#39;, &lt;sudut&gt; &amp; a &gt; b`);
    expect(html).toContain(TRICKY_WORD);
  });

  it("shows a long Yth. list as (daftar terlampir) and lists it in a Lampiran with the signer under it", () => {
    const { input, pemda } = PEMDA_LETTERS.kota42();
    const html = renderEdaranHtml(input, { nomor: "2185", pemda });
    const [letter = "", lampiran = ""] = html.split('<section class="lampiran">');
    expect(letter).toContain("Yth. (daftar terlampir)");
    expect(letter).not.toContain("Camat Selebar");
    expect(lampiran).toContain("NOMOR : 800/2185/BKPSDM.II/2024");
    expect(lampiran).toContain("<li>Camat Selebar;</li>");
    expect(lampiran.indexOf("<li>Lurah se-Kota Bengkulu</li>")).toBeLessThan(lampiran.indexOf("ARIF GUNADI"));
  });
});
