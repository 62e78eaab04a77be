/** @jsxImportSource hono/jsx */
// /opd: the secretariat (and admin) keep each OPD head's name and email address, where letters are sent.
// Saving goes through updateOpdDetails, the same service as PATCH /api/opd/:id (with its audit row).
import type { Hono } from "hono";
import { opdUpdateSchema, updateOpdDetails } from "../../../opd/update-opd.js";
import { listOpds, type Opd } from "../../../store/opd-repo.js";
import { formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { EmptyState } from "../components/empty-state.js";
import { type FieldErrors, TextField } from "../components/form-field.js";
import { CsrfField, type CurrentUser, type FlashMessage, Layout } from "../layout.js";
import { paths } from "../page-paths.js";
import { type PageContext, pageApp, pageBase, pageUser, redirectWithFlash, render, requirePage } from "./page-kit.js";

export interface OpdAdminPageProps {
  user: CurrentUser;
  csrfToken: string;
  flash?: FlashMessage[];
  opds: Opd[];
  /** The row that failed, with what was typed and the message of each refused field (headName, email). */
  failed?: { id: string; headName: string; email: string; errors: FieldErrors } | null;
}

export function OpdAdminPage(props: OpdAdminPageProps) {
  const missing = props.opds.filter((o) => !o.email).length;
  return (
    <Layout
      title="Perangkat daerah"
      user={props.user}
      csrfToken={props.csrfToken}
      flash={props.flash}
      active="opdAdmin"
    >
      <h1>Perangkat daerah dan alamat email</h1>
      {missing ? (
        <div class="flash flash-warning" role="status">
          {missing} perangkat daerah belum memiliki alamat email. Surat tidak dapat dikirim ke sana sampai alamatnya
          diisi.
        </div>
      ) : null}
      {props.opds.length === 0 ? <EmptyState title="Belum ada perangkat daerah." /> : null}
      {props.opds.map((o) => {
        const failed = props.failed?.id === o.id ? props.failed : null;
        return (
          <form class="card" method="post" action={paths.opdAdminItem(o.id)} id={`opd-${o.id}`} data-opd={o.id}>
            <CsrfField token={props.csrfToken} />
            <h2 style="margin:0 0 .5rem" class="break">
              {o.name} <span class="muted">({o.id})</span>
            </h2>
            {!o.email ? <span class="badge tone-warning">tanpa email</span> : null}
            <div class="filters">
              <TextField
                id={`head-${o.id}`}
                name="headName"
                label={`Nama ${o.head_title}`}
                value={failed ? failed.headName : (o.head_name ?? "")}
                errors={failed?.errors}
              />
              <TextField
                id={`email-${o.id}`}
                name="email"
                type="email"
                label="Email"
                value={failed ? failed.email : (o.email ?? "")}
                errors={failed?.errors}
              />
              <button class="btn" type="submit">
                Simpan
              </button>
            </div>
          </form>
        );
      })}
    </Layout>
  );
}

async function renderAdmin(c: PageContext, failed: OpdAdminPageProps["failed"] = null, status: 200 | 400 = 200) {
  const base = await pageBase(c);
  return render(c, <OpdAdminPage {...base} opds={await listOpds(c.var.services.store)} failed={failed} />, status);
}

export function opdAdminPages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage("sekretariat", "admin");

  app.get(paths.opdAdmin, guard, (c) => renderAdmin(c));

  app.post("/opd/:id", guard, async (c) => {
    const id = c.req.param("id");
    const form = await verifiedForm(c);
    const headName = formText(form, "headName").trim();
    const email = formText(form, "email").trim();
    const parsed = opdUpdateSchema.safeParse({ head_name: headName || null, email: email || null });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const i of parsed.error.issues) {
        const field = i.path[0] === "head_name" ? "headName" : "email";
        errors[field] = errors[field] ? `${errors[field]}; ${i.message}` : i.message;
      }
      return renderAdmin(c, { id, headName, email, errors }, 400);
    }
    const opd = await updateOpdDetails(c.var.services, pageUser(c).id, id, parsed.data);
    return redirectWithFlash(
      c,
      `${paths.opdAdmin}#opd-${encodeURIComponent(id)}`,
      "success",
      `Data ${opd.name} tersimpan.`,
    );
  });

  return app;
}
