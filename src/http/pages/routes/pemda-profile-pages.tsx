/** @jsxImportSource hono/jsx */
// /admin/profil-pemda (admin only): the profile form, the image uploads (multipart) and the version history,
// through the same services as /api/pemda-profile (each save a new version with its audit row). A refused save
// shows the form again with what was typed and every message; a refused upload says why beside its form.
import type { Hono } from "hono";
import { PROFILE_IMAGE_SLOTS, type ProfileImageSlot } from "../../../domain/pemda-profile.js";
import { getPemdaProfile, pemdaProfileHistory } from "../../../pemda/get-pemda-profile.js";
import { updatePemdaProfile } from "../../../pemda/update-pemda-profile.js";
import { SVG_RENDITION_HEIGHT_PX, uploadProfileImage } from "../../../pemda/upload-profile-image.js";
import { formFile, formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import {
  PROFILE_CHECKBOXES,
  PROFILE_NUMBER_FIELDS,
  PROFILE_TEXT_FIELDS,
  type ProfileForm,
  profileFormToInput,
  profileToForm,
} from "../pemda-profile-form.js";
import { PemdaProfilePage } from "../pemda-profile-page.js";
import { svgToPngScript } from "../svg-to-png-script.js";
import {
  fieldErrorsOf,
  type PageContext,
  pageApp,
  pageBase,
  pageUser,
  redirectWithFlash,
  render,
  requirePage,
  runFormAction,
} from "./page-kit.js";

async function renderProfile(
  c: PageContext,
  opts: {
    form?: ProfileForm;
    errors?: FieldErrors;
    imageErrors?: Partial<Record<ProfileImageSlot, string>>;
    status?: 200 | 409 | 422;
  } = {},
): Promise<Response> {
  const { store } = c.var.services;
  const current = await getPemdaProfile(store);
  const image = (slot: ProfileImageSlot) => {
    const i = current.profile.images[slot];
    return i ? { sha256: i.sha256, widthPx: i.widthPx, heightPx: i.heightPx, svg: Boolean(i.svgKey) } : null;
  };
  const base = await pageBase(c);
  const page = (
    <PemdaProfilePage
      {...base}
      version={current.version}
      form={opts.form ?? profileToForm(current.profile)}
      errors={opts.errors}
      images={{ lambang: image("lambang"), emblem: image("emblem") }}
      imageErrors={opts.imageErrors}
      history={await pemdaProfileHistory(store)}
      svgInBrowserHeightPx={c.var.services.rasteriseSvg ? undefined : SVG_RENDITION_HEIGHT_PX}
    />
  );
  return render(c, page, opts.status ?? 200);
}

export function pemdaProfilePages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage("admin");

  app.get(paths.pemdaProfile, guard, (c) => renderProfile(c));
  app.get(paths.pemdaProfileSvgScript, guard, (c) =>
    c.body(svgToPngScript(SVG_RENDITION_HEIGHT_PX), 200, { "content-type": "text/javascript; charset=utf-8" }),
  );

  app.post(paths.pemdaProfile, guard, async (c) => {
    const posted = await verifiedForm(c);
    const form: ProfileForm = {};
    for (const f of [...PROFILE_TEXT_FIELDS, ...PROFILE_NUMBER_FIELDS]) form[f] = formText(posted, f);
    for (const f of PROFILE_CHECKBOXES) if (formText(posted, f)) form[f] = "on";
    return runFormAction(
      async () => {
        const saved = await updatePemdaProfile(c.var.services, pageUser(c).id, profileFormToInput(form));
        return redirectWithFlash(
          c,
          paths.pemdaProfile,
          "success",
          `Profil Pemda tersimpan sebagai versi ${saved.version}.`,
        );
      },
      {
        statuses: [409, 422],
        refused: (e) =>
          renderProfile(c, { form, errors: fieldErrorsOf(e, "(root)"), status: e.status === 409 ? 409 : 422 }),
      },
    );
  });

  app.post("/admin/profil-pemda/gambar/:slot", guard, async (c) => {
    const slot = PROFILE_IMAGE_SLOTS.find((s) => s === c.req.param("slot"));
    if (!slot) return renderProfile(c, { status: 422 });
    const posted = await verifiedForm(c);
    const file = formFile(posted, "file");
    if (!file)
      return renderProfile(c, { imageErrors: { [slot]: "Pilih berkas PNG atau SVG yang akan diunggah" }, status: 422 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    return runFormAction(
      async () => {
        const saved = await uploadProfileImage(c.var.services, pageUser(c).id, slot, bytes);
        return redirectWithFlash(
          c,
          paths.pemdaProfile,
          "success",
          `Gambar tersimpan; Profil Pemda kini versi ${saved.version}.`,
        );
      },
      {
        statuses: [409, 413, 422],
        refused: (e) => renderProfile(c, { imageErrors: { [slot]: e.message }, status: e.status === 409 ? 409 : 422 }),
      },
    );
  });

  return app;
}
