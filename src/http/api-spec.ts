// What /openapi.json documents: each route with the zod schema it validates with.
import { loginBodySchema, createTokenBodySchema } from "../auth/routes.js";
import { changePasswordBodySchema, createUserBodySchema, listUsersQuerySchema, updateUserBodySchema } from "../auth/user-schemas.js";
import { edaranInputSchema } from "../domain/edaran-input.js";
import { workflowActionSchema } from "../domain/workflow.js";
import type { RouteDoc } from "./openapi.js";
import { letterListQuerySchema, sendBodySchema } from "./routes/letters-routes.js";
import { opdListQuerySchema, opdUpdateSchema } from "./routes/opd-routes.js";
import { registerCreateSchema, registerEntriesQuerySchema } from "./routes/register-routes.js";
import { ackBodySchema, auditQuerySchema, reportBodySchema } from "./routes/tracking-routes.js";

const staff = ["sekretariat", "penandatangan", "kepala_opd", "inspektorat", "admin"] as const;
const readers = ["sekretariat", "penandatangan", "inspektorat", "admin"] as const;

export const apiRoutes: RouteDoc[] = [
  { method: "get", path: "/health", summary: "Liveness and readiness", tag: "system", roles: "public" },
  { method: "post", path: "/api/auth/login", summary: "Sign in; sets the session cookie", tag: "auth", roles: "public", body: loginBodySchema, responses: { "401": "Wrong username or password", "415": "Body is not application/json", "429": "Too many failed logins from this address" } },
  { method: "post", path: "/api/auth/logout", summary: "Sign out; revokes the session", tag: "auth", roles: "public", responses: { "204": "Signed out" } },
  { method: "get", path: "/api/auth/me", summary: "The signed-in user", tag: "auth", roles: staff, responses: { "401": "Not signed in" } },
  { method: "post", path: "/api/auth/password", summary: "Change one's own password; ends the user's other sessions and re-issues the caller's", tag: "auth", roles: staff, body: changePasswordBodySchema, responses: { "400": "Wrong current password (issue at currentPassword) or a new password that breaks the rules (issues at newPassword)", "415": "Body is not application/json", "429": "Too many failed attempts from this address" } },
  { method: "get", path: "/api/auth/tokens", summary: "The signed-in user's API tokens (without their secrets)", tag: "auth", roles: staff },
  { method: "post", path: "/api/auth/tokens", summary: "Create an API token (shown once)", tag: "auth", roles: staff, body: createTokenBodySchema },
  { method: "delete", path: "/api/auth/tokens/{id}", summary: "Revoke an API token", tag: "auth", roles: staff },
  { method: "get", path: "/api/users", summary: "List accounts (?role, ?opd, ?status=active|disabled|all)", tag: "users", roles: ["admin"], query: listUsersQuerySchema },
  { method: "post", path: "/api/users", summary: "Create an account; answers a one-time password (shown once) that must be changed at first login", tag: "users", roles: ["admin"], body: createUserBodySchema, responses: { "201": "Created", "400": "Invalid field, every problem listed", "409": "Username taken" } },
  { method: "patch", path: "/api/users/{id}", summary: "Edit an account (display name, jabatan, NIP, role, OPD) or disable / enable it (disabling revokes its sessions and API tokens)", tag: "users", roles: ["admin"], body: updateUserBodySchema, responses: { "400": "Invalid field", "404": "Unknown user", "409": "Would leave no active admin" } },
  { method: "post", path: "/api/users/{id}/reset-password", summary: "Reset a password: answers a one-time password (shown once) that must be changed at next login; ends the user's sessions", tag: "users", roles: ["admin"], responses: { "404": "Unknown user" } },
  { method: "get", path: "/api/opd", summary: "List perangkat daerah", tag: "opd", roles: staff, query: opdListQuerySchema },
  { method: "get", path: "/api/opd/{id}", summary: "One perangkat daerah", tag: "opd", roles: staff, responses: { "404": "Unknown OPD" } },
  { method: "patch", path: "/api/opd/{id}", summary: "Edit the head's name, title or email", tag: "opd", roles: ["sekretariat", "admin"], body: opdUpdateSchema, responses: { "400": "Invalid field", "404": "Unknown OPD" } },
  { method: "get", path: "/api/opd/{id}/history", summary: "An OPD's acknowledgements across letters", tag: "tracking", roles: readers },
  { method: "get", path: "/api/registers", summary: "List registers", tag: "register", roles: staff },
  { method: "post", path: "/api/registers", summary: "Create a register", tag: "register", roles: ["admin"], body: registerCreateSchema, responses: { "409": "Exists" } },
  { method: "get", path: "/api/registers/{id}/entries", summary: "Numbers given by a register", tag: "register", roles: staff, query: registerEntriesQuerySchema },
  { method: "get", path: "/api/letters", summary: "List letters with filters and paging (a kepala_opd sees only its letters: sent to its OPD or given to it for paraf)", tag: "letters", roles: staff, query: letterListQuerySchema },
  { method: "post", path: "/api/letters", summary: "Draft a letter from policy input", tag: "letters", roles: ["sekretariat", "admin"], body: edaranInputSchema, responses: { "201": "Created", "400": "Invalid input, every problem listed" } },
  { method: "get", path: "/api/letters/{id}", summary: "One letter (a kepala_opd: only its letters)", tag: "letters", roles: staff, responses: { "404": "Unknown letter, or one a kepala_opd may not see" } },
  { method: "put", path: "/api/letters/{id}", summary: "Revise a draft (If-Match: revision)", tag: "letters", roles: ["sekretariat", "admin"], body: edaranInputSchema, responses: { "409": "Not a draft, or a newer revision exists" } },
  { method: "get", path: "/api/letters/{id}/revisions", summary: "Every revision of a letter (a kepala_opd: only its letters)", tag: "letters", roles: staff, responses: { "404": "Unknown letter, or one a kepala_opd may not see" } },
  { method: "get", path: "/api/letters/{id}/events", summary: "Workflow events (a kepala_opd: only its letters)", tag: "letters", roles: staff, responses: { "404": "Unknown letter, or one a kepala_opd may not see" } },
  { method: "get", path: "/api/letters/{id}/preview.docx", summary: "DOCX of the letter as it stands (a kepala_opd: only its letters)", tag: "letters", roles: staff, responses: { "404": "Unknown letter, or one a kepala_opd may not see" } },
  { method: "post", path: "/api/letters/{id}/transitions", summary: "submit, paraf, return, approve, sign, send, close, withdraw (a kepala_opd: only on its letters)", tag: "letters", roles: staff, body: workflowActionSchema, responses: { "403": "Wrong role or not your turn", "404": "Unknown letter, or one a kepala_opd may not see", "409": "Not allowed in this state" } },
  { method: "post", path: "/api/letters/{id}/transitions#send", summary: "Send to OPDs: { action: 'send', opdIds: 'all' | [ids] }", tag: "letters", roles: ["sekretariat", "admin"], body: sendBodySchema, responses: { "409": "OPDs without email (listed in issues)" } },
  { method: "get", path: "/api/letters/{id}/recipients", summary: "Per-OPD status and counts", tag: "tracking", roles: readers },
  { method: "post", path: "/api/outbox/{id}/retry", summary: "Re-send a failed message, or a bounced one once the OPD's email is corrected (409 address_unchanged before)", tag: "tracking", roles: ["sekretariat", "admin"] },
  { method: "get", path: "/api/ack/{token}", summary: "What an acknowledgement link points to", tag: "acknowledgement", roles: "public" },
  { method: "post", path: "/api/ack/{token}", summary: "Acknowledge receipt", tag: "acknowledgement", roles: "public", body: ackBodySchema, responses: { "201": "Acknowledged", "404": "Bad token", "410": "Letter withdrawn", "429": "Too many attempts from this address" } },
  { method: "post", path: "/api/ack/{token}/report", summary: "Report how the letter was passed on", tag: "acknowledgement", roles: "public", body: reportBodySchema },
  { method: "get", path: "/api/audit", summary: "Audit log rows", tag: "audit", roles: ["inspektorat", "admin"], query: auditQuerySchema },
  { method: "get", path: "/api/audit/verify", summary: "Check the hash chain", tag: "audit", roles: ["inspektorat", "admin"] },
  { method: "get", path: "/.well-known/edaran-keys.json", summary: "Public signing keys", tag: "verification", roles: "public" },
  { method: "post", path: "/api/verify", summary: "Check a DOCX (multipart 'file' or raw body); ?letterId= to pin the letter", tag: "verification", roles: "public" },
  { method: "get", path: "/api/verify/{id}", summary: "A signed letter's public record", tag: "verification", roles: "public" },
  { method: "get", path: "/v/{id}/dokumen.docx", summary: "The signed DOCX of a letter, as stored", tag: "verification", roles: "public", responses: { "404": "No signed document" } },
  { method: "post", path: "/webhooks/resend", summary: "Resend delivery events (Svix-signed)", tag: "webhooks", roles: "public" },
];
