// Bench: our own letter PDF (render/pdf, the sample letter signed, as render-pdf.ts renders it) PAdES B-B signed with
// the local CA adapter, the widget on the rendered TTE box, per letter: render + sign as the sign step makes the
// signed PDF (sign/signed-letter-pdf.ts), against LibreOffice converting the same letter's DOCX to PDF in the same
// run; then the sign step alone and its parts: the key unlock (PBKDF2 at the production iteration count, AES-GCM,
// key import) and signPdf with the key already open. A real SQLite file and a 0600 CA key file in a temp folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../../src/domain/clock.js";
import { renderEdaranDocx } from "../../src/render/docx.js";
import { renderEdaranPdf } from "../../src/render/pdf/render-pdf.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import { KEY_KDF_ITERATIONS } from "../../src/sign/local-ca/encrypted-key.js";
import { issueSignerCertificate } from "../../src/sign/local-ca/issue-signer-certificate.js";
import { localCaTrust } from "../../src/sign/local-ca/local-ca-trust.js";
import { localPdfSigning, localSigner } from "../../src/sign/local-ca/local-signer.js";
import { signPdf } from "../../src/sign/pades/sign-pdf.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { signLetterPdf } from "../../src/sign/signed-letter-pdf.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { type BenchContext, sized } from "./context.js";
import { libreOfficeConverter } from "./libreoffice-convert.js";
import { sampleSignedLetter } from "./sample-letter.js";
import { fmt, summarize, timeEach } from "./stats.js";

export async function run(ctx: BenchContext): Promise<void> {
  const { log } = ctx;
  const N = sized(ctx, 100, 2);
  const dir = await mkdtemp(join(tmpdir(), "bench-pades-"));
  const store = openSqliteStore(join(dir, "edaran.sqlite"));
  try {
    const clock = fixedClock("2024-05-01T02:00:00.000Z");
    const deps = { store, clock, caKey: keyFileSource({ dir, clock, alg: "ECDSA-P256", fileName: "ca-key.json" }) };
    await store.db
      .insertInto("users")
      .values({
        id: "u-bench",
        username: "bench",
        display_name: "Arif Gunadi",
        role: "penandatangan",
        password_hash: "x",
        created_at: "2024-01-01T00:00:00.000Z",
      })
      .execute();
    const signer = { userId: "u-bench", name: "Arif Gunadi", jabatan: "Wali Kota Bengkulu", pemda: "Kota Bengkulu" };
    await issueSignerCertificate(deps, signer, "rahasia");

    const { input, opts } = await sampleSignedLetter();
    const rendered = await renderEdaranPdf(input, opts);
    const box = rendered.tteBox;
    if (!box) throw new Error("the signed sample letter has no TTE box");
    const widget = { page: box.page, rect: [box.x, box.y, box.x + box.width, box.y + box.height] as const };
    log(
      `letter: the sample as edaran's PDF, ${rendered.pageCount} pages, ${(rendered.bytes.length / 1024).toFixed(1)} KiB, widget on the TTE box (page ${box.page + 1}); CA and signer keys ECDSA P-256`,
    );

    const signing = localPdfSigning(deps);
    const credential = { kind: "passphrase", passphrase: "rahasia" } as const;
    const request = { userId: signer.userId, credential };
    await signLetterPdf(signing, input, opts, request); // warm-up: fonts parsed, pkijs loaded
    const letter = summarize(await timeEach(N, () => signLetterPdf(signing, input, opts, request)));
    log(`render + sign per letter (renderEdaranPdf, unlock key, signPdf, SHA-256): ${fmt(letter)}`);

    // The same without the key unlock: what render + sign costs once the signer's key is open.
    const port = await localSigner(deps, signer.userId, "rahasia");
    const openKey = summarize(
      await timeEach(N, async () => {
        const pdf = await renderEdaranPdf(input, opts);
        await signPdf(pdf.bytes, { signer: port, signingTime: clock.now(), widget });
      }),
    );
    log(`render + signPdf per letter, key already open (no PBKDF2): ${fmt(openKey)}`);

    const lo = libreOfficeConverter(await renderEdaranDocx(input, opts));
    try {
      const loTiming = summarize(await timeEach(sized(ctx, 10, 1), lo.convert));
      log(`LibreOffice soffice --convert-to pdf of the same DOCX (a fresh soffice per letter): ${fmt(loTiming)}`);
      log(`ratio LibreOffice / (render + sign): ${(loTiming.medianMs / letter.medianMs).toFixed(0)}× (target ≥ 20×)`);
      log(`ratio LibreOffice / (render + signPdf, key open): ${(loTiming.medianMs / openKey.medianMs).toFixed(0)}×`);
    } finally {
      lo.close();
    }

    let signed = rendered.bytes;
    const whole = summarize(
      await timeEach(N, async () => {
        signed = await signing.sign(rendered.bytes, { ...request, widget });
      }),
    );
    log(`sign step (unlock key + signPdf): ${fmt(whole)}`);
    const unlock = summarize(await timeEach(N, () => localSigner(deps, signer.userId, "rahasia")));
    log(`  of which key unlock (PBKDF2-SHA256 ${KEY_KDF_ITERATIONS} iterations, AES-GCM, import): ${fmt(unlock)}`);
    const only = summarize(
      await timeEach(N, () => signPdf(rendered.bytes, { signer: port, signingTime: clock.now(), widget })),
    );
    log(`  of which signPdf (key open: placeholder, CMS SignedData, ECDSA): ${fmt(only)}`);

    const trust = await localCaTrust(deps);
    const verify = summarize(await timeEach(N, () => verifyPdfSignatures(signed, trust)));
    log(`verifyPdfSignatures of the signed letter: ${fmt(verify)}`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
