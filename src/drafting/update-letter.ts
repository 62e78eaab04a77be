// Revising a draft: only while it is a draft, every edit kept as a new revision.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid, notFound } from "../domain/app-error.js";
import { letterInput } from "../store/letter-json.js";
import { getLetter, updateDraftQueries } from "../store/letters-repo.js";
import { type Actor, type DraftingDeps, requireRegister } from "./create-letter.js";
import { checkDraftInput } from "./draft-input.js";
import { type LetterView, letterView } from "./letter-view.js";

export async function updateLetter(
  deps: DraftingDeps,
  actor: Actor,
  id: string,
  raw: unknown,
  expectedRevision?: number,
): Promise<LetterView> {
  const existing = await getLetter(deps.store, id);
  if (!existing) throw notFound("Surat");
  if (existing.status !== "draft") throw new AppError("not_a_draft", "Hanya surat berstatus konsep yang dapat diubah");
  // The draft keeps its profile version (letters.profile_version is not touched here): see README "Pemda profile".
  const parsed = await checkDraftInput(deps, raw, {
    input: letterInput(existing),
    profileVersion: existing.profile_version,
  });
  if (!parsed.ok) throw invalid(parsed.issues, "Data surat edaran belum benar");
  const input = parsed.value;
  if (input.nomor.unit !== existing.register_id) await requireRegister(deps.store, input.nomor.unit);
  const now = deps.clock.now().toISOString();
  const queries = updateDraftQueries(
    deps.store,
    {
      id,
      tentang: input.tentang,
      input,
      actorId: actor.id,
      // In the same guarded update: a refused (stale) edit must not move the letter to another register.
      registerId: input.nomor.unit,
      ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    },
    now,
  );
  const { audit } = await atomicWithAudit(
    deps.store,
    deps.clock,
    queries,
    { actor: actor.id, action: "letter.edited", letterId: id, data: { tentang: input.tentang } },
    { onlyIfLastChanged: true },
  );
  if (!audit) {
    throw new AppError("revision_conflict", "Surat telah diubah atau diproses orang lain; muat ulang lalu coba lagi");
  }
  const row = await getLetter(deps.store, id);
  if (!row) throw notFound("Surat");
  return letterView(row);
}
