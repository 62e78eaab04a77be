/** @jsxImportSource hono/jsx */
// The letter list (status tabs, paging), one letter's page with its workflow actions, and its DOCX download.
// Every action POST calls the same service as the API (transitionLetter, signLetter, dispatchLetter) and
// redirects back with a flash message; a refused action (AppError) becomes an error flash. Approve and sign
// are irreversible, so their forms carry a "I have read this letter" box the route checks too.
import type { Hono } from "hono";
import { z } from "zod";
import { ackTokenFor } from "../../../domain/ack-token.js";
import { AppError, notFound } from "../../../domain/app-error.js";
import { parseEdaranInput } from "../../../domain/edaran-input.js";
import { letterStatuses, type WorkflowAction, workflowActionSchema } from "../../../domain/workflow.js";
import {
  isRestrictedViewer,
  listVisibleLetters,
  visibleLetter,
  visibleLetterFilter,
} from "../../../drafting/letter-access.js";
import { renderLetterPreview } from "../../../drafting/preview-letter.js";
import { reviewerRoles, transitionLetter } from "../../../drafting/transition-letter.js";
import { renderEdaranHtml } from "../../../render/html.js";
import { dispatchLetter } from "../../../send/dispatch-letter.js";
import { resendMessage } from "../../../send/resend-message.js";
import { signLetter, verifyUrlFor } from "../../../sign/sign-letter.js";
import { type Letter, listEvents, listRevisions } from "../../../store/letters-repo.js";
import { listOpds } from "../../../store/opd-repo.js";
import { type LetterStatusView, letterStatus } from "../../../track/letter-status.js";
import { formText, formTexts, verifiedForm } from "../../csrf.js";
import { docxResponse } from "../../docx-response.js";
import type { AppEnv } from "../../env.js";
import type { FieldErrors } from "../components/form-field.js";
import type { RecipientRow } from "../components/recipient-table.js";
import type { LetterStatus, RecipientStatus } from "../components/status-badge.js";
import { LetterDetailPage, type OwnAck, REVIEWER_SLOTS } from "../letter-detail-page.js";
import { type LetterListItem, LetterListPage } from "../letter-list-page.js";
import { LETTER_ACTIONS, type LetterAction, paths } from "../page-paths.js";
import { type PageContext, pageApp, pageBase, pageUser, redirectWithFlash, render, requirePage } from "./page-kit.js";

const PAGE_SIZE = 20;
const listQuery = z.object({
  status: z.enum(letterStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const SUCCESS: Record<LetterAction, string> = {
  ajukan: "Surat diajukan untuk paraf.",
  paraf: "Paraf tercatat.",
  kembalikan: "Surat dikembalikan untuk perbaikan.",
  setujui: "Surat disetujui dan mendapat nomor.",
  tandatangani: "Surat ditandatangani secara elektronik.",
  kirim: "Surat masuk antrean pengiriman.",
  tarik: "Surat ditarik.",
  cabut: "Surat dicabut.",
};

async function userNames(
  c: PageContext,
  ids: readonly string[],
): Promise<Map<string, { name: string; jabatan: string | null }>> {
  const unique = [...new Set(ids)].filter((id) => !id.startsWith("recipient:") && id !== "system");
  if (!unique.length) return new Map();
  const rows = await c.var.services.store.db
    .selectFrom("users")
    .select(["id", "display_name", "jabatan"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name, jabatan: r.jabatan }]));
}

/** The letter if the user may see it (a kepala_opd: only its own letters, see letter-access.ts), else 404. */
function letterForUser(c: PageContext, id: string): Promise<Letter> {
  return visibleLetter(c.var.services.store, pageUser(c), id);
}

/** Roles that follow every OPD's delivery and acknowledgement on the letter page. */
const TRACKERS: readonly string[] = ["sekretariat", "admin", "penandatangan", "inspektorat"];

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

/** Who may be chosen as pemaraf: active users of a reviewing role, never the submitter. */
async function reviewerOptions(c: PageContext): Promise<{ id: string; label: string }[]> {
  const rows = await c.var.services.store.db
    .selectFrom("users")
    .select(["id", "display_name", "jabatan", "username"])
    .where("disabled_at", "is", null)
    .where("role", "in", [...reviewerRoles])
    .where("id", "!=", pageUser(c).id)
    .orderBy("display_name")
    .orderBy("username")
    .execute();
  return rows.map((r) => ({ id: r.id, label: reviewerLabel(r) }));
}

/** The letter as the sandboxed preview shows it, with its nomor once approved; null if the input is unreadable. */
function letterHtml(row: Letter): string | null {
  const parsed = parseEdaranInput(JSON.parse(row.input_json));
  if (!parsed.ok) return null;
  return renderEdaranHtml(parsed.value, row.nomor ? { nomorText: row.nomor } : {});
}

/** The per-OPD rows, with the failed letter message each "Kirim ulang" re-queues. */
async function recipientRows(c: PageContext, view: LetterStatusView): Promise<RecipientRow[]> {
  const ids = view.recipients.map((r) => r.recipientId);
  const outbox = ids.length
    ? await c.var.services.store.db
        .selectFrom("outbox")
        .select(["id", "recipient_id", "status", "last_error"])
        .where("recipient_id", "in", ids)
        .where("kind", "=", "letter")
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    : [];
  const latest = new Map(outbox.map((o) => [o.recipient_id, o]));
  const resendable = view.letter.status === "sent" || view.letter.status === "closed";
  return view.recipients.map((r) => {
    const msg = latest.get(r.recipientId);
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
      // A failed message is re-queued; a bounced one goes again (to the corrected address) from its last row.
      retryOutboxId: resendable && msg && (msg.status === "failed" || r.status === "bounced") ? msg.id : null,
      lastError: msg?.status === "failed" ? msg.last_error : null,
    };
  });
}

/** The signed-in OPD head's own recipient row and personal acknowledgement link, when their OPD received it. */
async function ownAck(c: PageContext, view: LetterStatusView | null): Promise<OwnAck | null> {
  const user = pageUser(c);
  if (user.role !== "kepala_opd" || !user.opdId || !view) return null;
  const mine = view.recipients.find((r) => r.opdId === user.opdId);
  if (!mine) return null;
  return {
    opdName: mine.opdName,
    status: mine.status,
    acknowledgedAt: mine.acknowledgedAt,
    ackName: mine.acknowledgedBy?.name ?? null,
    ackPosition: mine.acknowledgedBy?.position ?? null,
    reportedAt: mine.reportedAt,
    ackUrl: paths.ack(await ackTokenFor(c.var.services.config.ackSecret, mine.recipientId)),
    withdrawn: view.letter.status === "withdrawn",
  };
}

async function renderList(c: PageContext): Promise<Response> {
  const base = await pageBase(c);
  const user = pageUser(c);
  const q = listQuery.parse(c.req.query());
  const { store } = c.var.services;
  const visible = visibleLetterFilter(user);
  let countsQ = store.db
    .selectFrom("letters")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status");
  if (visible) countsQ = countsQ.where(visible);
  const countRows = await countsQ.execute();
  const counts: Partial<Record<LetterStatus | "all", number>> = { all: 0 };
  for (const r of countRows) {
    counts[r.status as LetterStatus] = Number(r.n);
    counts.all = (counts.all ?? 0) + Number(r.n);
  }
  const { items, total } = await listVisibleLetters(store, user, {
    ...(q.status ? { status: q.status } : {}),
    limit: PAGE_SIZE,
    offset: (q.page - 1) * PAGE_SIZE,
  });
  const names = await userNames(
    c,
    items.map((l) => l.created_by),
  );
  const letters: LetterListItem[] = items.map((l) => ({
    id: l.id,
    tentang: l.tentang,
    nomor: l.nomor,
    status: l.status as LetterStatus,
    updatedAt: l.updated_at,
    createdByName: names.get(l.created_by)?.name ?? "",
  }));
  return render(
    c,
    <LetterListPage
      {...base}
      letters={letters}
      status={q.status ?? "all"}
      counts={counts}
      page={q.page}
      pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))}
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
  const row = await letterForUser(c, id);
  const { store, clock, config } = c.var.services;
  const reviewers = JSON.parse(row.reviewers_json) as string[];
  const input = JSON.parse(row.input_json) as { ackDeadline?: string; recipients?: "all" | string[] };
  const [events, revisions, signed] = await Promise.all([
    listEvents(store, id),
    listRevisions(store, id),
    store.db
      .selectFrom("documents")
      .selectAll()
      .where("letter_id", "=", id)
      .where("kind", "=", "signed")
      .executeTakeFirst(),
  ]);
  const names = await userNames(c, [
    row.created_by,
    ...reviewers,
    ...events.map((e) => e.actor_id),
    ...revisions.map((r) => r.created_by),
  ]);
  const nameOf = (uid: string) => names.get(uid)?.name ?? uid;
  // The paraf of each reviewer in the current round: the last paraf event by them after the last submit.
  const lastSubmit = events.map((e) => e.action).lastIndexOf("submit");
  const round = lastSubmit >= 0 ? events.slice(lastSubmit) : [];
  const parafAt = (uid: string) =>
    [...round].reverse().find((e) => e.action === "paraf" && e.actor_id === uid)?.created_at ?? null;
  const inReview = row.status === "in_review";
  const isCurrentReviewer = inReview && reviewers[row.review_step] === user.id;
  const reviewComplete = inReview && row.review_step >= reviewers.length;

  const reviewerChoices = row.status === "draft" ? await reviewerOptions(c) : [];

  const chosen = input.recipients === "all" || !input.recipients ? null : new Set(input.recipients);
  const sendOpds =
    row.status === "signed"
      ? (await listOpds(store)).map((o) => ({
          id: o.id,
          name: o.name,
          email: o.email,
          selected: Boolean(o.email) && (chosen ? chosen.has(o.id) : true),
        }))
      : [];
  let recipientCounts: Partial<Record<RecipientStatus, number>> | undefined;
  const view =
    row.status === "sent" || row.status === "closed" || row.status === "withdrawn"
      ? await letterStatus(store, clock, id)
      : null;
  // The city-wide counts belong with the per-OPD table; an OPD head sees their own row instead.
  if (view && row.status !== "withdrawn" && TRACKERS.includes(user.role)) {
    recipientCounts = {};
    for (const [k, n] of Object.entries(view.counts)) if (n > 0) recipientCounts[k as RecipientStatus] = n;
    if (view.totals.overdue) recipientCounts.overdue = view.totals.overdue;
  }
  const recipients = view?.recipients.length && TRACKERS.includes(user.role) ? await recipientRows(c, view) : null;
  const own = await ownAck(c, view);
  return render(
    c,
    <LetterDetailPage
      {...base}
      letter={{
        id: row.id,
        status: row.status as LetterStatus,
        tentang: row.tentang,
        nomor: row.nomor,
        revision: row.revision,
        createdByName: nameOf(row.created_by),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        approvedAt: row.approved_at,
        signedAt: row.signed_at,
        sentAt: row.sent_at,
        withdrawnAt: row.withdrawn_at,
        withdrawnReason: row.withdrawn_reason,
        ackDeadline: row.ack_deadline ?? input.ackDeadline ?? null,
      }}
      reviewers={reviewers.map((uid) => ({
        id: uid,
        name: nameOf(uid),
        jabatan: distinctJabatan(nameOf(uid), names.get(uid)?.jabatan),
        parafAt: parafAt(uid),
      }))}
      revisions={revisions.map((r) => ({
        revision: r.revision,
        createdAt: r.created_at,
        createdByName: nameOf(r.created_by),
      }))}
      events={events.map((e) => ({
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        actorName: nameOf(e.actor_id),
        comment: e.comment,
        createdAt: e.created_at,
      }))}
      isCurrentReviewer={isCurrentReviewer}
      reviewComplete={reviewComplete}
      reviewerOptions={reviewerChoices}
      {...(opts.reviewerChoice ? { reviewerChoice: opts.reviewerChoice } : {})}
      letterHtml={letterHtml(row)}
      recipients={recipients}
      canManageRecipients={user.role === "sekretariat" || user.role === "admin"}
      ownAck={own}
      sendOpds={sendOpds}
      signature={
        signed
          ? {
              sha256: signed.sha256,
              keyId: signed.key_id ?? "",
              signedAt: signed.signed_at ?? signed.created_at,
              verifyUrl: verifyUrlFor(config.publicUrl, id),
            }
          : null
      }
      {...(recipientCounts ? { recipientCounts } : {})}
      {...(opts.errors ? { errors: opts.errors } : {})}
    />,
    opts.status ?? 200,
  );
}

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
          : action === "paraf"
            ? "parafComment"
            : "comment";
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

const ACTION_NAMES: Record<Exclude<LetterAction, "tandatangani" | "kirim">, WorkflowAction["action"]> = {
  ajukan: "submit",
  paraf: "paraf",
  kembalikan: "return",
  setujui: "approve",
  tarik: "withdraw",
  cabut: "withdraw",
};

export function letterPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get(paths.letters, requirePage(), (c) => renderList(c));

  app.get("/surat/:id", requirePage(), (c) => renderDetail(c, c.req.param("id")));

  app.get("/surat/:id/docx", requirePage(), async (c) => {
    const row = await letterForUser(c, c.req.param("id"));
    const { store, blobs } = c.var.services;
    const signed = await store.db
      .selectFrom("documents")
      .select("storage_key")
      .where("letter_id", "=", row.id)
      .where("kind", "=", "signed")
      .executeTakeFirst();
    if (signed) {
      const bytes = await blobs.get(signed.storage_key);
      if (!bytes) throw new AppError("document_missing", "Berkas dokumen tidak ditemukan di penyimpanan");
      return docxResponse(bytes, row, "ttd");
    }
    return docxResponse(await renderLetterPreview(c.var.services, row), row, "konsep");
  });

  // "Kirim ulang" of one OPD's failed email: the same service as POST /api/outbox/:id/retry.
  app.post("/surat/:id/kirim-ulang/:outboxId", requirePage("sekretariat", "admin"), async (c) => {
    const id = c.req.param("id");
    const outboxId = c.req.param("outboxId");
    await verifiedForm(c);
    await letterForUser(c, id);
    const msg = await c.var.services.store.db
      .selectFrom("outbox")
      .innerJoin("recipients", "recipients.id", "outbox.recipient_id")
      .innerJoin("opd", "opd.id", "recipients.opd_id")
      .select(["outbox.id", "opd.name as opd_name"])
      .where("outbox.id", "=", outboxId)
      .where("recipients.letter_id", "=", id)
      .executeTakeFirst();
    if (!msg) throw notFound("Pesan");
    const back = `${paths.letter(id)}#penerima`;
    try {
      await resendMessage(c.var.services, pageUser(c).id, outboxId);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return redirectWithFlash(c, back, "error", `${err.message}. Muat ulang halaman untuk melihat status terbaru.`);
    }
    return redirectWithFlash(c, back, "success", `Email untuk ${msg.opd_name} masuk antrean untuk dikirim ulang.`);
  });

  app.post("/surat/:id/:action", requirePage("sekretariat", "penandatangan", "kepala_opd", "admin"), async (c) => {
    const id = c.req.param("id");
    const action = c.req.param("action") as LetterAction;
    if (!(LETTER_ACTIONS as readonly string[]).includes(action)) throw notFound("Tindakan");
    const form = await verifiedForm(c);
    const svc = c.var.services;
    const user = pageUser(c);
    // As in the API: a letter a kepala_opd may not see is not found, rather than refused with a flash.
    if (isRestrictedViewer(user)) await letterForUser(c, id);
    const back = paths.letter(id);
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
      const errors = reviewerErrors(reviewerChoice, new Set((await reviewerOptions(c)).map((o) => o.id)));
      if (Object.keys(errors).length) return renderDetail(c, id, { errors, status: 400, reviewerChoice });
    }
    try {
      if (action === "tandatangani") {
        await signLetter(svc, user, id);
      } else if (action === "kirim") {
        const chosen = formTexts(form, "opds");
        if (!chosen.length)
          return renderDetail(c, id, { errors: { opds: "Pilih minimal satu perangkat daerah" }, status: 400 });
        const allIds = (await listOpds(svc.store)).map((o) => o.id);
        const everyOpd = allIds.every((o) => chosen.includes(o));
        const r = await dispatchLetter(svc, user, id, everyOpd ? "all" : chosen);
        return redirectWithFlash(
          c,
          back,
          "success",
          `Surat masuk antrean pengiriman ke ${r.recipients} perangkat daerah.`,
        );
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
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const detail =
        err.code === "missing_email" && err.issues?.length ? ` (${err.issues.map((i) => i.message).join("; ")})` : "";
      return redirectWithFlash(c, back, "error", `${err.message}${detail}`);
    }
    return redirectWithFlash(c, back, "success", SUCCESS[action]);
  });

  return app;
}
