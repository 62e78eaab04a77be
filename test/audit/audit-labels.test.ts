// The audit log in words for an auditor: every action code the app writes has an Indonesian label, and a
// row's data reads as "key: value" pairs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS, auditActionLabel, auditDetails } from "../../src/audit/audit-labels.js";
import { workflowActionNames } from "../../src/domain/workflow.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Action codes written as literals: `action: "x.y"`, and the user.* codes update-user.ts picks between. */
function writtenActionCodes(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles(join(process.cwd(), "src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/action: ["']([a-z_]+\.[a-z_]+)["']/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/["']((?:user|auth|email|reminder|recipient)\.[a-z_]+)["']/g)) codes.add(m[1]!);
  }
  return [...codes];
}

describe("audit action labels", () => {
  it("labels-every-action-code-the-source-writes", () => {
    const codes = [
      ...writtenActionCodes(),
      ...workflowActionNames.map((a) => `letter.${a}`),
      "email.delivered",
      "email.bounced",
      "email.complained",
    ];
    expect(codes).toContain("auth.login");
    expect(codes).toContain("recipient.report_replaced");
    const missing = codes.filter((c) => !(c in AUDIT_ACTION_LABELS));
    expect(missing).toEqual([]);
  });

  it("says-the-asked-words-and-shows-an-unknown-code-as-is", () => {
    expect(auditActionLabel("auth.login")).toBe("Masuk");
    expect(auditActionLabel("auth.login_failed")).toBe("Gagal masuk");
    expect(auditActionLabel("letter.drafted")).toBe("Konsep dibuat");
    expect(auditActionLabel("kunci.diputar")).toBe("kunci.diputar");
  });
});

describe("audit details", () => {
  it("reads-data-json-as-indonesian-key-value-pairs-with-codes-translated", () => {
    expect(auditDetails('{"keyId":"k1","from":"approved","sha256":"ab12","to":"signed"}')).toEqual([
      { label: "status", value: "disetujui → ditandatangani" },
      { label: "ID kunci", value: "k1" },
      { label: "SHA-256", value: "ab12" },
    ]);
    expect(auditDetails('{"reason":"wrong_password"}')).toEqual([{ label: "alasan", value: "kata sandi salah" }]);
  });

  it("flattens-one-level-of-nesting-keeps-unknown-keys-and-leaves-empty-values-out", () => {
    expect(
      auditDetails('{"staffInformed":12,"attachment":{"filename":"bukti.pdf"},"x":true,"ip":null,"to":"signed"}'),
    ).toEqual([
      { label: "pegawai diberi tahu", value: "12" },
      { label: "lampiran nama berkas", value: "bukti.pdf" },
      { label: "x", value: "ya" },
      { label: "menjadi", value: "ditandatangani" },
    ]);
  });

  it("is-empty-for-no-data-and-one-pair-for-json-that-does-not-parse", () => {
    expect(auditDetails("{}")).toEqual([]);
    expect(auditDetails(null)).toEqual([]);
    expect(auditDetails("{rusak")).toEqual([{ label: "data", value: "{rusak" }]);
  });
});
