// The sign step through the app inside workerd (src/runtime/worker.ts on D1 and R2), with the local CA's key from
// the LOCAL_CA_KEY_JWK secret: the letter gets, beside its signed DOCX, a PAdES PDF from the signer's own
// certificate that verifyPdfSignatures accepts; a changed byte is refused.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/domain/clock.js";
import { localCaTrust } from "../../src/sign/local-ca/local-ca-trust.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { makeApiClient } from "../support/api-client-fixture.js";
import { makeWorkerdTarget } from "../support/workerd-target-fixture.js";

describe("workerd: a letter signed in the app", () => {
  it("has a signed PDF from the signer's own certificate, issued by the CA of the secret", async () => {
    const api = makeApiClient(makeWorkerdTarget());
    const a = await api.actors();
    const { id } = await api.signedSampleLetter(a);

    const res = await api.target.fetch(`/api/letters/${id}/signed.pdf`, { headers: { cookie: a.sek.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe("%PDF-");

    const store = openD1Store(env.DB);
    const trust = await localCaTrust({ store, clock: systemClock });
    const [sig] = await verifyPdfSignatures(pdf, trust);
    expect(sig).toMatchObject({ intact: true, coversWholeFile: true, certificateStatus: "trusted" });
    expect(sig?.signerName).toContain("Arif Gunadi");
    expect(sig?.jabatan).toBe("Penjabat Wali Kota Bengkulu");
    // The CA certificate is the one of the secret's key, kept in D1.
    const cas = await store.db.selectFrom("local_ca_certificates").select("id").execute();
    expect(cas).toHaveLength(1);

    const changed = pdf.slice();
    const at = pdf.indexOf(0x2f, Math.floor(pdf.length / 3));
    changed[at] = 0x2e;
    expect((await verifyPdfSignatures(changed, trust))[0]?.intact).toBe(false);
  });
});
