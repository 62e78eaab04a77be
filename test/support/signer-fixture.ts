// The sample signer's signing passphrase, set once per app through the real service, so the tests that sign
// confirm like the signer does. seedSigningPassphrase writes nothing when one is set already.

import { hashPassword } from "../../src/auth/password.js";
import type { SignerDeps } from "../../src/signer/signer-deps.js";
import { setSigningPassphrase } from "../../src/signer/signing-passphrase.js";
import { insertCapacityQuery, upsertSignerProfileQuery } from "../../src/store/signers-repo.js";
import type { Store } from "../../src/store/store.js";
import { createUser } from "../../src/store/users-repo.js";

export const SIGNING_PASSPHRASE = "frasa-sandi-ttd-uji";

export async function seedSigningPassphrase(deps: SignerDeps, userId: string): Promise<void> {
  const row = await deps.store.db
    .selectFrom("signer_profiles")
    .select("passphrase_hash")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (row?.passphrase_hash) return;
  await setSigningPassphrase(deps, { id: userId, role: "penandatangan" }, userId, { passphrase: SIGNING_PASSPHRASE });
}

/** The body of PUT /api/signers/:id/passphrase that sets it, or keeps it when it is set already. */
export const passphraseBody = { passphrase: SIGNING_PASSPHRASE, currentPassphrase: SIGNING_PASSPHRASE };

export interface SeededSigner {
  userId: string;
  username: string;
  capacityId: string;
}

/**
 * A second penandatangan account written into the store (password `password`, nothing to change at first
 * login), with his identity and one capacity, for the tests of who may sign what.
 */
export async function seedSigner(
  store: Store,
  o: {
    username: string;
    password: string;
    identity: { name: string; jabatan: string; nip?: string; pangkat?: string; nik?: string };
    capacity?: { prefix?: "a.n." | "Plt." | "Plh."; principal?: string; validFrom?: string; validUntil?: string };
  },
): Promise<SeededSigner> {
  const userId = globalThis.crypto.randomUUID();
  const capacityId = globalThis.crypto.randomUUID();
  const now = "2024-01-01T00:00:00.000Z";
  await createUser(
    store,
    {
      id: userId,
      username: o.username,
      displayName: o.identity.name,
      role: "penandatangan",
      passwordHash: await hashPassword(o.password, { iterations: 1000 }),
    },
    now,
  );
  const i = o.identity;
  await store.atomic([
    upsertSignerProfileQuery(
      store,
      userId,
      { name: i.name, jabatan: i.jabatan, nip: i.nip ?? null, pangkat: i.pangkat ?? null, nik: i.nik ?? null },
      now,
    ),
    insertCapacityQuery(store, {
      id: capacityId,
      user_id: userId,
      prefix: o.capacity?.prefix ?? null,
      principal: o.capacity?.principal ?? null,
      jabatan: i.jabatan,
      valid_from: o.capacity?.validFrom ?? null,
      valid_until: o.capacity?.validUntil ?? null,
      created_by: userId,
      created_at: now,
    }),
  ]);
  return { userId, username: o.username, capacityId };
}
