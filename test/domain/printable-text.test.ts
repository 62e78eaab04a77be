import { describe, expect, it } from "vitest";
import { hasControlChar, printable, stripControlChars } from "../../src/domain/printable-text.js";

describe("printable text", () => {
  it("finds-nul-escape-del-c1-noncharacters-and-lone-surrogates", () => {
    for (const s of ["a\u0000", "\u001b[2J", "\u007f", "\u0085", "\u009b", "\uFFFE", "\uFFFF", "x\uD800", "\uDC00y"])
      expect(hasControlChar(s), JSON.stringify(s)).toBe(true);
  });

  it("leaves-tab-newline-cr-accents-and-emoji-alone", () => {
    for (const s of ["baris\nbaris\r\n\tisi", "Ñ é — “kutip”", "Surat 😀", "\u00a0nbsp"])
      expect(hasControlChar(s), JSON.stringify(s)).toBe(false);
    expect(stripControlChars("a\u0000b\u007fc\u0085d\uD800e\n")).toBe("abcde\n");
  });

  it("gives-a-zod-refine-pair-with-the-fields-message", () => {
    const [ok, message] = printable("Catatan");
    expect(ok("aman")).toBe(true);
    expect(ok("a\u0000")).toBe(false);
    expect(message).toBe("Catatan memuat karakter kendali yang tidak dapat dicetak");
  });
});
