// One-time work a runtime did for this database, by a fingerprint of its inputs: a Worker isolate that finds the
// fingerprint of its start-up seeding already recorded skips it with this one read.
import type { Store } from "./store.js";

export async function runtimeMark(store: Store, name: string): Promise<string | null> {
  const row = await store.db.selectFrom("runtime_marks").select("value").where("name", "=", name).executeTakeFirst();
  return row?.value ?? null;
}

export async function setRuntimeMark(store: Store, name: string, value: string, at: string): Promise<void> {
  await store.db
    .insertInto("runtime_marks")
    .values({ name, value, at })
    .onConflict((oc) => oc.column("name").doUpdateSet({ value, at }))
    .execute();
}
