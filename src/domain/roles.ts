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
