// /api/users: the admin manages accounts (list, create, edit, disable / enable, reset a password, make an
// activation link).
// Answers that carry a one-time password are marked no-store, so no cache keeps them.
import { Hono } from "hono";
import { issueActivationLink } from "../../auth/activate-account.js";
import { createUserAccount } from "../../auth/create-user.js";
import { managedUser } from "../../auth/managed-user.js";
import { resetUserPassword } from "../../auth/reset-password.js";
import { updateUserAccount } from "../../auth/update-user.js";
import { listUsersQuerySchema } from "../../auth/user-schemas.js";
import { listUsers } from "../../store/users-repo.js";
import { currentUser, requireRole } from "../auth-middleware.js";
import type { AppEnv } from "../env.js";
import { queryParams, readJson } from "../validate.js";

export function usersRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", requireRole("admin"));

  app.get("/", async (c) => {
    const q = queryParams(c, listUsersQuerySchema);
    const rows = await listUsers(c.var.services.store, { role: q.role, opdId: q.opd, status: q.status ?? "all" });
    return c.json({ users: rows.map(managedUser) });
  });

  app.post("/", async (c) => {
    const created = await createUserAccount(c.var.services, currentUser(c).id, await readJson(c));
    c.header("Cache-Control", "no-store");
    return c.json(created, 201);
  });

  app.patch("/:id", async (c) => {
    const user = await updateUserAccount(c.var.services, currentUser(c).id, c.req.param("id"), await readJson(c));
    return c.json({ user });
  });

  app.post("/:id/reset-password", async (c) => {
    const reset = await resetUserPassword(c.var.services, currentUser(c).id, c.req.param("id"));
    c.header("Cache-Control", "no-store");
    return c.json(reset);
  });

  // The link is in this answer only (the database keeps its hash): no-store, like a one-time password.
  app.post("/:id/activation-link", async (c) => {
    const made = await issueActivationLink(c.var.services, currentUser(c).id, c.req.param("id"));
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        user: made.user,
        activationUrl: `${c.var.services.config.publicUrl}/aktivasi/${made.token}`,
        expiresAt: made.expiresAt,
      },
      201,
    );
  });

  return app;
}
