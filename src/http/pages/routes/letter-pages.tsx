/** @jsxImportSource hono/jsx */
// The letter list (status tabs, paging), one letter's page with its workflow actions, and its DOCX download.
// The pages read through letterDetail and letterList (src/drafting/). Every action POST calls the same service
// as the API (transitionLetter, signLetter, dispatchLetter) and redirects back with a flash message; a refused
// action (AppError) becomes an error flash through runFormAction. Approve and sign are irreversible, so their
// forms carry a "I have read this letter" box the route checks too.

import type { Hono } from "hono";
import { z } from "zod";
import { AppError, notFound } from "../../../domain/app-error.js";
import { notSentText } from "../../../domain/not-sent.js";
import { isOneOf } from "../../../domain/one-of.js";
import { decodeCursor } from "../../../domain/page-cursor.js";
import { deadlineTooSoon, recipientStatuses } from "../../../domain/recipient-status.js";
import { letterStatuses, type WorkflowAction, workflowActionSchema } from "../../../domain/workflow.js";
import { isRestrictedViewer, userLetterFile, visibleLetter } from "../../../drafting/letter-access.js";
import { type DeliveryRow, type LetterDetail, letterDetail } from "../../../drafting/letter-detail.js";
import { letterList } from "../../../drafting/letter-list.js";
import { renderLetterHtml } from "../../../drafting/preview-letter.js";
import { reviewerOptions } from "../../../drafting/reviewer-options.js";
import { transitionLetter } from "../../../drafting/transition-letter.js";
import { dispatchLetter } from "../../../send/dispatch-letter.js";
import { resendFailed } from "../../../send/resend-failed.js";
import { resendMessage } from "../../../send/resend-message.js";
import { sendToRemaining } from "../../../send/send-to-remaining.js";
import type { SigningCredential } from "../../../sign/pades/pdf-signer-port.js";
import { signLetter, verifyUrlFor } from "../../../sign/sign-letter.js";
import { letterInput } from "../../../store/letter-json.js";
import type { Letter } from "../../../store/letters-repo.js";
import { listOpds } from "../../../store/opd-repo.js";
import { findLetterMessage } from "../../../track/letter-messages.js";
import { remindNow } from "../../../track/remind-now.js";
import { waitingForMe } from "../../../work/waiting-for-me.js";
import { formText, formTexts, type PageForm, verifiedForm } from "../../csrf.js";
import { docxResponse, pdfResponse } from "../../docx-response.js";
import type { AppEnv } from "../../env.js";
import { limitedStep, SIGNING_PASSPHRASE_LIMIT, signerRateKey } from "../../rate-limit.js";
import type { FieldErrors } from "../components/form-field.js";
import type { RecipientRow } from "../components/recipient-table.js";
import type { RecipientStatus } from "../components/status-badge.js";
import { LetterDetailPage, type OwnAck, REVIEWER_SLOTS } from "../letter-detail-page.js";
import { type LetterListItem, LetterListPage } from "../letter-list-page.js";
import { LETTER_ACTIONS, type LetterAction, paths } from "../page-paths.js";
import { WaitingPage } from "../waiting-page.js";
import {
  errorPage,
  type PageContext,
  pageApp,
  pageBase,
  pageUser,
  redirectWithFlash,
  render,
  requirePage,
  runFormAction,
} from "./page-kit.js";

const PAGE_SIZE = 20;
const listQuery = z.object({
  status: z.enum(letterStatuses).optional().catch(undefined),
  after: z.string().max(500).optional(),
});

const SUCCESS: Record<LetterAction, string> = {
  ajukan: "Surat diajukan untuk paraf.",
  paraf: "Paraf tercatat.",
  kembalikan: "Surat dikembalikan untuk perbaikan.",
  setujui: "Surat disetujui dan mendapat nomor.",
  tandatangani: "Surat ditandatangani secara elektronik.",
  kirim: "Surat masuk antrean pengiriman.",
  "kirim-sisa": "Surat masuk antrean pengiriman.",
  ingatkan: "Pengingat masuk antrean.",
  "kirim-ulang-semua": "Email yang gagal masuk antrean untuk dikirim ulang.",
  tarik: "Surat dicabut.",
  cabut: "Surat dicabut.",
  selesai: "Surat ditandai selesai. Riwayat tanda terima dan laporan tetap tersimpan.",
};

/** The letter if the user may see it (a kepala_opd: only its own letters, see letter-access.ts), else 404. */
function letterForUser(c: PageContext, id: string): Promise<Letter> {
  return visibleLetter(c.var.services.store, pageUser(c), id);
}

/** "Nama — jabatan (username)", leaving out the jabatan when the name already says it (seeded OPD heads). */
export function reviewerLabel(u: { display_name: string; jabatan: string | null; username: string }): string {
  const name = u.display_name.trim();
  const jabatan = distinctJabatan(name, u.jabatan);
  return `${name}${jabatan ? ` — ${jabatan}` : ""} (${u.username})`;
}

/** The jabatan unless the name already says it (a seeded OPD head's name is their jabatan). */
function distinctJabatan(name: string, jabatan: string | null | undefined): string | null {
  const j = jabatan?.trim() ?? "";
  return j !== "" && !name.toLowerCase().includes(j.toLowerCase()) ? j : null;
}

/**
 * The letter as the sandboxed preview shows it (its own profile version's kop), with its nomor once approved;
 * null if the stored input is unreadable (the page still shows the letter's facts).
 */
async function letterHtml(c: PageContext, row: Letter): Promise<string | null> {
  try {
    return (await renderLetterHtml(c.var.services.store, letterInput(row), row.profile_version, row.nomor)).html;
  } catch (err) {
    if (err instanceof AppError && err.code === "stored_input_invalid") return null;
    throw err;
  }
}

/** One OPD's row of the per-OPD table, with the message its "Kirim ulang" re-queues. */
function recipientRow({ recipient: r, retryMessageId, lastError }: DeliveryRow): RecipientRow {
  return {
    recipientId: r.recipientId,
    opdId: r.opdId,
    opdName: r.opdName,
    email: r.email,
    status: r.status,
    acknowledgedAt: r.acknowledgedAt,
    ackName: r.acknowledgedBy?.name ?? null,
    ackPosition: r.acknowledgedBy?.position ?? null,
    reportedAt: r.reportedAt,
    bounced: r.bounced,
    retryOutboxId: retryMessageId,
    lastError,
    remindersSent: r.remindersSent,
    lastRemindedAt: r.lastRemindedAt,
    escalation: r.escalation,
  };
}

/** The signed-in OPD head's own recipient row and personal acknowledgement link, when their OPD received it. */
function ownAck(d: LetterDetail): OwnAck | null {
  if (!d.ownReceipt) return null;
  const mine = d.ownReceipt.recipient;
  return {
    opdName: mine.opdName,
    status: mine.status,
    acknowledgedAt: mine.acknowledgedAt,
    ackName: mine.acknowledgedBy?.name ?? null,
    ackPosition: mine.acknowledgedBy?.position ?? null,
    reportedAt: mine.reportedAt,
    ackUrl: paths.ack(d.ownReceipt.ackToken),
    withdrawn: d.letter.status === "withdrawn",
  };
}

/** The city-wide counts beside the per-OPD table (not once withdrawn): the statuses that occur, and overdue. */
function recipientCountsOf(d: LetterDetail): Partial<Record<RecipientStatus, number>> | undefined {
  if (!d.delivery || d.letter.status === "withdrawn") return undefined;
  const counts: Partial<Record<RecipientStatus, number>> = {};
  for (const s of recipientStatuses) {
    const n = d.delivery.status.counts[s] ?? 0;
    if (n > 0) counts[s] = n;
  }
  if (d.delivery.status.totals.overdue) counts.overdue = d.delivery.status.totals.overdue;
  return counts;
}

async function renderList(c: PageContext): Promise<Response> {
  const base = await pageBase(c);
  const user = pageUser(c);
  const q = listQuery.parse(c.req.query());
  const list = await letterList(c.var.services.store, user, {
    ...(q.status ? { status: q.status } : {}),
    ...(q.after ? { after: decodeCursor(q.after, "text") } : {}),
    limit: PAGE_SIZE,
  });
  const letters: LetterListItem[] = list.items.map((l) => ({
    id: l.id,
    tentang: l.tentang,
    nomor: l.nomor,
    status: l.status,
    updatedAt: l.updatedAt,
    createdByName: l.createdByName,
  }));
  return render(
    c,
    <LetterListPage
      {...base}
      letters={letters}
      status={q.status ?? "all"}
      counts={list.counts}
      nextCursor={list.nextCursor}
      paged={q.after !== undefined}
      canCreate={user.role === "sekretariat" || user.role === "admin"}
      linkTo={user.role === "inspektorat" ? "compliance" : "detail"}
    />,
  );
}

async function renderDetail(
  c: PageContext,
  id: string,
  opts: { errors?: FieldErrors; status?: 200 | 400; reviewerChoice?: string[] } = {},
): Promise<Response> {
  const base = await pageBase(c);
  const user = pageUser(c);
  const d = await letterDetail(c.var.services, user, id);
  const row = d.letter;
  const recipientCounts = recipientCountsOf(d);
  const signed = d.signedDocument;
  return render(
    c,
    <LetterDetailPage
      {...base}
      letter={{
        id: row.id,
        status: row.status,
        tentang: row.tentang,
        nomor: row.nomor,
        revision: row.revision,
        createdByName: d.createdByName,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        approvedAt: row.approved_at,
        signedAt: row.signed_at,
        sentAt: row.sent_at,
        withdrawnAt: row.withdrawn_at,
        withdrawnReason: row.withdrawn_reason,
        ackDeadline: d.ackDeadline,
      }}
      reviewers={d.reviewers.map((r) => ({
        id: r.id,
        name: r.name,
        jabatan: distinctJabatan(r.name, r.jabatan),
        parafAt: r.parafAt,
      }))}
      revisions={d.revisions}
      events={d.events}
      isCurrentReviewer={d.isCurrentReviewer}
      reviewComplete={d.reviewComplete}
      reviewerOptions={d.reviewerOptions.map((u) => ({ id: u.id, label: reviewerLabel(u) }))}
      {...(opts.reviewerChoice ? { reviewerChoice: opts.reviewerChoice } : {})}
      letterHtml={await letterHtml(c, row)}
      recipients={d.delivery?.rows.length ? d.delivery.rows.map(recipientRow) : null}
      canManageRecipients={user.role === "sekretariat" || user.role === "admin"}
      ownAck={ownAck(d)}
      sendOpds={d.sendOpds}
      remainingOpds={d.remainingOpds}
      deadlineTooSoon={row.status === "in_review" && deadlineTooSoon(d.ackDeadline, c.var.services.clock.now())}
      signature={
        signed
          ? {
              sha256: signed.sha256,
              keyId: signed.key_id ?? "",
              signedAt: signed.signed_at ?? signed.created_at,
              verifyUrl: verifyUrlFor(c.var.services.config.publicUrl, id),
              hasPdf: d.signedPdf !== null,
            }
          : null
      }
      {...(recipientCounts ? { recipientCounts } : {})}
      {...(opts.errors ? { errors: opts.errors } : {})}
      signConfirmedBy={c.var.services.pdfSigner?.confirmedBy ?? "edaran"}
      signMakesPdf={c.var.services.pdfSigner !== undefined}
    />,
    opts.status ?? 200,
  );
}

// Where each form's comment message shows: every action form has its own comment box (submit has none; its
// message goes beside the reviewers), so a refusal never lands beside another form's field.
const COMMENT_FIELD: Partial<Record<LetterAction, string>> = {
  ajukan: "reviewers",
  paraf: "parafComment",
  kembalikan: "comment",
  setujui: "approveComment",
  selesai: "closeComment",
};

/** The form field a workflow validation issue belongs to on the detail page. */
function actionErrors(action: LetterAction, issues: readonly { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const i of issues) {
    const field = i.path.startsWith("reviewers")
      ? "reviewers"
      : i.path === "reason"
        ? "reason"
        : action === "kirim"
          ? "opds"
          : (COMMENT_FIELD[action] ?? "comment");
    errors[field] = errors[field] ? `${errors[field]}; ${i.message}` : i.message;
  }
  return errors;
}

/**
 * The submit form's Pemaraf 1..n, checked before the workflow so each message sits beside its select and
 * speaks of "pemaraf": the first is required, nobody twice, only users the form offered.
 */
export function reviewerErrors(chosen: readonly string[], allowed: ReadonlySet<string>): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  chosen.forEach((raw, i) => {
    const v = raw.trim();
    if (v === "") return;
    if (!allowed.has(v))
      errors[`reviewers.${i}`] =
        "Pemaraf ini tidak dapat dipilih (akun nonaktif, bukan peran pemaraf, atau Anda sendiri)";
    else if (seen.has(v)) errors[`reviewers.${i}`] = "Pemaraf ini sudah dipilih pada urutan sebelumnya";
    seen.add(v);
  });
  if ((chosen[0] ?? "").trim() === "") errors["reviewers.0"] = "Pilih Pemaraf 1 (paling sedikit satu pemaraf)";
  return errors;
}

const ACTION_NAMES: Record<
  Exclude<LetterAction, "tandatangani" | "kirim" | "kirim-sisa" | "ingatkan" | "kirim-ulang-semua">,
  WorkflowAction["action"]
> = {
  ajukan: "submit",
  paraf: "paraf",
  kembalikan: "return",
  setujui: "approve",
  tarik: "withdraw",
  cabut: "withdraw",
  selesai: "close",
};

/** One workflow action from the letter page, through the same service as the API; a refusal throws. */
async function applyAction(
  c: PageContext,
  id: string,
  action: LetterAction,
  form: PageForm,
  reviewerChoice: string[],
): Promise<Response> {
  const svc = c.var.services;
  const user = pageUser(c);
  const back = paths.letter(id);
  if (action === "tandatangani") {
    // The same counters as the API's sign: wrong passphrases per signer; the refusal (thrown) keeps its hit.
    return limitedStep(
      c,
      SIGNING_PASSPHRASE_LIMIT,
      signerRateKey(user.id),
      (ctx, s) => errorPage(ctx, 429, `Terlalu banyak percobaan frasa sandi tanda tangan. Coba lagi dalam ${s} detik.`),
      async () => {
        // The radio is offered only with BSrE; signLetter refuses a TOTP otherwise.
        const credential: SigningCredential =
          formText(form, "credential") === "totp"
            ? { kind: "totp", totp: formText(form, "totp").trim() }
            : { kind: "passphrase", passphrase: formText(form, "passphrase") };
        await signLetter(svc, user, id, credential);
        return redirectWithFlash(c, back, "success", SUCCESS[action]);
      },
    );
  } else if (action === "kirim") {
    const chosen = formTexts(form, "opds");
    if (!chosen.length)
      return renderDetail(c, id, { errors: { opds: "Pilih minimal satu perangkat daerah" }, status: 400 });
    const allIds = (await listOpds(svc.store)).map((o) => o.id);
    const everyOpd = allIds.every((o) => chosen.includes(o));
    const r = await dispatchLetter(svc, user, id, everyOpd ? "all" : chosen);
    const left = r.notSent.length ? ` Tidak dikirim ke ${r.notSent.length}: ${notSentText(r.notSent)}.` : "";
    return redirectWithFlash(
      c,
      back,
      "success",
      `Surat masuk antrean pengiriman ke ${r.recipients} perangkat daerah.${left}`,
    );
  } else if (action === "kirim-ulang-semua") {
    const r = await resendFailed(svc, user, id);
    const sent = r.resent.length
      ? `Email untuk ${r.resent.length} perangkat daerah masuk antrean untuk dikirim ulang: ${r.resent.join(", ")}.`
      : "Tidak ada email yang dikirim ulang.";
    const refused = r.refused.length
      ? ` Belum dapat dikirim ulang: ${r.refused.map((x) => `${x.opdName} (${x.message})`).join("; ")}.`
      : "";
    return redirectWithFlash(c, `${back}#penerima`, r.refused.length ? "error" : "success", `${sent}${refused}`);
  } else if (action === "ingatkan") {
    const r = await remindNow(svc.store, svc.clock, user, id);
    await svc.sendQueue.enqueue(r.outboxIds);
    const skipped = r.skippedRecent
      ? ` ${r.skippedRecent} perangkat daerah sudah diingatkan dalam satu jam terakhir dan tidak diingatkan lagi.`
      : "";
    const msg = r.reminded
      ? `Pengingat masuk antrean untuk ${r.reminded} perangkat daerah yang belum mengonfirmasi.${skipped}`
      : `Tidak ada pengingat yang dikirim.${skipped || " Semua perangkat daerah yang menerima surat sudah mengonfirmasi."}`;
    return redirectWithFlash(c, `${back}#penerima`, "success", msg);
  } else if (action === "kirim-sisa") {
    const chosen = formTexts(form, "opds");
    if (!chosen.length)
      return renderDetail(c, id, { errors: { remainingOpds: "Pilih minimal satu perangkat daerah" }, status: 400 });
    const r = await sendToRemaining(svc, user, id, chosen);
    const sent = r.recipients
      ? `Surat masuk antrean pengiriman ke ${r.recipients} perangkat daerah: ${r.sentTo.join(", ")}.`
      : "Perangkat daerah yang dipilih sudah menerima surat ini; tidak ada yang dikirim lagi.";
    const left = r.notSent.length ? ` Masih belum dikirim ke ${r.notSent.length}: ${notSentText(r.notSent)}.` : "";
    return redirectWithFlash(c, back, "success", `${sent}${left}`);
  } else {
    const name = ACTION_NAMES[action];
    const comment = formText(form, "comment").trim();
    const raw: Record<string, unknown> = { action: name };
    // Empty "Pemaraf 2/3" selects are skipped; the order of the rest is the paraf order.
    if (name === "submit") raw.reviewers = reviewerChoice.map((r) => r.trim()).filter((r) => r !== "");
    if (name === "withdraw") raw.reason = formText(form, "reason");
    else if (comment || name === "return") raw.comment = comment;
    const parsed = workflowActionSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      return renderDetail(c, id, { errors: actionErrors(action, issues), status: 400, reviewerChoice });
    }
    await transitionLetter(svc, user, id, parsed.data);
  }
  return redirectWithFlash(c, back, "success", SUCCESS[action]);
}

export function letterPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get(paths.letters, requirePage(), (c) => renderList(c));

  app.get(paths.waiting, requirePage(), async (c) => {
    const u = pageUser(c);
    const { store, clock } = c.var.services;
    const items = await waitingForMe(store, { id: u.id, role: u.role, opdId: u.opdId ?? null }, clock.now());
    const base = await pageBase(c, { waiting: items.length });
    return render(
      c,
      <WaitingPage {...base} items={items} linkTo={u.role === "inspektorat" ? "compliance" : "detail"} />,
    );
  });

  app.get("/surat/:id", requirePage(), (c) => renderDetail(c, c.req.param("id")));

  app.get("/surat/:id/docx", requirePage(), async (c) => {
    const file = await userLetterFile(c.var.services, pageUser(c), c.req.param("id"), "current");
    return docxResponse(file.bytes, file.letter, file.variant);
  });

  // The PAdES-signed PDF, for who may see the letter (the same rule as GET /api/letters/:id/signed.pdf).
  app.get("/surat/:id/pdf", requirePage(), async (c) => {
    const file = await userLetterFile(c.var.services, pageUser(c), c.req.param("id"), "signed_pdf");
    return pdfResponse(file.bytes, file.letter, file.variant);
  });

  // "Kirim ulang" of one OPD's failed email: the same service as POST /api/outbox/:id/retry.
  app.post("/surat/:id/kirim-ulang/:outboxId", requirePage("sekretariat", "admin"), async (c) => {
    const id = c.req.param("id");
    const outboxId = c.req.param("outboxId");
    await verifiedForm(c);
    await letterForUser(c, id);
    const msg = await findLetterMessage(c.var.services.store, id, outboxId);
    if (!msg) throw notFound("Pesan");
    const back = `${paths.letter(id)}#penerima`;
    return runFormAction(
      async () => {
        await resendMessage(c.var.services, pageUser(c).id, outboxId);
        return redirectWithFlash(c, back, "success", `Email untuk ${msg.opdName} masuk antrean untuk dikirim ulang.`);
      },
      {
        refused: (err) =>
          redirectWithFlash(c, back, "error", `${err.message}. Muat ulang halaman untuk melihat status terbaru.`),
      },
    );
  });

  app.post("/surat/:id/:action", requirePage("sekretariat", "penandatangan", "kepala_opd", "admin"), async (c) => {
    const id = c.req.param("id");
    const action = c.req.param("action");
    if (!isOneOf(LETTER_ACTIONS, action)) throw notFound("Tindakan");
    const form = await verifiedForm(c);
    const user = pageUser(c);
    // As in the API: a letter a kepala_opd may not see is not found, rather than refused with a flash.
    if (isRestrictedViewer(user)) await letterForUser(c, id);
    const back = paths.letter(id);
    if ((action === "tarik" || action === "cabut") && formText(form, "confirm") !== "ya") {
      return redirectWithFlash(
        c,
        back,
        "error",
        "Centang pernyataan bahwa Anda memahami surat yang dicabut tidak dapat diberlakukan kembali. Tidak ada yang diubah.",
      );
    }
    if ((action === "setujui" || action === "tandatangani") && formText(form, "confirm") !== "ya") {
      const what = action === "setujui" ? "menyetujui" : "menandatangani";
      return redirectWithFlash(
        c,
        back,
        "error",
        `Centang pernyataan bahwa Anda telah membaca surat ini sebelum ${what}nya. Tidak ada yang diubah.`,
      );
    }
    let reviewerChoice: string[] = [];
    if (action === "ajukan") {
      reviewerChoice = formTexts(form, "reviewers").slice(0, REVIEWER_SLOTS);
      const options = await reviewerOptions(c.var.services.store, user.id);
      const errors = reviewerErrors(reviewerChoice, new Set(options.map((o) => o.id)));
      if (Object.keys(errors).length) return renderDetail(c, id, { errors, status: 400, reviewerChoice });
    }
    return runFormAction(() => applyAction(c, id, action, form, reviewerChoice), {
      refused: (err) => {
        const detail =
          err.code === "missing_email" && err.issues?.length ? ` (${err.issues.map((i) => i.message).join("; ")})` : "";
        return redirectWithFlash(c, back, "error", `${err.message}${detail}`);
      },
    });
  });

  return app;
}
