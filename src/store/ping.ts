// The health check's question to the database: does it answer a read at all.
import type { Store } from "./store.js";

/** Resolves when the database answers one cheap read; rejects with the driver's error when it does not. */
export async function pingStore(store: Store): Promise<void> {
  await store.db.selectFrom("opd").select("id").limit(1).execute();
}
