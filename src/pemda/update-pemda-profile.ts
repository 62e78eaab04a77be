// An admin edits the Pemda profile. Every save is a new version (letters keep theirs), written with its audit
// row in one atomic batch. The images are not part of the edit: they change only by upload
// (upload-profile-image.ts), so a form or API client that does not know them cannot drop them.
import type { z } from "zod";
import { atomicWithAudit } from "../audit/audit-log.js";
import { AppError } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { isRecord } from "../domain/json-value.js";
import { type PemdaProfile, pemdaProfileSchema } from "../domain/pemda-profile.js";
import { toValidationIssues, type ValidationIssue } from "../domain/validation-issues.js";
import {
  currentPemdaProfile,
  insertPemdaProfileVersionQuery,
  isVersionConflict,
  type PemdaProfileVersion,
  pemdaProfileVersion,
} from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";

export interface PemdaProfileDeps {
  store: Store;
  clock: Clock;
}

/** The editable part: everything but the images. */
export const pemdaProfileEditSchema = pemdaProfileSchema.omit({ images: true });
export type PemdaProfileEdit = z.infer<typeof pemdaProfileEditSchema>;

const KNOWN_FIELDS = new Set(Object.keys(pemdaProfileSchema.shape));

/** Every problem of a posted profile, each on its field's path. */
export function pemdaProfileEditIssues(
  raw: unknown,
): { ok: true; value: PemdaProfileEdit } | { ok: false; issues: ValidationIssue[] } {
  const own: ValidationIssue[] = [];
  let body = raw;
  if (isRecord(raw)) {
    // Named here rather than as the object's one "harus berupa objek" message, so each stray key is told apart.
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === "images")
        own.push({
          path: "images",
          message:
            "Gambar diunggah tersendiri (PUT /api/pemda-profile/images/lambang atau emblem), bukan diubah di sini",
        });
      else if (!KNOWN_FIELDS.has(key)) own.push({ path: key, message: `Kolom tidak dikenal: ${key}` });
      else rest[key] = value;
    }
    body = rest;
  }
  const parsed = pemdaProfileEditSchema.safeParse(body);
  const issues = [...own, ...(parsed.success ? [] : toValidationIssues(parsed.error))];
  if (!parsed.success || issues.length) return { ok: false, issues };
  return { ok: true, value: parsed.data };
}

/**
 * Writes `change(current)` as the next version with its audit row, in one batch. Two saves racing for the same
 * number cannot both win (the version is the primary key): the loser gets revision_conflict and stores nothing.
 */
export async function saveProfileVersion(
  deps: PemdaProfileDeps,
  actorId: string,
  change: (current: PemdaProfile) => PemdaProfile,
  audit: { action: string; data?: Record<string, unknown> },
): Promise<PemdaProfileVersion> {
  const current = await currentPemdaProfile(deps.store);
  if (!current)
    throw new AppError("not_ready", "Profil pemda belum ada; muat ulang setelah aplikasi selesai dijalankan");
  const version = current.version + 1;
  const profile = pemdaProfileSchema.parse(change(current.profile));
  try {
    await atomicWithAudit(
      deps.store,
      deps.clock,
      [
        insertPemdaProfileVersionQuery(
          deps.store,
          { version, profile, createdBy: actorId },
          deps.clock.now().toISOString(),
        ),
      ],
      { actor: actorId, action: audit.action, subject: `v${version}`, data: { version, ...audit.data } },
    );
  } catch (err) {
    if (isVersionConflict(err))
      throw new AppError("revision_conflict", "Profil pemda baru saja diubah orang lain; muat ulang lalu coba lagi");
    throw err;
  }
  const saved = await pemdaProfileVersion(deps.store, version);
  if (!saved) throw new AppError("internal", "Profil pemda tidak tersimpan");
  return saved;
}

/** Validates the posted profile (invalid_profile, 422, with every bad field) and saves it as the next version. */
export async function updatePemdaProfile(
  deps: PemdaProfileDeps,
  actorId: string,
  raw: unknown,
): Promise<PemdaProfileVersion> {
  const parsed = pemdaProfileEditIssues(raw);
  if (!parsed.ok) throw new AppError("invalid_profile", "Profil pemda belum benar", parsed.issues);
  return saveProfileVersion(deps, actorId, (current) => ({ ...parsed.value, images: current.images }), {
    action: "pemda_profile.updated",
  });
}
