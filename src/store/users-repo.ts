// User accounts. Password hashing and sessions belong to the auth code; this only stores rows.
import type { Selectable } from "kysely";
import type { UsersTable } from "./database.js";
import type { Store } from "./store.js";

export type User = Selectable<UsersTable>;

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  passwordHash: string;
  opdId?: string | null;
  jabatan?: string | null;
  nip?: string | null;
}

export async function createUser(store: Store, u: NewUser, now: string): Promise<User> {
  const row: User = {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    opd_id: u.opdId ?? null,
    jabatan: u.jabatan ?? null,
    nip: u.nip ?? null,
    password_hash: u.passwordHash,
    created_at: now,
    disabled_at: null,
  };
  await store.db.insertInto("users").values(row).execute();
  return row;
}

export async function getUserById(store: Store, id: string): Promise<User | null> {
  return (await store.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function getUserByUsername(store: Store, username: string): Promise<User | null> {
  return (
    (await store.db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst()) ?? null
  );
}

export async function listUsers(store: Store, filter: { role?: string; opdId?: string } = {}): Promise<User[]> {
  let q = store.db.selectFrom("users").selectAll();
  if (filter.role) q = q.where("role", "=", filter.role);
  if (filter.opdId) q = q.where("opd_id", "=", filter.opdId);
  return q.orderBy("username").execute();
}
