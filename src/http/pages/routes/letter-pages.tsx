/** @jsxImportSource hono/jsx */
// The letter list (status tabs, paging), one letter's page with its workflow actions, and its DOCX download.
// Every action POST calls the same service as the API (transitionLetter, signLetter, dispatchLetter) and
// redirects back with a flash message; a refused action (AppError) becomes an error flash.
import type { Hono } from "hono";
import { z } from "zod";
import { isRestrictedViewer, listVisibleLetters, visibleLetter, visibleLetterFilter } from "../../../drafting/letter-access.js";
import { renderLetterPreview } from "../../../drafting/preview-letter.js";
import { transitionLetter } from "../../../drafting/transition-letter.js";
import { AppError, notFound } from "../../../domain/app-error.js";
import { letterStatuses, workflowActionSchema, type WorkflowAction } from "../../../domain/workflow.js";
import { dispatchLetter } from "../../../send/dispatch-letter.js";
import { signLetter, verifyUrlFor } from "../../../sign/sign-letter.js";
import { letterStatus } from "../../../track/letter-status.js";
import { listEvents, listRevisions, type Letter } from "../../../store/letters-repo.js";
import { listOpds } from "../../../store/opd-repo.js";
import { formText, formTexts, verifiedForm } from "../../csrf.js";
import { docxFileName, docxResponse } from "../../docx-response.js";
import type { AppEnv } from "../../env.js";
import type { FieldErrors } from "../components/form-field.js";
import type { LetterStatus, RecipientStatus } from "../components/status-badge.js";
import { LetterDetailPage } from "../letter-detail-page.js";
import { LetterListPage, type LetterListItem } from "../letter-list-page.js";
import { LETTER_ACTIONS, paths, type LetterAction } from "../page-paths.js";
import { pageApp, pageBase, pageUser, redirectWithFlash, render, requirePage, type PageContext } from "./page-kit.js";

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

async function userNames(c: PageContext, ids: readonly string[]): Promise<Map<string, { name: string; jabatan: string | null }>> {
  const unique = [...new Set(ids)].filter((id) => !id.startsWith("recipient:") && id !== "system");
  if (!unique.length) return new Map();
  const rows = await c.var.services.store.db.selectFrom("users").select(["id", "display_name", "jabatan"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name, jabatan: r.jabatan }]));
}

/** The letter if the user may see it (a kepala_opd: only its own letters, see letter-access.ts), else 404. */
function letterForUser(c: PageContext, id: string): Promise<Letter> {
  return visibleLetter(c.var.services.store, pageUser(c), id);
}

async function renderList(c: PageContext): Promise<Response> {
  const base = await pageBase(c);
  const user = pageUser(c);
  const q = listQuery.parse(c.req.query());
  const { store } = c.var.services;
  const visible = visibleLetterFilter(user);
  let countsQ = store.db.selectFrom("letters").select(["status", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("status");
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
  const names = await userNames(c, items.map((l) => l.created_by));
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

async function renderDetail(c: PageContext, id: string, opts: { errors?: FieldErrors; status?: 200 | 400 } = {}): Promise<Response> {
  const base = await pageBase(c);
  const user = pageUser(c);
  const row = await letterForUser(c, id);
  const { store, clock, config } = c.var.services;
  const reviewers = JSON.parse(row.reviewers_json) as string[];
  const input = JSON.parse(row.input_json) as { ackDeadline?: string; recipients?: "all" | string[] };
  const [events, revisions, signed] = await Promise.all([
    listEvents(store, id),
    listRevisions(store, id),
    store.db.selectFrom("documents").selectAll().where("letter_id", "=", id).where("kind", "=", "signed").executeTakeFirst(),
  ]);
  const names = await userNames(c, [row.created_by, ...reviewers, ...events.map((e) => e.actor_id), ...revisions.map((r) => r.created_by)]);
  const nameOf = (uid: string) => names.get(uid)?.name ?? uid;
  // The paraf of each reviewer in the current round: the last paraf event by them after the last submit.
  const lastSubmit = events.map((e) => e.action).lastIndexOf("submit");
  const round = lastSubmit >= 0 ? events.slice(lastSubmit) : [];
  const parafAt = (uid: string) => [...round].reverse().find((e) => e.action === "paraf" && e.actor_id === uid)?.created_at ?? null;
  const inReview = row.status === "in_review";
  const isCurrentReviewer = inReview && reviewers[row.review_step] === user.id;
  const reviewComplete = inReview && row.review_step >= reviewers.length;

  const reviewerRows = await store.db
    .selectFrom("users")
    .select(["id", "display_name", "jabatan", "username"])
    .where("disabled_at", "is", null)
    .where("role", "in", ["sekretariat", "penandatangan", "kepala_opd", "admin"])
    .where("id", "!=", user.id)
    .orderBy("username")
    .execute();

  const chosen = input.recipients === "all" || !input.recipients ? null : new Set(input.recipients);
  const sendOpds =
    row.status === "signed"
      ? (await listOpds(store)).map((o) => ({ id: o.id, name: o.name, email: o.email, selected: chosen ? chosen.has(o.id) : true }))
      : [];
  let recipientCounts: Partial<Record<RecipientStatus, number>> | undefined;
  if (row.status === "sent" || row.status === "closed") {
    const view = await letterStatus(store, clock, id);
    if (view) {
      recipientCounts = {};
      for (const [k, n] of Object.entries(view.counts)) if (n > 0) recipientCounts[k as RecipientStatus] = n;
      if (view.totals.overdue) recipientCounts.overdue = view.totals.overdue;
    }
  }
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
      reviewers={reviewers.map((uid) => ({ id: uid, name: nameOf(uid), jabatan: names.get(uid)?.jabatan ?? null, parafAt: parafAt(uid) }))}
      revisions={revisions.map((r) => ({ revision: r.revision, createdAt: r.created_at, createdByName: nameOf(r.created_by) }))}
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
      reviewerOptions={reviewerRows.map((r) => ({ id: r.id, label: r.jabatan ? `${r.display_name} — ${r.jabatan}` : r.display_name }))}
      sendOpds={sendOpds}
      signature={
        signed
          ? { sha256: signed.sha256, keyId: signed.key_id ?? "", signedAt: signed.signed_at ?? signed.created_at, verifyUrl: verifyUrlFor(config.publicUrl, id) }
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
    const field = i.path.startsWith("reviewers") ? "reviewers" : i.path === "reason" ? "reason" : action === "kirim" ? "opds" : "comment";
    errors[field] = errors[field] ? `${errors[field]}; ${i.message}` : i.message;
  }
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
    const signed = await store.db.selectFrom("documents").select("storage_key").where("letter_id", "=", row.id).where("kind", "=", "signed").executeTakeFirst();
    if (signed) {
      const bytes = await blobs.get(signed.storage_key);
      if (!bytes) throw new AppError(500, "document_missing", "Berkas dokumen tidak ditemukan di penyimpanan");
      return docxResponse(bytes, docxFileName(row, "ttd"));
    }
    return docxResponse(await renderLetterPreview(c.var.services, row), docxFileName(row, "konsep"));
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
    try {
      if (action === "tandatangani") {
        await signLetter(svc, user, id);
      } else if (action === "kirim") {
        const chosen = formTexts(form, "opds");
        if (!chosen.length) return renderDetail(c, id, { errors: { opds: "Pilih minimal satu perangkat daerah" }, status: 400 });
        const allIds = (await listOpds(svc.store)).map((o) => o.id);
        const everyOpd = allIds.every((o) => chosen.includes(o));
        const r = await dispatchLetter(svc, user, id, everyOpd ? "all" : chosen);
        return redirectWithFlash(c, back, "success", `Surat masuk antrean pengiriman ke ${r.recipients} perangkat daerah.`);
      } else {
        const name = ACTION_NAMES[action];
        const comment = formText(form, "comment").trim();
        const raw: Record<string, unknown> = { action: name };
        if (name === "submit") raw.reviewers = formTexts(form, "reviewers");
        if (name === "withdraw") raw.reason = formText(form, "reason");
        else if (comment || name === "return") raw.comment = comment;
        const parsed = workflowActionSchema.safeParse(raw);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
          return renderDetail(c, id, { errors: actionErrors(action, issues), status: 400 });
        }
        await transitionLetter(svc, user, id, parsed.data);
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      const detail = err.code === "missing_email" && err.issues?.length ? ` (${err.issues.map((i) => i.message).join("; ")})` : "";
      return redirectWithFlash(c, back, "error", `${err.message}${detail}`);
    }
    return redirectWithFlash(c, back, "success", SUCCESS[action]);
  });

  return app;
}
