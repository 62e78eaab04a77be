// First start: the seeded `penandatangan` account (Arif Gunadi, Penjabat Wali Kota Bengkulu, the sample's
// signer) becomes a signer account with that capacity. Its capacity id is fixed so the sample letter can name
// it. Only missing rows are written: an admin's later edit is never undone.
import type { Store } from "../store/store.js";

export const SAMPLE_SIGNER_USERNAME = "penandatangan";
/** The sample signer's own capacity, named by the sample letter's `signer.capacityId`. */
export const SAMPLE_SIGNER_CAPACITY_ID = "pj-wali-kota-bengkulu";

export async function seedSampleSigner(store: Store, now: Date): Promise<void> {
  const user = await store.db
    .selectFrom("users")
    .select(["id", "role"])
    .where("username", "=", SAMPLE_SIGNER_USERNAME)
    .executeTakeFirst();
  if (user?.role !== "penandatangan") return;
  const at = now.toISOString();
  // Two statements, each a no-op when its row exists, so a concurrent start is harmless.
  await store.atomic([
    store.db
      .insertInto("signer_profiles")
      .values({
        user_id: user.id,
        name: "Arif Gunadi",
        jabatan: "Penjabat Wali Kota Bengkulu",
        nip: null,
        pangkat: null,
        nik: null,
        passphrase_hash: null,
        passphrase_set_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column("user_id").doNothing()),
    store.db
      .insertInto("signer_capacities")
      .values({
        id: SAMPLE_SIGNER_CAPACITY_ID,
        user_id: user.id,
        prefix: null,
        principal: null,
        jabatan: "Penjabat Wali Kota Bengkulu",
        valid_from: null,
        valid_until: null,
        created_by: user.id,
        created_at: at,
      })
      .onConflict((oc) => oc.column("id").doNothing()),
  ]);
}
