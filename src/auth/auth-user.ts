// Who is asking: the user behind a session cookie or an API token, as routes see it (c.var.user).
import type { Selectable } from "kysely";
import { z } from "zod";
import { roleSchema } from "../domain/roles.js";
import type { UsersTable } from "../store/database.js";

export const authUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  opdId: z.string().nullable(),
  jabatan: z.string().nullable(),
  /** An admin set the password (new account or reset): only the password change is open until it is replaced. */
  mustChangePassword: z.boolean(),
  /** How the request authenticated. */
  via: z.enum(["session", "token"]),
  /** The sessions.id or api_tokens.id used; logout revokes it. */
  credentialId: z.string(),
});
export type AuthUser = z.infer<typeof authUserSchema>;

/** The public part of a user, for GET /api/auth/me. */
export type PublicUser = Omit<AuthUser, "via" | "credentialId">;

/** Null when the row's role is not one we know (a hand-edited database): such a user gets no access. */
export function toAuthUser(
  row: Pick<
    Selectable<UsersTable>,
    "id" | "username" | "display_name" | "role" | "opd_id" | "jabatan" | "must_change_password"
  >,
  via: AuthUser["via"],
  credentialId: string,
): AuthUser | null {
  const role = roleSchema.safeParse(row.role);
  if (!role.success) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: role.data,
    opdId: row.opd_id,
    jabatan: row.jabatan,
    mustChangePassword: row.must_change_password !== 0,
    via,
    credentialId,
  };
}

export function publicUser(u: AuthUser): PublicUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    opdId: u.opdId,
    jabatan: u.jabatan,
    mustChangePassword: u.mustChangePassword,
  };
}
