// The printable compliance report of one letter: who signed it for which government, the matrix, and the
// violations recorded under it. (The audit chain's state is checked by the caller, with verifyAuditChain.)

import type { Clock } from "../domain/clock.js";
import type { NotSentOpd } from "../domain/not-sent.js";
import { signerCapacityText } from "../domain/signer-block.js";
import { letterInputIssuer } from "../store/letter-json.js";
import { getLetter } from "../store/letters-repo.js";
import { letterGovernmentName } from "../store/pemda-profile-repo.js";
import type { Store } from "../store/store.js";
import { type ComplianceRow, complianceMatrix } from "./compliance-matrix.js";
import { listViolations, type ViolationRecord } from "./violations-repo.js";

export interface ComplianceReport {
  government: string;
  letter: {
    id: string;
    nomor: string | null;
    tentang: string;
    /** "Plt. Kepala ..." : the prefix and the jabatan of the signer. */
    signerJabatan: string;
    signedAt: string | null;
    sentAt: string | null;
    ackDeadline: string | null;
    /** The OPDs the send left out, and why. */
    notSent: NotSentOpd[];
  };
  rows: ComplianceRow[];
  violations: ViolationRecord[];
}

/** Null when the letter does not exist. */
export async function complianceReport(store: Store, clock: Clock, letterId: string): Promise<ComplianceReport | null> {
  const row = await getLetter(store, letterId);
  const matrix = await complianceMatrix(store, clock, letterId);
  if (!row || !matrix) return null;
  const input = letterInputIssuer(row);
  return {
    government: (await letterGovernmentName(store, row, input.government?.name)) ?? "",
    letter: {
      id: row.id,
      nomor: row.nomor,
      tentang: row.tentang,
      signerJabatan: signerCapacityText(input.issuer),
      signedAt: row.signed_at,
      sentAt: row.sent_at,
      ackDeadline: row.ack_deadline,
      notSent: matrix.letter.notSent,
    },
    rows: matrix.rows,
    violations: await listViolations(store, { letterId }),
  };
}
