// signing_keys: the public half of every key edaran ever signed with; the key set is built from it.
import type { Store } from "../store/store.js";
import type { KeySet, KeySetEntry } from "./key-set.js";
import { keyId, type PublicJwk, publicJwkSchema, type SigningAlg, signingAlgSchema } from "./keys.js";

export interface RegisterKeyInput {
  kid: string;
  alg: SigningAlg;
  publicJwk: PublicJwk;
  createdAt: string;
  retiredAt?: string;
}

export interface SigningKeyRepo {
  /** Idempotent: registering a known kid again changes nothing. */
  register(input: RegisterKeyInput): Promise<void>;
  keySet(): Promise<KeySet>;
  get(kid: string): Promise<KeySetEntry | null>;
  /** Stops a key from signing; its signatures stay valid. Returns false when there was nothing to change. */
  retire(kid: string, at: string): Promise<boolean>;
  /** Marks a key compromised: its signatures are refused from now on. */
  revoke(kid: string, at: string): Promise<boolean>;
}

function toEntry(row: {
  id: string;
  algorithm: string;
  public_key_jwk: string;
  created_at: string;
  retired_at: string | null;
  revoked_at: string | null;
}): KeySetEntry {
  return {
    kid: row.id,
    alg: signingAlgSchema.parse(row.algorithm),
    jwk: publicJwkSchema.parse(JSON.parse(row.public_key_jwk)),
    createdAt: row.created_at,
    ...(row.retired_at ? { retiredAt: row.retired_at } : {}),
    ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
  };
}

export function signingKeyRepo(store: Store): SigningKeyRepo {
  const { db } = store;
  return {
    async register(input) {
      const jwk = publicJwkSchema.parse(input.publicJwk);
      if ((await keyId(jwk)) !== input.kid) throw new Error(`kid ${input.kid} does not match its public key`);
      await db
        .insertInto("signing_keys")
        .values({
          id: input.kid,
          algorithm: input.alg,
          public_key_jwk: JSON.stringify(jwk),
          created_at: input.createdAt,
          retired_at: input.retiredAt ?? null,
          revoked_at: null,
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    },
    async keySet() {
      const rows = await db.selectFrom("signing_keys").selectAll().orderBy("created_at").orderBy("id").execute();
      return { keys: rows.map(toEntry) };
    },
    async get(kid) {
      const row = await db.selectFrom("signing_keys").selectAll().where("id", "=", kid).executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async retire(kid, at) {
      const r = await db
        .updateTable("signing_keys")
        .set({ retired_at: at })
        .where("id", "=", kid)
        .where("retired_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async revoke(kid, at) {
      const r = await db
        .updateTable("signing_keys")
        .set({ revoked_at: at })
        .where("id", "=", kid)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
