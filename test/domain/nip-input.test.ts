// A NIP is typed as people write it, grouped with spaces ("19700101 199003 1 001"); every form that takes one keeps
// its 18 digits and refuses a wrong one all the same.
import { describe, expect, it } from "vitest";
import { signerProfileBodySchema } from "../../src/domain/signer-account.js";
import { violationFormSchema } from "../../src/domain/violation.js";

const GROUPED = "19700101 199003 1 001";
const DIGITS = "197001011990031001";

describe("a NIP typed with spaces", () => {
  it("is kept as its 18 digits on a signer account", () => {
    const ok = signerProfileBodySchema.safeParse({ name: "Arif Gunadi", jabatan: "Wali Kota", nip: GROUPED });
    expect(ok.success && ok.data.nip).toBe(DIGITS);
    const blank = signerProfileBodySchema.safeParse({ name: "Arif Gunadi", jabatan: "Wali Kota", nip: "   " });
    expect(blank.success && blank.data.nip).toBeUndefined();
    expect(signerProfileBodySchema.safeParse({ name: "Arif", jabatan: "Wali Kota", nip: "1970 0101" }).success).toBe(
      false,
    );
  });

  it("is kept as its 18 digits on a violation case", () => {
    const base = {
      employeeName: "Budi Santoso",
      employeeStatus: "PNS",
      opdId: "DISPORA",
      act: "Memasang alat peraga kampanye",
      status: "dilaporkan",
    };
    const r = violationFormSchema.safeParse({ ...base, employeeNip: GROUPED });
    const nip = r.success ? r.data.employeeNip : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(nip).toBe(DIGITS);
    const bad = violationFormSchema.safeParse({ ...base, employeeNip: "19700101 199003 1" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toContain("employeeNip");
  });
});
