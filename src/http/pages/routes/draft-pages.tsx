/** @jsxImportSource hono/jsx */
// The drafting form: new letter, edit draft, and "Pratinjau" (render the typed input without saving).
// Saving calls createLetter / updateLetter, the same services as the API; a 400 re-renders the form with
// every message beside its field and the typed values kept.
import type { Hono } from "hono";
import { notFound } from "../../../domain/app-error.js";
import type { EdaranInput, EdaranInputJson } from "../../../domain/edaran-input.js";
import type { ValidationIssue } from "../../../domain/validation-issues.js";
import { createLetter } from "../../../drafting/create-letter.js";
import { checkDraftInput } from "../../../drafting/draft-input.js";
import { legalBaseChoices } from "../../../drafting/legal-base-catalogue.js";
import { letterProfileLabel, renderLetterHtml } from "../../../drafting/preview-letter.js";
import { updateLetter } from "../../../drafting/update-letter.js";
import { signerOptions } from "../../../signer/signer-options.js";
import { letterInput } from "../../../store/letter-json.js";
import { getLetter } from "../../../store/letters-repo.js";
import { listOpds } from "../../../store/opd-repo.js";
import { type PageForm, verifiedForm } from "../../csrf.js";
import type { AppEnv, AppServices } from "../../env.js";
import { type FormData, formToInput, inputToForm, issuesToFieldErrors } from "../draft-form-mapping.js";
import { DraftFormPage, type DraftPreview } from "../draft-form-page.js";
import { paths } from "../page-paths.js";
import {
  type PageContext,
  pageApp,
  pageBase,
  pageUser,
  redirectWithFlash,
  render,
  requirePage,
  runFormAction,
} from "./page-kit.js";

const drafters = ["sekretariat", "admin"] as const;

/** What a new form starts with: this year's numbering; the kop comes from the Pemda profile; the rest is typed. */
export function newLetterDefaults(today: Date): FormData {
  const year = String(today.getUTCFullYear());
  return {
    "nomor.year": year,
    place: "Bengkulu",
    "addressees.tempat": "Tempat",
    "recipients.mode": "all",
  };
}

/** The posted form without the CSRF token and files, as the mapping's FormData. */
function draftForm(form: PageForm): FormData {
  const out: FormData = {};
  for (const [k, v] of Object.entries(form)) {
    if (k === "_csrf" || k === "_intent") continue;
    const texts = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
    out[k] = Array.isArray(v) ? texts : texts[0];
  }
  return out;
}

/** The typed input checked as saving would check it (catalogue ids resolved), rendered with the letter's profile. */
async function previewOf(
  svc: AppServices,
  raw: EdaranInputJson | EdaranInput,
  draft?: { input: EdaranInput; nomor: string | null; profileVersion: number | null },
): Promise<{ preview: DraftPreview | null; issues: ValidationIssue[] }> {
  const parsed = await checkDraftInput(svc, raw, draft);
  if (!parsed.ok) return { preview: null, issues: parsed.issues };
  const { html } = await renderLetterHtml(svc.store, parsed.value, draft?.profileVersion ?? null, draft?.nomor);
  return { preview: { html }, issues: [] };
}

async function options(svc: AppServices, draft?: EdaranInput) {
  const opds = await listOpds(svc.store);
  return {
    legalBases: await legalBaseChoices(svc, draft),
    opds: opds.map((o) => ({ id: o.id, label: o.name })),
    signers: (await signerOptions(svc)).map((o) => ({ id: o.id, label: o.label })),
  };
}

/** The stored input of a draft being edited, when there is one. */
async function draftInput(svc: AppServices, id: string): Promise<EdaranInput | undefined> {
  const row = await getLetter(svc.store, id);
  return row ? letterInput(row) : undefined;
}

async function renderForm(
  c: PageContext,
  p: {
    mode: "new" | "edit";
    letterId?: string;
    revision?: number;
    form: FormData;
    issues?: readonly ValidationIssue[];
    preview?: DraftPreview | null;
    status?: 200 | 400;
    /** The stored input of the draft being edited: its citations stay choosable. */
    draft?: EdaranInput;
    /** The letter's profile version; null for a new draft (it gets the current one). */
    profileVersion?: number | null;
  },
): Promise<Response> {
  const base = await pageBase(c);
  const version =
    p.profileVersion !== undefined
      ? p.profileVersion
      : p.letterId
        ? ((await getLetter(c.var.services.store, p.letterId))?.profile_version ?? null)
        : null;
  const profile = await letterProfileLabel(c.var.services.store, version);
  const errors = issuesToFieldErrors(p.issues ?? [], p.form);
  return render(
    c,
    <DraftFormPage
      {...base}
      mode={p.mode}
      {...(p.letterId ? { letterId: p.letterId } : {})}
      {...(p.revision !== undefined ? { revision: p.revision } : {})}
      form={p.form}
      errors={errors}
      preview={p.preview ?? null}
      profile={profile}
      {...(await options(c.var.services, p.draft))}
    />,
    p.status ?? 200,
  );
}

/** Runs a save; a validation error (400 with issues) becomes the form again with its messages. */
async function saveOrShowErrors(
  c: PageContext,
  mode: "new" | "edit",
  letterId: string | undefined,
  revision: number | undefined,
  form: FormData,
  save: () => Promise<{ id: string }>,
): Promise<Response> {
  return runFormAction(
    async () => {
      const saved = await save();
      return redirectWithFlash(
        c,
        paths.editLetter(saved.id),
        "success",
        "Konsep surat tersimpan. Bila sudah lengkap, ajukan untuk paraf.",
      );
    },
    {
      statuses: [400],
      // The draft form maps issue paths to its own fields (draft-form-mapping.ts), so it takes the issues whole.
      refused: async (err) =>
        renderForm(c, {
          mode,
          ...(letterId ? { letterId } : {}),
          ...(revision !== undefined ? { revision } : {}),
          form,
          issues: err.issues ?? [{ path: "", message: err.message }],
          status: 400,
          ...(letterId ? { draft: await draftInput(c.var.services, letterId) } : {}),
        }),
    },
  );
}

export function draftPages(): Hono<AppEnv> {
  const app = pageApp();

  app.get(paths.newLetter, requirePage(...drafters), (c) =>
    renderForm(c, { mode: "new", form: newLetterDefaults(c.var.services.clock.now()) }),
  );

  // POST /surat: save a new draft, or (with _intent=pratinjau) only render the preview.
  app.post(paths.letters, requirePage(...drafters), async (c) => {
    const posted = await verifiedForm(c);
    const form = draftForm(posted);
    const raw = formToInput(form);
    if (posted._intent === "pratinjau") {
      const { preview, issues } = await previewOf(c.var.services, raw);
      return renderForm(c, { mode: "new", form, issues, preview, status: issues.length ? 400 : 200 });
    }
    return saveOrShowErrors(c, "new", undefined, undefined, form, () => createLetter(c.var.services, pageUser(c), raw));
  });

  app.get("/surat/:id/ubah", requirePage(...drafters), async (c) => {
    const id = c.req.param("id");
    const row = await getLetter(c.var.services.store, id);
    if (!row) throw notFound("Surat");
    if (row.status !== "draft")
      return redirectWithFlash(c, paths.letter(id), "warning", "Hanya surat berstatus konsep yang dapat diubah.");
    const input = letterInput(row);
    const { preview } = await previewOf(c.var.services, input, {
      input,
      nomor: row.nomor,
      profileVersion: row.profile_version,
    });
    return renderForm(c, {
      mode: "edit",
      letterId: id,
      revision: row.revision,
      form: inputToForm(input),
      preview,
      draft: input,
      profileVersion: row.profile_version,
    });
  });

  app.post("/surat/:id/ubah", requirePage(...drafters), async (c) => {
    const id = c.req.param("id");
    const posted = await verifiedForm(c);
    const form = draftForm(posted);
    const raw = formToInput(form);
    const parsedRevision = Number(typeof posted._revision === "string" ? posted._revision : NaN);
    const revision = Number.isInteger(parsedRevision) && parsedRevision > 0 ? parsedRevision : undefined;
    if (posted._intent === "pratinjau") {
      const row = await getLetter(c.var.services.store, id);
      const draft = row ? letterInput(row) : undefined;
      const version = row?.profile_version ?? null;
      const { preview, issues } = await previewOf(
        c.var.services,
        raw,
        draft ? { input: draft, nomor: null, profileVersion: version } : undefined,
      );
      return renderForm(c, {
        ...(draft ? { draft } : {}),
        profileVersion: version,
        mode: "edit",
        letterId: id,
        ...(revision !== undefined ? { revision } : {}),
        form,
        issues,
        preview,
        status: issues.length ? 400 : 200,
      });
    }
    return saveOrShowErrors(c, "edit", id, revision, form, () =>
      updateLetter(c.var.services, pageUser(c), id, raw, revision),
    );
  });

  return app;
}
