// A draft's input as drafting stores it (in the app, so without a kop of its own and with its issuer filled from
// the signer account it names, src/signer/): checked by the schema, then every catalogue id it cites resolved to
// the entry's citation (domain/legal-bases.ts), so the letter keeps the full titles it was drafted with.

import type { EdaranInput, ParseResult } from "../domain/edaran-input.js";
import { parseEdaranInput, signerRefSchema } from "../domain/edaran-input.js";
import { parseIsoDate } from "../domain/indonesian-date.js";
import { isRecord } from "../domain/json-value.js";
import { resolveLegalBases } from "../domain/legal-bases.js";
import type { SignerRules } from "../domain/pemda-profile.js";
import type { SignerInput } from "../domain/signer-block.js";
import { signerRuleIssues } from "../domain/signer-block.js";
import type { ValidationIssue } from "../domain/validation-issues.js";
import { profileVersionOrCurrent } from "../pemda/letter-profile.js";
import { resolveSigner } from "../signer/letter-signer.js";
import { listLegalBases } from "../store/legal-bases-repo.js";
import type { Store } from "../store/store.js";

/** The draft being edited: its stored input (its citations stay as they were) and its profile version. */
export interface EditedDraft {
  input: EdaranInput;
  profileVersion: number | null;
}

/**
 * Every problem of the raw input, or the input ready to store and render: the schema, the kop refusal, the
 * signer rules of the profile the letter is laid out with (the draft's version, or the current one for a new
 * letter), and every catalogue id resolved (see resolveLegalBases).
 */
export async function checkDraftInput(deps: { store: Store }, raw: unknown, draft?: EditedDraft): Promise<ParseResult> {
  // The kop comes from the Pemda profile, so a `government` block is refused by name rather than stored and
  // silently not printed.
  if (isRecord(raw) && raw.government !== undefined) {
    const parsed = parseEdaranInput(raw);
    const issue = {
      path: "government",
      message:
        "Kop surat (nama pemerintah daerah, alamat, logo) diatur di Profil Pemda, bukan di data surat; hapus bagian government",
    };
    return { ok: false, issues: [issue, ...(parsed.ok ? [] : parsed.issues)] };
  }
  const { profile } = await profileVersionOrCurrent(deps.store, draft?.profileVersion ?? null);
  const signer = await signerIssuer(deps.store, raw, profile.signerRules);
  const parsed = parseEdaranInput(isRecord(raw) ? { ...raw, ...signer.fields } : raw);
  const issues = [...signer.issues, ...(parsed.ok ? [] : parsed.issues)];
  if (!parsed.ok || issues.length > 0) return { ok: false, issues };
  // What the profile's rules would leave out of the signer block is told, not dropped when printing.
  const signerIssues = signerRuleIssues(parsed.value.issuer, profile.signerRules);
  if (signerIssues.length > 0) return { ok: false, issues: signerIssues };
  const cites = [...parsed.value.sections.dasar, ...parsed.value.sanctions.map((s) => s.basis)];
  if (!cites.some((ref) => typeof ref === "string")) return parsed;
  // The whole active catalogue is one small query (tens of rows), cheaper on D1 than one lookup per id.
  const catalogue = new Map((await listLegalBases(deps.store)).map((b) => [b.id, b]));
  return resolveLegalBases(parsed.value, (id) => catalogue.get(id), draft?.input);
}

const ISSUER_KEYS = ["prefix", "principal", "jabatan", "name", "pangkat", "nip"] as const;
const ISSUER_KEY_SET = new Set<string>(ISSUER_KEYS);

function sameIssuer(typed: unknown, filled: SignerInput): boolean {
  if (!isRecord(typed)) return false;
  if (Object.keys(typed).some((k) => !ISSUER_KEY_SET.has(k))) return false;
  return ISSUER_KEYS.every((k) => typed[k] === filled[k]);
}

// Stands in for the issuer while the signer is refused, so the rest of the input is still checked in full.
const PLACEHOLDER_ISSUER = { jabatan: "-", name: "-" };

/**
 * The issuer and signer fields the draft is parsed with: filled from the account the draft's `signer` names,
 * never typed. A free-text `issuer` is refused by name (the CLI alone takes one), like `government`.
 */
async function signerIssuer(
  store: Store,
  raw: unknown,
  rules: SignerRules,
): Promise<{ fields: Record<string, unknown>; issues: ValidationIssue[] }> {
  const issues: ValidationIssue[] = [];
  const typed = isRecord(raw) ? raw.issuer : undefined;
  const freeText = {
    path: "issuer",
    message:
      "Penandatangan tidak ditulis bebas di aplikasi: pilih akun dan kapasitas penandatangan (signer.capacityId); hapus bagian issuer",
  };
  if (typed !== undefined && (!isRecord(raw) || raw.signer === undefined)) issues.push(freeText);
  const ref = signerRefSchema.safeParse(isRecord(raw) ? raw.signer : undefined);
  if (!ref.success) {
    const missing = !isRecord(raw) || raw.signer === undefined;
    if (missing) issues.push({ path: "signer.capacityId", message: "Pilih penandatangan dan kapasitasnya" });
    return { fields: { issuer: PLACEHOLDER_ISSUER, signer: missing ? undefined : raw.signer }, issues };
  }
  const date = isRecord(raw) && typeof raw.date === "string" && parseIsoDate(raw.date) ? raw.date : null;
  const resolved = await resolveSigner(store, ref.data, date, rules);
  if (!resolved.ok)
    return { fields: { issuer: PLACEHOLDER_ISSUER, signer: ref.data }, issues: [...issues, ...resolved.issues] };
  const { identity, capacity, issuer } = resolved.value;
  // A stored draft sent back as it was read (GET then PUT, the edit page's preview) carries the issuer filled
  // from this account: that one passes. Any other is typed text, refused.
  if (typed !== undefined && !sameIssuer(typed, issuer)) issues.push(freeText);
  return { fields: { issuer, signer: { userId: identity.userId, capacityId: capacity.id } }, issues };
}
