// Letters drafted before the catalogue became a table (0090) hold bare catalogue ids in Dasar and in their
// sanction clauses, which the renderer no longer looks up. At start-up, after the catalogue is seeded, each such
// letter gets the citations of the entries it names (inactive ones too: the id meant that entry when it was
// drafted), so a letter signed or previewed later prints full titles. Idempotent: a letter without bare ids is
// never selected again.
import { sql } from "kysely";
import { edaranInputSchema } from "../domain/edaran-input.js";
import { resolveLegalBases } from "../domain/legal-bases.js";
import { decodeJson, encodeJson } from "./json-text.js";
import { listLegalBases } from "./legal-bases-repo.js";
import type { Store } from "./store.js";

/** Letters per batch: one guarded UPDATE each, far below D1's statement and call limits. */
const PAGE = 50;

/** Returns how many letters it rewrote. */
export async function snapshotLegacyCitations(store: Store): Promise<number> {
  const catalogue = new Map((await listLegalBases(store, { includeInactive: true })).map((b) => [b.id, b]));
  let rewritten = 0;
  let after = "";
  for (;;) {
    const rows = await store.db
      .selectFrom("letters")
      .select(["id", "input_json"])
      .where("id", ">", after)
      .where(
        sql<boolean>`(EXISTS (SELECT 1 FROM json_each(input_json, '$.sections.dasar') WHERE type = 'text')
          OR EXISTS (SELECT 1 FROM json_each(input_json, '$.sanctions') WHERE json_type(value, '$.basis') = 'text'))`,
      )
      .orderBy("id")
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return rewritten;
    after = rows[rows.length - 1]?.id ?? after;
    const updates = rows.flatMap((row) => {
      const resolved = resolveLegalBases(decodeJson(edaranInputSchema, row.input_json), (id) => catalogue.get(id));
      // An id no entry ever had stays as it is (the renderer prints it raw); nothing better is known.
      if (!resolved.ok) return [];
      return [
        store.db
          .updateTable("letters")
          .set({ input_json: encodeJson(resolved.value) })
          .where("id", "=", row.id)
          .where("input_json", "=", row.input_json),
      ];
    });
    if (updates.length) await store.atomic(updates);
    rewritten += updates.length;
  }
}
