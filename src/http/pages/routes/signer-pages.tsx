/** @jsxImportSource hono/jsx */
// /penandatangan/:userId and /akun/penandatangan: a penandatangan's account through the same services as
// /api/signers/:userId. The admin edits identity and capacities; the signer sees his own and sets his signing
// passphrase (rate-limited with the sign step's counters).
import type { Hono } from "hono";
import type { AppError } from "../../../domain/app-error.js";
import { getSignerAccount, putSignerProfile } from "../../../signer/signer-account.js";
import { addSignerCapacity, endSignerCapacity } from "../../../signer/signer-capacities.js";
import { resetSigningPassphrase, setSigningPassphrase } from "../../../signer/signing-passphrase.js";
import { formText, verifiedForm } from "../../csrf.js";
import type { AppEnv } from "../../env.js";
import { rateLimit, SIGNING_PASSPHRASE_LIMIT, signerRateKey } from "../../rate-limit.js";
import type { FieldErrors } from "../components/form-field.js";
import { paths } from "../page-paths.js";
import { SignerAccountPage } from "../signer-account-page.js";
import {
  errorPage,
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

async function renderAccount(
  c: PageContext,
  userId: string,
  refusal?: { errors: FieldErrors; form?: Record<string, string> },
): Promise<Response> {
  const viewer = pageUser(c);
  const account = await getSignerAccount(c.var.services, viewer, userId);
  const page = (
    <SignerAccountPage
      {...(await pageBase(c))}
      account={account}
      canEdit={viewer.role === "admin"}
      isSelf={viewer.id === userId}
      {...(refusal ? { errors: refusal.errors, ...(refusal.form ? { form: refusal.form } : {}) } : {})}
    />
  );
  return render(c, page, refusal ? 400 : 200);
}

/** An optional text field of a form: blank is absent. */
const optional = (v: string) => (v.trim() === "" ? undefined : v);

export function signerPages(): Hono<AppEnv> {
  const app = pageApp();
  const signer = requirePage("admin", "penandatangan");

  app.get(paths.ownSigner, requirePage("penandatangan"), (c) => c.redirect(paths.signer(pageUser(c).id), 303));

  app.get("/penandatangan/:userId", signer, (c) => renderAccount(c, c.req.param("userId")));

  app.post("/penandatangan/:userId", signer, async (c) => {
    const userId = c.req.param("userId");
    const form = await verifiedForm(c);
    const values = Object.fromEntries(
      (["name", "jabatan", "nip", "pangkat", "nik"] as const).map((k) => [k, formText(form, k)]),
    );
    return runFormAction(
      async () => {
        await putSignerProfile(c.var.services, pageUser(c), userId, values);
        return redirectWithFlash(c, paths.signer(userId), "success", "Data penandatangan tersimpan.");
      },
      {
        statuses: [400],
        refused: (err) => renderAccount(c, userId, { errors: fieldErrorsOf(err, "name"), form: values }),
      },
    );
  });

  app.post("/penandatangan/:userId/kapasitas", signer, async (c) => {
    const userId = c.req.param("userId");
    const form = await verifiedForm(c);
    const body = Object.fromEntries(
      (["prefix", "principal", "validFrom", "validUntil"] as const).flatMap((k) => {
        const v = optional(formText(form, k));
        return v === undefined ? [] : [[k, v]];
      }),
    );
    return runFormAction(
      async () => {
        await addSignerCapacity(c.var.services, pageUser(c), userId, body);
        return redirectWithFlash(c, paths.signer(userId), "success", "Kapasitas ditambahkan.");
      },
      { statuses: [400], refused: (err) => renderAccount(c, userId, { errors: fieldErrorsOf(err, "prefix") }) },
    );
  });

  app.post("/penandatangan/:userId/kapasitas/:capacityId/akhiri", signer, async (c) => {
    const { userId, capacityId } = c.req.param();
    await verifiedForm(c);
    await endSignerCapacity(c.var.services, pageUser(c), userId, capacityId, {});
    return redirectWithFlash(c, paths.signer(userId), "success", "Kapasitas diakhiri hari ini.");
  });

  app.post(
    "/penandatangan/:userId/frasa-sandi",
    signer,
    rateLimit(
      SIGNING_PASSPHRASE_LIMIT,
      (c, s) => errorPage(c, 429, `Terlalu banyak percobaan frasa sandi tanda tangan. Coba lagi dalam ${s} detik.`),
      (c) => signerRateKey(pageUser(c).id),
    ),
    async (c) => {
      const userId = c.req.param("userId");
      const form = await verifiedForm(c);
      const current = formText(form, "currentPassphrase");
      const body = { passphrase: formText(form, "passphrase"), ...(current ? { currentPassphrase: current } : {}) };
      return runFormAction(
        async () => {
          await setSigningPassphrase(c.var.services, pageUser(c), userId, body);
          return redirectWithFlash(c, paths.signer(userId), "success", "Frasa sandi tanda tangan tersimpan.");
        },
        {
          statuses: [400],
          refused: (err: AppError) => renderAccount(c, userId, { errors: fieldErrorsOf(err, "passphrase") }),
        },
      );
    },
  );

  app.post("/penandatangan/:userId/frasa-sandi/setel-ulang", requirePage("admin"), async (c) => {
    const userId = c.req.param("userId");
    await verifiedForm(c);
    return runFormAction(
      async () => {
        await resetSigningPassphrase(c.var.services, pageUser(c), userId);
        return redirectWithFlash(
          c,
          paths.signer(userId),
          "success",
          "Frasa sandi tanda tangan disetel ulang. Penandatangan mengatur frasa sandi baru di halaman akunnya.",
        );
      },
      { statuses: [400], refused: (err) => renderAccount(c, userId, { errors: fieldErrorsOf(err, "passphrase") }) },
    );
  });

  return app;
}
