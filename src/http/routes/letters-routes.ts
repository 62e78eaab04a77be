// /api/letters: drafting, listing, previews and every workflow transition.
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import { decodeCursor, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from "../../domain/page-cursor.js";
import { letterStatuses, workflowActionSchema } from "../../domain/workflow.js";
import { createLetter } from "../../drafting/create-letter.js";
import { isRestrictedViewer, listVisibleLetters, userLetterFile, visibleLetter } from "../../drafting/letter-access.js";
import { letterSummary, letterView } from "../../drafting/letter-view.js";
import { transitionLetter } from "../../drafting/transition-letter.js";
import { updateLetter } from "../../drafting/update-letter.js";
import { dispatchLetter } from "../../send/dispatch-letter.js";
import { sendToRemaining } from "../../send/send-to-remaining.js";
import type { SigningCredential } from "../../sign/pades/pdf-signer-port.js";
import { signLetter } from "../../sign/sign-letter.js";
import { letterInput } from "../../store/letter-json.js";
import { listEvents, listRevisions } from "../../store/letters-repo.js";
import { remindNow } from "../../track/remind-now.js";
import { currentUser, requireRole, requireUser } from "../auth-middleware.js";
import { docxResponse, pdfResponse } from "../docx-response.js";
import type { AppEnv } from "../env.js";
import { apiRateLimited, limitedStep, SIGNING_PASSPHRASE_LIMIT, signerRateKey } from "../rate-limit.js";
import { jsonBody, queryParams, readJson } from "../validate.js";

const SIGN_LIMITED = "Terlalu banyak percobaan frasa sandi tanda tangan.";

export const letterListQuerySchema = z.object({
  status: z.enum(letterStatuses, { error: `Status harus salah satu dari: ${letterStatuses.join(", ")}` }).optional(),
  register: z.string().max(40).optional(),
  q: z.string().trim().max(200, "Kata kunci paling banyak 200 karakter").optional(),
  limit: z.coerce
    .number()
    .int("limit harus bilangan bulat")
    .min(1)
    .max(PAGE_SIZE_MAX, `limit paling besar ${PAGE_SIZE_MAX}`)
    .default(PAGE_SIZE_DEFAULT),
  /** The old paging; `after` (keyset) costs the same on every page and is what nextCursor gives. */
  offset: z.coerce.number().int("offset harus bilangan bulat").min(0).default(0),
  after: z.string().max(500, "after terlalu panjang").optional(),
});

export const revisionHeaderSchema = z.coerce.number().int().min(1);

export function letterRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", requireUser(), async (c) => {
    const q = queryParams(c, letterListQuerySchema);
    // A kepala_opd gets only its own letters (letter-access.ts); total counts those alone.
    const page = await listVisibleLetters(c.var.services.store, currentUser(c), {
      ...(q.status ? { status: q.status } : {}),
      ...(q.register ? { registerId: q.register } : {}),
      ...(q.q ? { q: q.q } : {}),
      limit: q.limit,
      offset: q.offset,
      ...(q.after ? { after: decodeCursor(q.after, "text") } : {}),
    });
    // The list leaves out each letter's full input (GET /api/letters/:id has it): a page of 20 stays small.
    return c.json({ ...page, items: page.items.map(letterSummary) });
  });

  app.post("/", requireRole("sekretariat", "admin"), async (c) => {
    const letter = await createLetter(c.var.services, currentUser(c), await readJson(c));
    return c.json(letter, 201, { Location: `/api/letters/${letter.id}` });
  });

  app.get("/:id", requireUser(), async (c) => {
    const row = await visibleLetter(c.var.services.store, currentUser(c), c.req.param("id"));
    return c.json(letterView(row));
  });

  // If-Match: <revision> guards against overwriting someone else's newer edit.
  app.put("/:id", requireRole("sekretariat", "admin"), async (c) => {
    const ifMatch = c.req.header("If-Match");
    const rev = ifMatch === undefined ? undefined : revisionHeaderSchema.safeParse(ifMatch.replaceAll('"', ""));
    if (rev && !rev.success) throw new AppError("invalid_if_match", "If-Match harus nomor revisi");
    const letter = await updateLetter(c.var.services, currentUser(c), c.req.param("id"), await readJson(c), rev?.data);
    return c.json(letter);
  });

  app.get("/:id/revisions", requireUser(), async (c) => {
    const id = c.req.param("id");
    await visibleLetter(c.var.services.store, currentUser(c), id);
    const rows = await listRevisions(c.var.services.store, id);
    return c.json({
      items: rows.map((r) => ({ ...r, input_json: undefined, input: letterInput(r) })),
    });
  });

  app.get("/:id/events", requireUser(), async (c) => {
    const id = c.req.param("id");
    await visibleLetter(c.var.services.store, currentUser(c), id);
    return c.json({ items: await listEvents(c.var.services.store, id) });
  });

  app.get("/:id/preview.docx", requireUser(), async (c) => {
    const file = await userLetterFile(c.var.services, currentUser(c), c.req.param("id"), "rendered");
    return docxResponse(file.bytes, file.letter, file.variant);
  });

  // The stored signed file, for who may see the letter (the verify link serves it only once sent).
  app.get("/:id/signed.docx", requireUser(), async (c) => {
    const file = await userLetterFile(c.var.services, currentUser(c), c.req.param("id"), "signed");
    return docxResponse(file.bytes, file.letter, file.variant);
  });

  // The PAdES-signed PDF made beside the DOCX (when the instance runs its local CA).
  app.get("/:id/signed.pdf", requireUser(), async (c) => {
    const file = await userLetterFile(c.var.services, currentUser(c), c.req.param("id"), "signed_pdf");
    return pdfResponse(file.bytes, file.letter, file.variant);
  });

  app.post("/:id/transitions", requireUser(), async (c) => {
    const action = await jsonBody(c, workflowActionSchema);
    const user = currentUser(c);
    const id = c.req.param("id");
    const svc = c.var.services;
    // A letter a kepala_opd may not see is answered 404 before the workflow could reveal it with a 403/409.
    if (isRestrictedViewer(user)) await visibleLetter(svc.store, user, id);
    if (action.action === "sign") {
      const body = await jsonBody(c, signBodySchema);
      // Wrong passphrases count per signer, page and API together; a signed letter gives its hit back.
      return limitedStep(c, SIGNING_PASSPHRASE_LIMIT, signerRateKey(user.id), apiRateLimited(SIGN_LIMITED), async () =>
        c.json(await signLetter(svc, user, id, signCredentialOf(body))),
      );
    }
    if (action.action === "send") {
      const body = await jsonBody(c, sendBodySchema);
      const r = await dispatchLetter(svc, user, id, body.opdIds ?? "all");
      return c.json({ ...r.letter, recipients: r.recipients, queued: r.queued });
    }
    return c.json(await transitionLetter(svc, user, id, action));
  });

  // "Kirim pengingat sekarang": every OPD head reached who has not acknowledged, reminded at once.
  app.post("/:id/remind", requireRole("sekretariat", "admin"), async (c) => {
    const svc = c.var.services;
    const r = await remindNow(svc.store, svc.clock, currentUser(c), c.req.param("id"));
    await svc.sendQueue.enqueue(r.outboxIds);
    return c.json({ reminded: r.reminded, skippedRecent: r.skippedRecent });
  });

  // "Kirim ke OPD yang belum": a sent letter to OPDs it has not reached yet.
  app.post("/:id/send-remaining", requireRole("sekretariat", "admin"), async (c) => {
    const body = await jsonBody(c, sendRemainingBodySchema);
    return c.json(await sendToRemaining(c.var.services, currentUser(c), c.req.param("id"), body.opdIds));
  });

  return app;
}

export const signBodySchema = z
  .object({
    action: z.literal("sign"),
    /** The signer's signing passphrase (or, with BSrE, his BSrE passphrase): checked, never stored or logged. */
    passphrase: z
      .string({ error: "Frasa sandi tanda tangan wajib diisi" })
      .max(200, "Frasa sandi terlalu panjang")
      .optional(),
    /** With BSrE only, instead of the passphrase: the TOTP code of his BSrE account; never stored or logged. */
    totp: z.string({ error: "Kode TOTP harus teks" }).trim().max(20, "Kode TOTP terlalu panjang").optional(),
  })
  .refine((b) => b.passphrase === undefined || b.totp === undefined, {
    path: ["totp"],
    message: "Isi passphrase atau kode TOTP, bukan keduanya",
  })
  .refine((b) => b.passphrase !== undefined || b.totp !== undefined, {
    path: ["passphrase"],
    message: "Frasa sandi tanda tangan wajib diisi",
  });

/** The sign body's credential, as signLetter takes it. */
export const signCredentialOf = (b: z.infer<typeof signBodySchema>): SigningCredential =>
  b.totp !== undefined ? { kind: "totp", totp: b.totp } : { kind: "passphrase", passphrase: b.passphrase ?? "" };

export const sendRemainingBodySchema = z.object({
  opdIds: z
    .array(z.string({ error: "Kode perangkat daerah harus teks" }).min(1), {
      error: "opdIds wajib berisi daftar kode perangkat daerah",
    })
    .min(1, "Pilih minimal satu perangkat daerah"),
});

export const sendBodySchema = z.object({
  action: z.literal("send"),
  opdIds: z
    .union([z.literal("all"), z.array(z.string().min(1)).min(1, "Pilih minimal satu perangkat daerah")])
    .optional(),
});
