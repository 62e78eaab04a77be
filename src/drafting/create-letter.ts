// Drafting a letter: the policy input is validated as a whole (every problem at once) and the
// draft, its first revision and its audit row are written in one atomic step, or nothing is.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { profileVersionOrCurrent } from "../pemda/letter-profile.js";
import { createDraftQueries, getLetter } from "../store/letters-repo.js";
import { getRegister, listRegisters } from "../store/register-repo.js";
import type { Store } from "../store/store.js";
import { checkDraftInput } from "./draft-input.js";
import { type LetterView, letterView } from "./letter-view.js";

export interface DraftingDeps {
  store: Store;
  clock: Clock;
}

export interface Actor {
  id: string;
}

/** Refuses input whose unit code has no register: a typo must not silently open a new number sequence. */
export async function requireRegister(store: Store, unit: string): Promise<void> {
  if (await getRegister(store, unit)) return;
  const known = (await listRegisters(store)).map((r) => r.id).join(", ");
  throw invalid([
    { path: "nomor.unit", message: `Register "${unit}" belum terdaftar. Register yang ada: ${known || "(belum ada)"}` },
  ]);
}

export async function createLetter(deps: DraftingDeps, actor: Actor, raw: unknown): Promise<LetterView> {
  const parsed = await checkDraftInput(deps, raw);
  if (!parsed.ok) throw invalid(parsed.issues, "Data surat edaran belum benar");
  const input = parsed.value;
  await requireRegister(deps.store, input.nomor.unit);
  // The letter keeps the profile it is drafted with: the kop, page and images of this version, whatever the
  // admin changes later (a re-render gives the same bytes).
  const profile = await profileVersionOrCurrent(deps.store, null);
  const id = globalThis.crypto.randomUUID();
  const now = deps.clock.now().toISOString();
  await atomicWithAudit(
    deps.store,
    deps.clock,
    createDraftQueries(
      deps.store,
      {
        id,
        registerId: input.nomor.unit,
        tentang: input.tentang,
        input,
        createdBy: actor.id,
        profileVersion: profile.version,
      },
      now,
    ),
    { actor: actor.id, action: "letter.drafted", letterId: id, data: { tentang: input.tentang, revision: 1 } },
  );
  const row = await getLetter(deps.store, id);
  if (!row) throw new AppError("internal", "Surat tidak tersimpan");
  return letterView(row);
}
