/** @jsxImportSource hono/jsx */
// /v/:id, the public verification page the QR code points to: the signed letter's record, and an upload that
// compares a DOCX or PDF with the signed file (checkLetterFile, the same check as POST /api/verify). The record is the
// public one (publicLetterRecord: a sent letter, also once withdrawn); a letter not sent yet looks like an
// unknown code, but whoever uploads its own signed file sees its record and verdict.
import type { Hono } from "hono";
import { checkLetterFile, type FileCheck, publicLetterRecord } from "../../../sign/verify-letter.js";
import { csrfToken, formFile, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { MAX_UPLOAD_BYTES } from "../../routes/verify-routes.js";
import { VerifyPage, type VerifyResult } from "../verify-page.js";
import { pageApp, render, takeFlash } from "./page-kit.js";

/** What kind of failure a mismatching upload is: nothing to check (no signature, not a DOCX or PDF) or a change. */
function mismatchKind(check: FileCheck): "changed" | "not_signed" | "unsupported" {
  if (check.format === "other") return "unsupported";
  return check.verdict === "mismatch" && check.signature === "unsigned" ? "not_signed" : "changed";
}

export function verifyPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get("/v/:id", async (c) => {
    const id = c.req.param("id");
    const record = await publicLetterRecord(c.var.services.store, id);
    if (!record) return render(c, <VerifyPage found={false} letterId={id} csrfToken={csrfToken(c)} />, 404);
    return render(c, <VerifyPage found record={record} csrfToken={csrfToken(c)} flash={await takeFlash(c)} />);
  });

  app.post("/v/:id", async (c) => {
    const id = c.req.param("id");
    const { services } = c.var;
    const { store } = services;
    const publicRecord = await publicLetterRecord(store, id);
    const page = (p: { result?: VerifyResult; error?: string }, record = publicRecord, status: 200 | 400 = 200) =>
      record
        ? render(c, <VerifyPage found record={record} csrfToken={csrfToken(c)} {...p} />, status)
        : render(c, <VerifyPage found={false} letterId={id} csrfToken={csrfToken(c)} {...p} />, 404);
    if (Number(c.req.header("Content-Length") ?? "0") > MAX_UPLOAD_BYTES)
      return page({ error: "Berkas terlalu besar (paling besar 20 MB)." }, publicRecord, 400);
    const form = await verifiedForm(c);
    const file = formFile(form, "file");
    if (!file) return page({ error: "Pilih berkas DOCX atau PDF yang akan diperiksa." }, publicRecord, 400);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const check = await checkLetterFile(services, bytes, id);
    const fileName = file.name || "berkas";
    if (check.verdict !== "mismatch") {
      const format = check.format === "pdf" ? "pdf" : "docx";
      const certificate = check.certificate ? { certificate: check.certificate } : {};
      return page({ result: { match: true, fileName, format, ...certificate } }, check.letter);
    }
    const kind = mismatchKind(check);
    return page({ result: { match: false, fileName, uploadedSha256: check.sha256, kind, reason: check.message } });
  });

  return app;
}
