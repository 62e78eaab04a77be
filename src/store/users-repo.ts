// User accounts. Password hashing and sessions belong to the auth code; this only stores rows.
import type { Compilable, Selectable } from "kysely";
import type { Role } from "../domain/roles.js";
import { maxBoundParameters } from "./chunk-rows.js";
import type { UsersTable } from "./database.js";
import type { Store } from "./store.js";

export type User = Selectable<UsersTable>;

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  opdId?: string | null;
  jabatan?: string | null;
  nip?: string | null;
  /** The password was chosen by someone else (an admin): the user must replace it first. */
  mustChangePassword?: boolean;
}

function newUserRow(u: NewUser, now: string): User {
  return {
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
    must_change_password: u.mustChangePassword ? 1 : 0,
  };
}

export async function createUser(store: Store, u: NewUser, now: string): Promise<User> {
  const row = newUserRow(u, now);
  await store.db.insertInto("users").values(row).execute();
  return row;
}

/** The insert of createUser as a query, for an atomic batch with its audit row. */
export function insertUserQuery(store: Store, u: NewUser, now: string): { row: User; query: Compilable } {
  const row = newUserRow(u, now);
  return { row, query: store.db.insertInto("users").values(row) };
}

export async function getUserById(store: Store, id: string): Promise<User | null> {
  return (await store.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function getUserByUsername(store: Store, username: string): Promise<User | null> {
  return (await store.db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst()) ?? null;
}

/** Slices of ids that fit one `IN (...)` under D1's bound-parameter limit, leaving room for other parameters. */
function idSlices(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const size = maxBoundParameters - 10;
  const slices: string[][] = [];
  for (let i = 0; i < unique.length; i += size) slices.push(unique.slice(i, i + size));
  return slices;
}

/** The users among `ids` (in no particular order); ids of no account are left out. */
export async function listUsersByIds(store: Store, ids: readonly string[]): Promise<User[]> {
  const slices = await Promise.all(
    idSlices(ids).map((slice) => store.db.selectFrom("users").selectAll().where("id", "in", slice).execute()),
  );
  return slices.flat();
}

export interface UserName {
  name: string;
  jabatan: string | null;
}

/** The display name and jabatan of each of `ids` that is an account, for showing who did what. */
export async function userNamesById(store: Store, ids: readonly string[]): Promise<Map<string, UserName>> {
  const slices = await Promise.all(
    idSlices(ids).map((slice) =>
      store.db.selectFrom("users").select(["id", "display_name", "jabatan"]).where("id", "in", slice).execute(),
    ),
  );
  return new Map(slices.flat().map((r) => [r.id, { name: r.display_name, jabatan: r.jabatan }]));
}

/** Users who can sign in, of `roles` when given, by display name then username. */
export async function listActiveUsersByName(store: Store, roles?: readonly Role[]): Promise<User[]> {
  if (roles?.length === 0) return [];
  let q = store.db.selectFrom("users").selectAll().where("disabled_at", "is", null);
  if (roles) q = q.where("role", "in", [...roles]);
  return q.orderBy("display_name").orderBy("username").execute();
}

export interface UserFilter {
  role?: Role;
  opdId?: string;
  /** Default "all". */
  status?: "active" | "disabled" | "all";
}

export async function listUsers(store: Store, filter: UserFilter = {}): Promise<User[]> {
  let q = store.db.selectFrom("users").selectAll();
  if (filter.role) q = q.where("role", "=", filter.role);
  if (filter.opdId) q = q.where("opd_id", "=", filter.opdId);
  if (filter.status === "active") q = q.where("disabled_at", "is", null);
  if (filter.status === "disabled") q = q.where("disabled_at", "is not", null);
  return q.orderBy("username").execute();
}

/** How many admins can still sign in, leaving out `exceptId`. */
export async function countActiveAdmins(store: Store, exceptId?: string): Promise<number> {
  let q = store.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type UserChanges = Partial<
  Pick<UsersTable, "display_name" | "jabatan" | "nip" | "role" | "opd_id" | "disabled_at" | "password_hash">
> & { must_change_password?: number };

/**
 * One UPDATE of a user row. With `keepAnActiveAdmin` it changes nothing unless another active admin
 * remains, checked in the same statement, so two admins disabling each other at once cannot both win.
 * With `expectPasswordHash` it changes nothing when the password was changed meanwhile.
 */
export function updateUserQuery(
  store: Store,
  id: string,
  changes: UserChanges,
  guard: { keepAnActiveAdmin?: boolean; expectPasswordHash?: string } = {},
): Compilable {
  let q = store.db.updateTable("users").set(changes).where("id", "=", id);
  if (guard.keepAnActiveAdmin) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("users as other")
          .select("other.id")
          .where("other.role", "=", "admin")
          .where("other.disabled_at", "is", null)
          .where("other.id", "!=", id),
      ),
    );
  }
  if (guard.expectPasswordHash !== undefined) q = q.where("password_hash", "=", guard.expectPasswordHash);
  return q;
}
