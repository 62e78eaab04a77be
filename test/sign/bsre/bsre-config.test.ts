// BSrE settings as the runtimes read them: unset means the local CA signs; a half-filled set fails at start
// naming the setting (never the password); BSRE_ROOTS_PEM may be one line with \n for its line breaks.
import { describe, expect, it } from "vitest";
import { bsreConfigFromEnv, bsreRootsFromPem } from "../../../src/sign/bsre/bsre-config.js";
import { makeBsreServer } from "../../support/bsre-server.js";

describe("BSrE settings", () => {
  it("are off without BSRE_URL, and name what is missing when half filled, never the password", () => {
    expect(bsreConfigFromEnv({})).toBeNull();
    expect(() => bsreConfigFromEnv({ BSRE_URL: "https://esign.pemda.go.id", BSRE_PASSWORD: "rahasia-esign" })).toThrow(
      /BSRE_USERNAME/,
    );
    try {
      bsreConfigFromEnv({ BSRE_URL: "bukan url", BSRE_USERNAME: "u", BSRE_PASSWORD: "rahasia-esign" });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toContain("BSRE_URL");
      expect(String(e)).not.toContain("rahasia-esign");
    }
    expect(
      bsreConfigFromEnv({
        BSRE_URL: "https://esign.pemda.go.id/",
        BSRE_USERNAME: "u",
        BSRE_PASSWORD: "p",
        BSRE_TIMEOUT_MS: "5000",
      }),
    ).toEqual({ baseUrl: "https://esign.pemda.go.id", username: "u", password: "p", timeoutMs: 5000 });
  });

  it("read BSRE_ROOTS_PEM as written in a file or on one line", async () => {
    const server = await makeBsreServer([{ nik: "1", name: "A", jabatan: "B", status: "ISSUE", passphrase: "x" }]);
    try {
      const [root] = bsreRootsFromPem(server.rootPem) ?? [];
      expect(root?.length).toBeGreaterThan(100);
      expect(bsreRootsFromPem(server.rootPem.replaceAll("\n", "\\n"))).toEqual([root]);
      expect(bsreRootsFromPem(undefined)).toBeNull();
      expect(() => bsreRootsFromPem("bukan sertifikat")).toThrow(/BSRE_ROOTS_PEM/);
    } finally {
      await server.close();
    }
  });
});
