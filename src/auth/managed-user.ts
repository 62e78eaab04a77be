// How the admin's user management shows an account: everything but the password hash.
import type { User } from "../store/users-repo.js";
import { isInvited } from "./password.js";

export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  opdId: string | null;
  jabatan: string | null;
  nip: string | null;
  createdAt: string;
  disabled: boolean;
  disabledAt: string | null;
  mustChangePassword: boolean;
  /** No password yet (a seeded account): its owner sets one from an activation link. */
  invited: boolean;
}

export function managedUser(row: User): ManagedUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    opdId: row.opd_id,
    jabatan: row.jabatan,
    nip: row.nip,
    createdAt: row.created_at,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at,
    mustChangePassword: row.must_change_password !== 0,
    invited: isInvited(row.password_hash),
  };
}
