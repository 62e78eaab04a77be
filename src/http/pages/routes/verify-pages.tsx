/** @jsxImportSource hono/jsx */
// /v/:id, the public verification page the QR code points to: the signed letter's record, and an upload that
// compares a DOCX with the signed file (checkLetterFile, the same check as POST /api/verify).
import type { Hono } from "hono";
import { checkLetterFile, type FileCheck, letterRecord } from "../../../sign/verify-letter.js";
import { csrfToken, formFile, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { MAX_UPLOAD_BYTES } from "../../routes/verify-routes.js";
import { VerifyPage, type VerifyResult } from "../verify-page.js";
import { pageApp, render, takeFlash } from "./page-kit.js";

/**
 * Whether a mismatching upload was a DOCX at all: a file that is no zip (a PDF, a photo) or a DOCX without the
 * signature entry (saved again in Word) has nothing to compare, which is not "changed". A zip that cannot be
 * read (a damaged DOCX) still counts as a DOCX that does not match.
 */
function isDocxThatDiffers(bytes: Uint8Array, check: FileCheck): boolean {
  if (check.verdict === "mismatch" && check.signature === "unsigned") return false;
  return bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK", every zip's first bytes
}

export function verifyPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get("/v/:id", async (c) => {
    const id = c.req.param("id");
    const record = await letterRecord(c.var.services.store, id);
    if (!record) return render(c, <VerifyPage found={false} letterId={id} />, 404);
    return render(c, <VerifyPage found record={record} csrfToken={csrfToken(c)} flash={await takeFlash(c)} />);
  });

  app.post("/v/:id", async (c) => {
    const id = c.req.param("id");
    const { store } = c.var.services;
    const record = await letterRecord(store, id);
    if (!record) return render(c, <VerifyPage found={false} letterId={id} />, 404);
    const page = (p: { result?: VerifyResult; error?: string }, status: 200 | 400 = 200) =>
      render(c, <VerifyPage found record={record} csrfToken={csrfToken(c)} {...p} />, status);
    if (Number(c.req.header("Content-Length") ?? "0") > MAX_UPLOAD_BYTES)
      return page({ error: "Berkas terlalu besar (paling besar 20 MB)." }, 400);
    const form = await verifiedForm(c);
    const file = formFile(form, "file");
    if (!file) return page({ error: "Pilih berkas DOCX yang akan diperiksa." }, 400);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const check = await checkLetterFile(store, bytes, id);
    const fileName = file.name || "berkas";
    const result: VerifyResult =
      check.verdict === "mismatch"
        ? {
            match: false,
            fileName,
            uploadedSha256: check.sha256,
            kind: isDocxThatDiffers(bytes, check) ? "changed" : "not_signed_docx",
          }
        : { match: true, fileName };
    return page({ result });
  });

  return app;
}
