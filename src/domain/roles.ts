import { z } from "zod";

/** The five roles of issue #3. Pages and routes check these, never usernames. */
export const roles = ["sekretariat", "penandatangan", "kepala_opd", "inspektorat", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
