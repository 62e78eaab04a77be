// Bench: PAdES B-B signing of a letter-sized PDF with the local CA adapter, per letter: the whole sign step
// (open the signer's key with his passphrase, PBKDF2 at the production iteration count, then signPdf), and
// signPdf alone with the key already open. A real SQLite file and a 0600 CA key file in a temp folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import { fixedClock } from "../../src/domain/clock.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import { issueSignerCertificate } from "../../src/sign/local-ca/issue-signer-certificate.js";
import { localCaTrust } from "../../src/sign/local-ca/local-ca-trust.js";
import { localPdfSigning, localSigner } from "../../src/sign/local-ca/local-signer.js";
import { signPdf } from "../../src/sign/pades/sign-pdf.js";
import { verifyPdfSignatures } from "../../src/sign/pades/verify-pdf-signatures.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";
import { type BenchContext, sized } from "./context.js";
import { fmt, summarize, timeEach } from "./stats.js";

async function letterPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (let page = 0; page < 2; page++) {
    if (page > 0) doc.addPage();
    for (let i = 0; i < 40; i++)
      doc.fontSize(11).text(`Angka ${i + 1}. Aparatur Sipil Negara wajib menjaga netralitas.`);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

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
    const pdf = await letterPdf();
    log(`letter PDF: ${(pdf.length / 1024).toFixed(1)} KiB, 2 pages; CA and signer keys ECDSA P-256`);

    const signing = localPdfSigning(deps);
    const request = {
      userId: signer.userId,
      credential: { kind: "passphrase", passphrase: "rahasia" } as const,
      widget: { page: 1, rect: [320, 120, 560, 220] as const },
    };
    let signed = pdf;
    const whole = await timeEach(N, async () => {
      signed = await signing.sign(pdf, request);
    });
    log(`sign step (unlock key, PBKDF2 100 000 + signPdf): ${fmt(summarize(whole))}`);

    const port = await localSigner(deps, signer.userId, "rahasia");
    const only = await timeEach(N, () =>
      signPdf(pdf, { signer: port, signingTime: clock.now(), widget: request.widget }),
    );
    log(`signPdf alone (key open): ${fmt(summarize(only))}`);

    const trust = await localCaTrust(deps);
    const verify = await timeEach(N, () => verifyPdfSignatures(signed, trust));
    log(`verifyPdfSignatures: ${fmt(summarize(verify))}`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
