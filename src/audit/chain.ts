// The audit log's hash chain, pure: each row's hash = SHA-256(prev_hash + "\n" + canonical row), the first
// row links to 64 zeros. Changing any field of a row breaks its own hash; rewriting a row and recomputing its
// hash breaks the next row's link; deleting a row leaves a gap in seq (or, if the rows behind it were
// renumbered, breaks their hashes, since seq is hashed too).
//
// Limitation: deleting the LAST rows, or rewriting a row and recomputing every later hash, leaves a chain that
// is still consistent. Only a head kept elsewhere (an anchor: seq + hash, e.g. the audit_anchor row or a signed
// checkpoint in the blob store, see checkpoint.ts) shows it, so the verifier takes anchors.

import { sha256Hex } from "../domain/encoding.js";
import { isRecord } from "../domain/json-value.js";

export const GENESIS_HASH = "0".repeat(64);

/** The stored row, as in the audit_log table. */
export interface AuditChainRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  letter_id: string | null;
  subject: string | null;
  data_json: string;
  prev_hash: string;
  hash: string;
}

export type AuditRowContent = Omit<AuditChainRow, "prev_hash" | "hash">;

export interface ChainHead {
  seq: number;
  hash: string;
}

export const genesisHead: ChainHead = { seq: 0, hash: GENESIS_HASH };

export type ChainBreakReason = "changed" | "removed" | "inserted";

export type ChainResult =
  | { intact: true; count: number; head: ChainHead }
  | { intact: false; firstBadSeq: number; reason: ChainBreakReason; count: number };

/** JSON with object keys sorted at every level, so equal data always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    const src = value;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort()) {
      if (src[k] !== undefined) out[k] = sortKeys(src[k]);
    }
    return out;
  }
  return value;
}

/** The exact text that is hashed: a JSON array of the fields in a fixed order (data_json as stored). */
export function canonicalRow(row: AuditRowContent): string {
  return JSON.stringify([row.seq, row.at, row.actor, row.action, row.letter_id, row.subject, row.data_json]);
}

export async function rowHash(prevHash: string, row: AuditRowContent): Promise<string> {
  return sha256Hex(`${prevHash}\n${canonicalRow(row)}`);
}

/**
 * Builds the row that follows `head`. Its seq is head.seq + 1 unless a higher one is given: numbers of deleted
 * rows are never given out again (audit-log.ts), so the gap stays visible.
 */
export async function chainRow(
  head: ChainHead,
  content: Omit<AuditRowContent, "seq">,
  seq: number = head.seq + 1,
): Promise<AuditChainRow> {
  const row: AuditRowContent = { ...content, seq };
  return { ...row, prev_hash: head.hash, hash: await rowHash(head.hash, row) };
}

/**
 * Checks rows fed in seq order, page by page. Start from genesis, or from a head already verified.
 * `add` returns the first break and keeps returning it; `finish` also checks that no anchor lies beyond the
 * last row. Anchors are heads kept elsewhere: the row at an anchor's seq must have the anchor's hash.
 */
export class ChainVerifier {
  private head: ChainHead;
  private count = 0;
  private broken: Extract<ChainResult, { intact: false }> | null = null;
  private readonly anchors: readonly ChainHead[];

  constructor(start: ChainHead = genesisHead, anchor: ChainHead | readonly ChainHead[] | null = null) {
    this.head = start;
    this.anchors = anchor === null ? [] : "seq" in anchor ? [anchor] : anchor;
  }

  /** The last row that passed (or the start). */
  get verifiedHead(): ChainHead {
    return this.head;
  }

  /** Rows that passed so far. */
  get verifiedCount(): number {
    return this.count;
  }

  private fail(firstBadSeq: number, reason: ChainBreakReason): ChainResult {
    this.broken = { intact: false, firstBadSeq, reason, count: this.count };
    return this.broken;
  }

  async add(row: AuditChainRow): Promise<ChainResult | null> {
    if (this.broken) return this.broken;
    const expected = this.head.seq + 1;
    if (row.seq < expected) return this.fail(row.seq, "inserted");
    if (row.seq > expected) return this.fail(expected, "removed");
    if ((await rowHash(row.prev_hash, row)) !== row.hash) return this.fail(row.seq, "changed");
    // The row is self-consistent but does not link: the row before it was rewritten with a fresh hash
    // (or, on the first row, the row claims a predecessor that does not exist).
    if (row.prev_hash !== this.head.hash) return this.fail(Math.max(1, row.seq - 1), "changed");
    if (this.anchors.some((a) => a.seq === row.seq && a.hash !== row.hash)) return this.fail(row.seq, "changed");
    this.head = { seq: row.seq, hash: row.hash };
    this.count++;
    return null;
  }

  finish(): ChainResult {
    if (this.broken) return this.broken;
    // An anchor beyond the last row: the newest rows were deleted.
    if (this.anchors.some((a) => a.seq > this.head.seq)) return this.fail(this.head.seq + 1, "removed");
    return { intact: true, count: this.count, head: this.head };
  }
}

/** Verifies a whole list of rows (sorted by seq here) from genesis, optionally against anchors. */
export async function verifyChain(
  rows: readonly AuditChainRow[],
  opts: { start?: ChainHead; anchor?: ChainHead | readonly ChainHead[] | null } = {},
): Promise<ChainResult> {
  const v = new ChainVerifier(opts.start ?? genesisHead, opts.anchor ?? null);
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  for (const row of sorted) {
    const r = await v.add(row);
    if (r) return r;
  }
  return v.finish();
}
