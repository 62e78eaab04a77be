// Public verification, no login: the key set, a letter's signed record, and checking an uploaded file.
import { Hono } from "hono";
import { AppError, notFound } from "../../domain/app-error.js";
import { publishedKeySet } from "../../sign/published-key-set.js";
import { readSignedFile } from "../../sign/signed-file.js";
import { checkLetterFile, publicLetterRecord } from "../../sign/verify-letter.js";
import { docxResponse, pdfResponse } from "../docx-response.js";
import type { AppEnv } from "../env.js";

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The file of a verification request: multipart field "file", or the raw body. */
export async function uploadedFile(req: Request): Promise<Uint8Array> {
  const type = req.headers.get("content-type") ?? "";
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES) throw new AppError("file_too_large", "Berkas terlalu besar (paling besar 20 MB)");
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("invalid_form", "Isi formulir unggahan tidak dapat dibaca");
    }
    const file = form.get("file");
    if (!file || typeof file === "string")
      throw new AppError("file_required", "Pilih berkas DOCX atau PDF yang akan diperiksa");
    return new Uint8Array(await file.arrayBuffer());
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength === 0) throw new AppError("file_required", "Kirim berkas DOCX atau PDF sebagai isi permintaan");
  if (bytes.byteLength > MAX_UPLOAD_BYTES)
    throw new AppError("file_too_large", "Berkas terlalu besar (paling besar 20 MB)");
  return bytes;
}

export function verifyApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/.well-known/edaran-keys.json", async (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(await publishedKeySet(c.var.services));
  });
  app.post("/api/verify", async (c) => {
    const letterId = c.req.query("letterId") ?? null;
    const check = await checkLetterFile(c.var.services, await uploadedFile(c.req.raw), letterId);
    return c.json(check);
  });
  app.get("/api/verify/:id", async (c) => {
    // Only a letter that is or was public (sent); a signed letter not yet sent is not found.
    const record = await publicLetterRecord(c.var.services.store, c.req.param("id"));
    if (!record) throw notFound("Surat bertanda tangan");
    return c.json({ ...record, status: record.revoked ? "dicabut" : "berlaku" });
  });
  // The signed file itself, for whoever holds the verify link, once the letter is sent (a public circular);
  // 404 before, 410 once withdrawn.
  app.get("/v/:id/dokumen.docx", async (c) => {
    const file = await readSignedFile(c.var.services, c.req.param("id"));
    return docxResponse(file.bytes, file.letter, "ttd");
  });
  // The signed PDF beside it, on the same terms (404 also for a letter signed as DOCX only).
  app.get("/v/:id/dokumen.pdf", async (c) => {
    const file = await readSignedFile(c.var.services, c.req.param("id"), "signed_pdf");
    return pdfResponse(file.bytes, file.letter, "ttd");
  });
  return app;
}
