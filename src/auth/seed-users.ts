// First-start accounts: one per role, named after it, and one kepala_opd per OPD ('kepala-' + OPD id in
// lower case). Existing usernames are left alone, so running it on every start is safe. They are invited: no
// password (NO_PASSWORD_HASH) and no PBKDF2 work; the first admin claims the admin account through a setup link
// (first-admin.ts), the others get activation links. SEED_PASSWORD (for a demo only) gives them all one password,
// hashed once.

import type { Role } from "../domain/roles.js";
import { chunkIn, chunkRows } from "../store/chunk-rows.js";
import type { Store } from "../store/store.js";
import { hashPassword, NO_PASSWORD_HASH } from "./password.js";
import { randomId } from "./tokens.js";

export interface SeedOpd {
  id: string;
  head_title: string;
  head_name?: string | null;
}

export interface SeedUsersOptions {
  /** SEED_PASSWORD (a demo only); when absent the accounts are invited, with no password. */
  password?: string;
  now: Date;
  /** The OPDs already in the opd table (users.opd_id references them). */
  opds: readonly SeedOpd[];
  /** PBKDF2 iterations; tests pass a low count. */
  iterations?: number;
}

export interface SeedUsersResult {
  /** Usernames created now (empty when every account existed). */
  created: string[];
  /** True when the accounts were created with SEED_PASSWORD, false when invited. */
  withPassword: boolean;
}

interface SeedAccount {
  username: string;
  role: Role;
  displayName: string;
  jabatan: string | null;
  opdId: string | null;
}

const roleAccounts: SeedAccount[] = [
  {
    username: "sekretariat",
    role: "sekretariat",
    displayName: "Sekretariat Daerah",
    jabatan: "Sekretariat Daerah Kota Bengkulu",
    opdId: null,
  },
  {
    username: "penandatangan",
    role: "penandatangan",
    displayName: "Arif Gunadi",
    jabatan: "Penjabat Wali Kota Bengkulu",
    opdId: null,
  },
  {
    username: "inspektorat",
    role: "inspektorat",
    displayName: "Inspektorat",
    jabatan: "Inspektorat Kota Bengkulu",
    opdId: null,
  },
  { username: "admin", role: "admin", displayName: "Administrator", jabatan: null, opdId: null },
];

export function seedAccounts(opds: readonly SeedOpd[]): SeedAccount[] {
  return [
    ...roleAccounts,
    ...opds.map((o) => ({
      username: `kepala-${o.id.toLowerCase()}`,
      role: "kepala_opd" as const,
      displayName: o.head_name?.trim() || o.head_title,
      jabatan: o.head_title,
      opdId: o.id,
    })),
  ];
}

export async function seedUsers(store: Store, opts: SeedUsersOptions): Promise<SeedUsersResult> {
  const password = opts.password || null;
  // Once an admin exists (the first admin may have renamed the seeded one) no invited "admin" comes back.
  const hasAdmin = await store.db.selectFrom("users").select("id").where("role", "=", "admin").executeTakeFirst();
  const accounts = seedAccounts(opts.opds).filter((a) => !(hasAdmin && a.role === "admin"));
  // In slices: a Provinsi's hundreds of OPDs must not bind more than D1's 100 parameters in one IN list.
  const existing = new Set<string>();
  for (const names of chunkIn(accounts.map((a) => a.username))) {
    const rows = await store.db.selectFrom("users").select("username").where("username", "in", names).execute();
    for (const r of rows) existing.add(r.username);
  }
  const missing = accounts.filter((a) => !existing.has(a.username));
  const createdAt = opts.now.toISOString();
  // One hash for every demo account (one PBKDF2 run, not one per account); none at all when invited.
  const passwordHash =
    password === null || missing.length === 0
      ? NO_PASSWORD_HASH
      : await hashPassword(password, opts.iterations === undefined ? {} : { iterations: opts.iterations });
  const rows = missing.map((a) => ({
    id: randomId(),
    username: a.username,
    display_name: a.displayName,
    role: a.role,
    opd_id: a.opdId,
    jabatan: a.jabatan,
    nip: null,
    password_hash: passwordHash,
    created_at: createdAt,
    disabled_at: null,
  }));
  // Multi-row inserts cut under D1's 100 bound parameters, all in one atomic call (one D1 batch, not one call
  // per account); DO NOTHING makes a concurrent start harmless and RETURNING says which rows were new.
  const results = await store.atomic(
    chunkRows(rows).map((chunk) =>
      store.db
        .insertInto("users")
        .values(chunk)
        .onConflict((oc) => oc.column("username").doNothing())
        .returning("username"),
    ),
  );
  const inserted = new Set(results.flatMap((r) => r.rows.flatMap((row) => usernameOf(row))));
  const created = rows.map((r) => r.username).filter((u) => inserted.has(u));
  return { created, withPassword: password !== null };
}

/** atomic() returns untyped rows; RETURNING "username" gives each a string username. */
function usernameOf(row: unknown): string[] {
  if (typeof row === "object" && row !== null && "username" in row && typeof row.username === "string")
    return [row.username];
  return [];
}
