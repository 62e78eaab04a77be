// A draft's input as drafting stores it (in the app, so without a kop of its own): checked by the schema, then every catalogue id it cites resolved to the
// entry's citation (domain/legal-bases.ts), so the letter keeps the full titles it was drafted with.

import type { EdaranInput, ParseResult } from "../domain/edaran-input.js";
import { parseEdaranInput } from "../domain/edaran-input.js";
import { isRecord } from "../domain/json-value.js";
import { resolveLegalBases } from "../domain/legal-bases.js";
import { signerRuleIssues } from "../domain/signer-block.js";
import { profileVersionOrCurrent } from "../pemda/letter-profile.js";
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
  const parsed = parseEdaranInput(raw);
  // The kop comes from the Pemda profile, so a `government` block is refused by name rather than stored and
  // silently not printed.
  if (isRecord(raw) && raw.government !== undefined) {
    const issue = {
      path: "government",
      message:
        "Kop surat (nama pemerintah daerah, alamat, logo) diatur di Profil Pemda, bukan di data surat; hapus bagian government",
    };
    return { ok: false, issues: [issue, ...(parsed.ok ? [] : parsed.issues)] };
  }
  if (!parsed.ok) return parsed;
  // What the profile's rules would leave out of the signer block is told, not dropped when printing.
  const { profile } = await profileVersionOrCurrent(deps.store, draft?.profileVersion ?? null);
  const signerIssues = signerRuleIssues(parsed.value.issuer, profile.signerRules);
  if (signerIssues.length > 0) return { ok: false, issues: signerIssues };
  const cites = [...parsed.value.sections.dasar, ...parsed.value.sanctions.map((s) => s.basis)];
  if (!cites.some((ref) => typeof ref === "string")) return parsed;
  // The whole active catalogue is one small query (tens of rows), cheaper on D1 than one lookup per id.
  const catalogue = new Map((await listLegalBases(deps.store)).map((b) => [b.id, b]));
  return resolveLegalBases(parsed.value, (id) => catalogue.get(id), draft?.input);
}
