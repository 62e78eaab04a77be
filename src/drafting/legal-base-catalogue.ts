// The legal-basis catalogue the admin extends: list, add, (de)activate. GET/POST/PATCH /api/legal-bases and the
// /admin/dasar-hukum page call these; each change and its audit row are one atomic batch.
import { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError, invalid, notFound } from "../domain/app-error.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import { type LegalBase, newLegalBaseSchema } from "../domain/legal-bases.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import {
  getLegalBase,
  insertLegalBaseQuery,
  listLegalBases,
  setLegalBaseActiveQuery,
} from "../store/legal-bases-repo.js";
import type { Actor, DraftingDeps } from "./create-letter.js";

export { newLegalBaseSchema };

export const legalBasePatchSchema = z.strictObject(
  { active: z.boolean({ error: "Status aktif harus diisi true atau false" }) },
  {
    error: (iss) => (iss.code === "unrecognized_keys" ? `Kolom tidak dapat diubah: ${iss.keys.join(", ")}` : undefined),
  },
);

/** The catalogue, higher rule first; the deactivated entries too when asked (the admin page shows them). */
export async function listLegalBaseCatalogue(
  deps: Pick<DraftingDeps, "store">,
  opts: { includeInactive?: boolean } = {},
): Promise<LegalBase[]> {
  return listLegalBases(deps.store, opts);
}

/** Adds an entry; validation_failed with every problem, legal_base_exists when its id is taken. */
export async function addLegalBase(deps: DraftingDeps, actor: Actor, raw: unknown): Promise<LegalBase> {
  const parsed = newLegalBaseSchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Data dasar hukum belum benar");
  const entry = parsed.data;
  const now = deps.clock.now().toISOString();
  const { audit } = await atomicWithAudit(
    deps.store,
    deps.clock,
    [insertLegalBaseQuery(deps.store, entry, actor.id, now)],
    { actor: actor.id, action: "legal_base.created", subject: entry.id, data: { judul: entry.judul } },
    { onlyIfLastChanged: true },
  );
  if (!audit)
    throw new AppError("legal_base_exists", `Kode dasar hukum "${entry.id}" sudah dipakai; pilih kode lain`, [
      { path: "id", message: `Kode "${entry.id}" sudah ada dalam katalog` },
    ]);
  const stored = await getLegalBase(deps.store, entry.id);
  if (!stored) throw new AppError("internal", "Dasar hukum tidak tersimpan");
  return stored;
}

/**
 * Deactivates (or reactivates) an entry: new letters can no longer pick it; letters that cite it keep their own
 * copy of its title. Setting the state it already has changes nothing and writes no audit row.
 */
export async function setLegalBaseActive(
  deps: DraftingDeps,
  actor: Actor,
  id: string,
  raw: unknown,
): Promise<LegalBase> {
  const parsed = legalBasePatchSchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Data dasar hukum belum benar");
  const { active } = parsed.data;
  await atomicWithAudit(
    deps.store,
    deps.clock,
    [setLegalBaseActiveQuery(deps.store, id, active)],
    { actor: actor.id, action: active ? "legal_base.activated" : "legal_base.deactivated", subject: id },
    { onlyIfLastChanged: true },
  );
  const stored = await getLegalBase(deps.store, id);
  if (!stored) throw notFound("Dasar hukum");
  return stored;
}

/**
 * The Dasar choices of the drafting form: the active catalogue, then the entries a draft already cites that are no
 * longer active (with the title the draft holds), so editing a draft never drops one silently.
 */
export async function legalBaseChoices(
  deps: Pick<DraftingDeps, "store">,
  draft?: EdaranInput,
): Promise<{ id: string; label: string }[]> {
  const active = await listLegalBases(deps.store);
  const choices = active.map((b) => ({ id: b.id, label: b.judul }));
  const known = new Set(choices.map((c) => c.id));
  for (const ref of draft?.sections.dasar ?? [])
    if (typeof ref !== "string" && ref.id && !known.has(ref.id)) {
      choices.push({ id: ref.id, label: `${ref.judul} (tidak aktif lagi di katalog)` });
      known.add(ref.id);
    }
  return choices;
}
