/** @jsxImportSource hono/jsx */
// /admin/dasar-hukum (secretariat and admin): list the legal-basis catalogue, add an entry, deactivate or
// reactivate one, through the same services as /api/legal-bases (with their audit rows).
import type { Hono } from "hono";
import type { AppError } from "../../../domain/app-error.js";
import { CATALOGUE_KEEPER_ROLES } from "../../../domain/roles.js";
import { addLegalBase, listLegalBaseCatalogue, setLegalBaseActive } from "../../../drafting/legal-base-catalogue.js";
import { formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { emptyLegalBaseValues, LegalBaseAdminPage, type LegalBaseFormValues } from "../legal-base-admin-page.js";
import { paths } from "../page-paths.js";
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

async function renderCatalogue(
  c: PageContext,
  values: LegalBaseFormValues = emptyLegalBaseValues,
  refused?: AppError,
): Promise<Response> {
  const base = await pageBase(c);
  const entries = await listLegalBaseCatalogue(c.var.services, { includeInactive: true });
  const errors = refused ? fieldErrorsOf(refused, "id") : {};
  const status = refused ? (refused.status === 409 ? 409 : 400) : 200;
  return render(c, <LegalBaseAdminPage {...base} entries={entries} values={values} errors={errors} />, status);
}

export function legalBasePages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage(...CATALOGUE_KEEPER_ROLES);

  app.get(paths.legalBases, guard, (c) => renderCatalogue(c));

  app.post(paths.legalBases, guard, async (c) => {
    const form = await verifiedForm(c);
    const values: LegalBaseFormValues = {
      id: formText(form, "id").trim(),
      jenis: formText(form, "jenis").trim(),
      nomor: formText(form, "nomor").trim(),
      tahun: formText(form, "tahun").trim(),
      singkat: formText(form, "singkat").trim(),
      judul: formText(form, "judul").trim(),
    };
    // An empty year stays missing (the schema says "wajib diisi"), not 0.
    const { tahun, ...rest } = values;
    const body = tahun === "" ? rest : { ...rest, tahun };
    return runFormAction(
      async () => {
        const added = await addLegalBase(c.var.services, pageUser(c), body);
        return redirectWithFlash(
          c,
          `${paths.legalBases}#dasar-${encodeURIComponent(added.id)}`,
          "success",
          `${added.singkat} ditambahkan ke katalog.`,
        );
      },
      { statuses: [400, 409], refused: (err) => renderCatalogue(c, values, err) },
    );
  });

  const setActive = (active: boolean) => async (c: PageContext) => {
    await verifiedForm(c);
    const entry = await setLegalBaseActive(c.var.services, pageUser(c), c.req.param("id") ?? "", { active });
    return redirectWithFlash(
      c,
      `${paths.legalBases}#dasar-${encodeURIComponent(entry.id)}`,
      "success",
      active
        ? `${entry.singkat} aktif kembali.`
        : `${entry.singkat} dinonaktifkan; surat yang sudah ada tidak berubah.`,
    );
  };
  app.post("/admin/dasar-hukum/:id/nonaktifkan", guard, setActive(false));
  app.post("/admin/dasar-hukum/:id/aktifkan", guard, setActive(true));

  return app;
}
