/** @jsxImportSource hono/jsx */
// /admin/pengguna (admin only): list, add, edit, disable / enable and reset the password of accounts, through
// the same services as /api/users (with their audit rows and the last-admin guard). A one-time password is
// rendered straight into the answer of the POST (never into a flash cookie or a URL), marked no-store.

import type { Hono } from "hono";
import { issueActivationLink } from "../../../auth/activate-account.js";
import { createUserAccount } from "../../../auth/create-user.js";
import { type ManagedUser, managedUser } from "../../../auth/managed-user.js";
import { resetUserPassword } from "../../../auth/reset-password.js";
import { updateUserAccount } from "../../../auth/update-user.js";
import { type AppError, notFound } from "../../../domain/app-error.js";
import { isOneOf } from "../../../domain/one-of.js";
import { roleSchema } from "../../../domain/roles.js";
import { listOpds } from "../../../store/opd-repo.js";
import { getUserById, listUsers } from "../../../store/users-repo.js";
import { formText, type PageForm, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import {
  ActivationLinkPage,
  TemporaryPasswordPage,
  UserFormPage,
  type UserFormValues,
  UserListPage,
  type UserStatusFilter,
} from "../user-admin-page.js";
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

const STATUSES: readonly UserStatusFilter[] = ["all", "active", "disabled"];

async function opdOptions(c: PageContext) {
  return (await listOpds(c.var.services.store)).map((o) => ({ id: o.id, name: o.name }));
}

const emptyValues: UserFormValues = { username: "", displayName: "", role: "", opdId: "", jabatan: "", nip: "" };

function valuesOf(u: ManagedUser): UserFormValues {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    opdId: u.opdId ?? "",
    jabatan: u.jabatan ?? "",
    nip: u.nip ?? "",
  };
}

function formValues(form: PageForm): UserFormValues {
  const t = (name: string) => formText(form, name).trim();
  return {
    username: t("username"),
    displayName: t("displayName"),
    role: t("role"),
    opdId: t("opdId"),
    jabatan: t("jabatan"),
    nip: t("nip"),
  };
}

/** Validation (400) and conflicts (409) go back to the form; anything else is an error page. */
const FORM_REFUSALS = [400, 409] as const;
/** The status of a refusal runFormAction handed over: one of FORM_REFUSALS. */
const formStatus = (err: AppError): (typeof FORM_REFUSALS)[number] => (err.status === 409 ? 409 : 400);

async function loadUser(c: PageContext): Promise<ManagedUser> {
  const row = await getUserById(c.var.services.store, c.req.param("id") ?? "");
  if (!row) throw notFound("Pengguna");
  return managedUser(row);
}

async function renderForm(
  c: PageContext,
  opts: {
    existing?: ManagedUser;
    values?: UserFormValues;
    errors?: FieldErrors;
    status?: 200 | 400 | 409;
    error?: string;
  },
) {
  const base = await pageBase(c);
  const flash = opts.error ? [...base.flash, { kind: "error" as const, message: opts.error }] : base.flash;
  const values = opts.values ?? (opts.existing ? valuesOf(opts.existing) : emptyValues);
  const page = (
    <UserFormPage
      {...base}
      flash={flash}
      opds={await opdOptions(c)}
      values={values}
      errors={opts.errors}
      existing={opts.existing}
    />
  );
  return render(c, page, opts.status ?? 200);
}

async function renderPassword(
  c: PageContext,
  account: ManagedUser,
  temporaryPassword: string,
  reason: "created" | "reset",
) {
  const base = await pageBase(c);
  c.header("Cache-Control", "no-store");
  return render(
    c,
    <TemporaryPasswordPage {...base} account={account} temporaryPassword={temporaryPassword} reason={reason} />,
  );
}

/** The form's optional fields as the API takes them ("" = none). */
function accountBody(v: UserFormValues) {
  return {
    displayName: v.displayName,
    role: v.role,
    opdId: v.opdId || null,
    jabatan: v.jabatan || null,
    nip: v.nip || null,
  };
}

export function userAdminPages(): Hono<AppEnv> {
  const app = pageApp();
  const guard = requirePage("admin");

  app.get(paths.users, guard, async (c) => {
    const role = roleSchema.safeParse(c.req.query("role"));
    const asked = c.req.query("status");
    const status: UserStatusFilter = isOneOf(STATUSES, asked) ? asked : "all";
    const opd = (c.req.query("opd") ?? "").trim();
    const filter = { role: role.success ? role.data : ("" as const), opd, status };
    const users = await listUsers(c.var.services.store, {
      role: filter.role || undefined,
      opdId: opd || undefined,
      status,
    });
    const base = await pageBase(c);
    return render(
      c,
      <UserListPage {...base} users={users.map(managedUser)} opds={await opdOptions(c)} filter={filter} />,
    );
  });

  app.get(paths.newUser, guard, (c) => renderForm(c, {}));

  app.post(paths.users, guard, async (c) => {
    const form = await verifiedForm(c);
    const values = formValues(form);
    return runFormAction(
      async () => {
        const created = await createUserAccount(c.var.services, pageUser(c).id, {
          username: values.username,
          ...accountBody(values),
        });
        return renderPassword(c, created.user, created.temporaryPassword, "created");
      },
      {
        statuses: FORM_REFUSALS,
        refused: (e) => renderForm(c, { values, errors: fieldErrorsOf(e, "(root)"), status: formStatus(e) }),
      },
    );
  });

  app.get("/admin/pengguna/:id", guard, async (c) => renderForm(c, { existing: await loadUser(c) }));

  app.post("/admin/pengguna/:id", guard, async (c) => {
    const form = await verifiedForm(c);
    const existing = await loadUser(c);
    const values = { ...formValues(form), username: existing.username };
    return runFormAction(
      async () => {
        await updateUserAccount(c.var.services, pageUser(c).id, existing.id, accountBody(values));
        return redirectWithFlash(
          c,
          paths.user(existing.id),
          "success",
          `Perubahan akun ${existing.username} tersimpan.`,
        );
      },
      {
        statuses: FORM_REFUSALS,
        refused: (e) => {
          // Without issues the message goes to the top of the form, not beside a field.
          const errors = e.issues?.length ? fieldErrorsOf(e, "(root)") : undefined;
          return renderForm(c, {
            existing,
            values,
            errors,
            status: formStatus(e),
            error: errors ? undefined : e.message,
          });
        },
      },
    );
  });

  for (const [action, disabled] of [
    ["nonaktifkan", true],
    ["aktifkan", false],
  ] as const) {
    app.post(`/admin/pengguna/:id/${action}`, guard, async (c) => {
      await verifiedForm(c);
      const existing = await loadUser(c);
      return runFormAction(
        async () => {
          await updateUserAccount(c.var.services, pageUser(c).id, existing.id, { disabled });
          const message = disabled
            ? `Akun ${existing.username} dinonaktifkan; semua sesi dan token API-nya dicabut.`
            : `Akun ${existing.username} aktif kembali.`;
          return redirectWithFlash(c, paths.user(existing.id), "success", message);
        },
        {
          statuses: FORM_REFUSALS,
          refused: (e) => renderForm(c, { existing, status: formStatus(e), error: e.message }),
        },
      );
    });
  }

  app.post("/admin/pengguna/:id/atur-ulang-sandi", guard, async (c) => {
    await verifiedForm(c);
    const existing = await loadUser(c);
    const reset = await resetUserPassword(c.var.services, pageUser(c).id, existing.id);
    return renderPassword(c, reset.user, reset.temporaryPassword, "reset");
  });

  app.post("/admin/pengguna/:id/tautan-aktivasi", guard, async (c) => {
    await verifiedForm(c);
    const existing = await loadUser(c);
    return runFormAction(
      async () => {
        const made = await issueActivationLink(c.var.services, pageUser(c).id, existing.id);
        const base = await pageBase(c);
        c.header("Cache-Control", "no-store");
        const url = `${c.var.services.config.publicUrl}${paths.activation(made.token)}`;
        return render(c, <ActivationLinkPage {...base} account={made.user} url={url} expiresAt={made.expiresAt} />);
      },
      { statuses: [409], refused: (e) => renderForm(c, { existing, status: 409, error: e.message }) },
    );
  });

  return app;
}
