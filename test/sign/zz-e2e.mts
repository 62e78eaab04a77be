import { readFileSync, writeFileSync, mkdtempSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { renderEdaranDocx } from "../../src/render/docx.ts";
import { edaranInputSchema } from "../../src/domain/edaran-input.ts";
import { generateSigningKeyPair } from "../../src/sign/keys.ts";
import { qrPng } from "../../src/sign/qr.ts";
import { signDocx } from "../../src/sign/sign-docx.ts";
import { verifyDocx } from "../../src/sign/verify-docx.ts";
const input = edaranInputSchema.parse(JSON.parse(readFileSync("data/samples/netralitas-pilkada-2024.json", "utf8")));
const k = await generateSigningKeyPair();
const url = "http://localhost:8787/v/01HZXLETTER0001";
const docx = await renderEdaranDocx(input, { nomor: "2185", signature: { qrPng: await qrPng(url), signedAtText: "1 Mei 2024 pukul 09.03 WIB", verifyUrl: url, keyId: k.kid } });
const s = await signDocx(docx, { privateKey: k.privateKey, kid: k.kid, alg: k.alg, letterId: "01HZXLETTER0001", nomor: "x", signedAt: "2024-05-01T02:03:04Z" });
console.log((await verifyDocx(s.bytes, { keys: [{ kid: k.kid, alg: k.alg, jwk: k.publicJwk, createdAt: "x" }] })).status);
const dir = mkdtempSync(join(tmpdir(), "e2e-")); writeFileSync(join(dir, "s.docx"), s.bytes);
execFileSync("soffice", ["-env:UserInstallation=file:///tmp/lo-sign-test", "--headless", "--convert-to", "pdf", "--outdir", dir, join(dir, "s.docx")], { stdio: "pipe" });
execFileSync("pdftoppm", ["-png", "-r", "150", join(dir, "s.pdf"), join(dir, "p")]);
for (const f of readdirSync(dir).filter((f) => f.startsWith("p"))) {
  const img = PNG.sync.read(readFileSync(join(dir, f)));
  console.log(f, jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data);
}
console.log(dir);
