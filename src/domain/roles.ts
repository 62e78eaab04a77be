import { z } from "zod";

/** The five roles of issue #3. Pages and routes check these, never usernames. */
export const roles = ["sekretariat", "penandatangan", "kepala_opd", "inspektorat", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Who follows every OPD's delivery and acknowledgement of a letter (status, per-OPD table, OPD history). */
export const TRACKER_ROLES = [
  "sekretariat",
  "penandatangan",
  "inspektorat",
  "admin",
] as const satisfies readonly Role[];

/** Who reads the compliance views, the audit log and the violations register (read-only). */
export const AUDITOR_ROLES = ["inspektorat", "admin"] as const satisfies readonly Role[];

export function isTracker(role: Role): boolean {
  return TRACKER_ROLES.some((r) => r === role);
}

/**
 * Who keeps the buku agenda and reads every number it gave (GET /api/registers/:id/entries): the secretariat
 * and the admin. Not the penandatangan: approving takes the next number, but keeping the book is the
 * secretariat's job, and every letter with its nomor is already theirs to read through /api/letters. The
 * entries name every numbered letter's id, so a kepala_opd or the Inspektorat's view must not start there.
 */
export const REGISTER_KEEPER_ROLES = ["sekretariat", "admin"] as const satisfies readonly Role[];

/**
 * Who extends the legal-basis catalogue (POST/PATCH /api/legal-bases, /admin/dasar-hukum): the secretariat, which
 * drafts the letters and cites the rules, and the admin. Every signed-in user reads it.
 */
export const CATALOGUE_KEEPER_ROLES = ["sekretariat", "admin"] as const satisfies readonly Role[];
