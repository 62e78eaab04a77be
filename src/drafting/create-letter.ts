// Drafting a letter: the policy input is validated as a whole (every problem at once) and the
// draft, its first revision and its audit row are written in one atomic step, or nothing is.
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { type EdaranInput, parseEdaranInput } from "../domain/edaran-input.js";
import { isRecord } from "../domain/json-value.js";
import { profileVersionOrCurrent } from "../pemda/letter-profile.js";
import { createDraftQueries, getLetter } from "../store/letters-repo.js";
import { getRegister, listRegisters } from "../store/register-repo.js";
import type { Store } from "../store/store.js";
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

/**
 * The input of a letter drafted in the app: the schema's checks plus one of the app's own. The kop comes from
 * the Pemda profile, so a `government` block is refused by name rather than stored and silently not printed.
 */
export function parseAppDraft(raw: unknown): EdaranInput {
  const parsed = parseEdaranInput(raw);
  const kopGiven = isRecord(raw) && raw.government !== undefined;
  const issues = [
    ...(kopGiven
      ? [
          {
            path: "government",
            message:
              "Kop surat (nama pemerintah daerah, alamat, logo) diatur di Profil Pemda, bukan di data surat; hapus bagian government",
          },
        ]
      : []),
    ...(parsed.ok ? [] : parsed.issues),
  ];
  if (!parsed.ok || issues.length) throw invalid(issues, "Data surat edaran belum benar");
  return parsed.value;
}

export async function createLetter(deps: DraftingDeps, actor: Actor, raw: unknown): Promise<LetterView> {
  const input = parseAppDraft(raw);
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
