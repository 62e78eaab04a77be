// /api/signers/:userId: a penandatangan's account (identity, capacities, whether a signing passphrase is set).
// The admin edits it; the signer sees his own and sets his passphrase himself.
import { type Context, Hono } from "hono";
import { getSignerAccount, putSignerProfile } from "../../signer/signer-account.js";
import { addSignerCapacity, endSignerCapacity } from "../../signer/signer-capacities.js";
import { resetSigningPassphrase, setSigningPassphrase } from "../../signer/signing-passphrase.js";
import { currentUser, requireUser } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { apiRateLimited, rateLimit, SIGNING_PASSPHRASE_LIMIT, signerRateKey } from "../rate-limit.js";
import { readJson } from "../validate.js";

// Per account, not per address: the passphrase guards one signer, wherever the guesses come from.
const perUser = (c: Context<AppEnv>) => signerRateKey(currentUser(c).id);

export function signersRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", requireUser());

  app.get("/:userId", async (c) =>
    c.json(await getSignerAccount(c.var.services, currentUser(c), c.req.param("userId"))),
  );

  app.put("/:userId", async (c) =>
    c.json(await putSignerProfile(c.var.services, currentUser(c), c.req.param("userId"), await readJson(c))),
  );

  app.post("/:userId/capacities", async (c) =>
    c.json(await addSignerCapacity(c.var.services, currentUser(c), c.req.param("userId"), await readJson(c)), 201),
  );

  app.post("/:userId/capacities/:capacityId/end", async (c) => {
    const { userId, capacityId } = c.req.param();
    return c.json(await endSignerCapacity(c.var.services, currentUser(c), userId, capacityId, await readJson(c)));
  });

  app.put(
    "/:userId/passphrase",
    rateLimit(SIGNING_PASSPHRASE_LIMIT, apiRateLimited("Terlalu banyak percobaan frasa sandi tanda tangan."), perUser),
    async (c) =>
      c.json(await setSigningPassphrase(c.var.services, currentUser(c), c.req.param("userId"), await readJson(c))),
  );

  app.post("/:userId/passphrase/reset", async (c) =>
    c.json(await resetSigningPassphrase(c.var.services, currentUser(c), c.req.param("userId"))),
  );

  return app;
}
