// The signers a draft may name, for the drafting form's select: each active penandatangan's capacities that
// have not ended before today, "Arif Gunadi — Penjabat Wali Kota Bengkulu". Whether one holds on the letter's
// date is checked when the draft is saved (letter-signer.ts).

import type { Clock } from "../domain/clock.js";
import { wibDateOf } from "../domain/indonesian-date.js";
import { capacityLabel } from "../domain/signer-account.js";
import { capacityOf } from "../store/signers-repo.js";
import type { Store } from "../store/store.js";

export interface SignerOption {
  /** The capacity id (what signer.capacityId takes). */
  id: string;
  userId: string;
  label: string;
}

export async function signerOptions(deps: { store: Store; clock: Clock }): Promise<SignerOption[]> {
  const today = wibDateOf(deps.clock.now());
  const rows = await deps.store.db
    .selectFrom("signer_capacities as c")
    .innerJoin("signer_profiles as p", "p.user_id", "c.user_id")
    .innerJoin("users as u", "u.id", "c.user_id")
    .selectAll("c")
    .select("p.name as signer_name")
    .where("u.role", "=", "penandatangan")
    .where("u.disabled_at", "is", null)
    .where((eb) => eb.or([eb("c.valid_until", "is", null), eb("c.valid_until", ">=", today)]))
    .orderBy("p.name")
    .orderBy("c.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    label: `${r.signer_name} — ${capacityLabel(capacityOf(r))}`,
  }));
}
