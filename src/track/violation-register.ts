// What the violations register page shows: the recorded violations, and the choices of its form (the OPDs,
// the sent letters a violation may refer to, and those letters' sanction clauses).

import { letterInputSanctions } from "../store/letter-json.js";
import type { Letter } from "../store/letters-repo.js";
import { listOpds } from "../store/opd-repo.js";
import type { Store } from "../store/store.js";
import { recentSentLettersWithInput } from "./sent-letters.js";
import { listViolations, type ViolationRecord } from "./violations-repo.js";

/** How many of the newest sent letters the form offers. */
const FORM_LETTERS = 100;

export interface SanctionClauseOption {
  /** The reference stored in violations.clause_ref: "<nomor> · ketentuan sanksi <n>". */
  value: string;
  /** "<who>: <what>" of the clause. */
  text: string;
}

export interface ViolationRegister {
  violations: ViolationRecord[];
  opds: { id: string; name: string }[];
  letters: { id: string; nomor: string | null; tentang: string }[];
  clauses: SanctionClauseOption[];
}

function sanctionClauses(letter: Pick<Letter, "id" | "nomor" | "input_json">): SanctionClauseOption[] {
  const input = letterInputSanctions(letter);
  return (input.sanctions ?? []).map((s, i) => ({
    value: `${letter.nomor ?? letter.id.slice(0, 8)} · ketentuan sanksi ${i + 1}`,
    text: `${s.who}: ${s.what}`,
  }));
}

export async function violationRegister(store: Store): Promise<ViolationRegister> {
  const letters = await recentSentLettersWithInput(store, FORM_LETTERS);
  return {
    violations: await listViolations(store),
    opds: (await listOpds(store)).map((o) => ({ id: o.id, name: o.name })),
    letters: letters.map((l) => ({ id: l.id, nomor: l.nomor, tentang: l.tentang })),
    clauses: letters.flatMap(sanctionClauses),
  };
}
