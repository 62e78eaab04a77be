// Where checkpoints live outside the database: the blob store (a folder on Node, R2 on Workers), under fixed
// keys, since the store cannot list:
//   audit/checkpoints/latest.json          the newest signed checkpoint (written last)
//   audit/checkpoints/<seq, 12 digits>.json every checkpoint ever written
//   audit/chain-hashes/<block, 8 digits>.json  the row hashes of seq block*1000+1 .. block*1000+1000
// The row hashes are not signed: they only point to the first row that differs from what was checkpointed,
// and are used only when they agree with the signed checkpoint at its own seq.
import { isRecord } from "../domain/json-value.js";
import type { BlobStore } from "../store/blob-store.js";
import type { Store } from "../store/store.js";
import {
  type CheckpointKeys,
  type CheckpointState,
  checkCheckpoint,
  checkpointBytes,
  type SignedCheckpoint,
} from "./checkpoint.js";

export const LATEST_CHECKPOINT_KEY = "audit/checkpoints/latest.json";
export const HASH_BLOCK_SIZE = 1000;
const JSON_TYPE = "application/json";

export function checkpointKey(seq: number): string {
  return `audit/checkpoints/${String(seq).padStart(12, "0")}.json`;
}

export function hashBlockKey(block: number): string {
  return `audit/chain-hashes/${String(block).padStart(8, "0")}.json`;
}

/** The newest checkpoint, with its signature checked. */
export async function readLatestCheckpoint(blobs: BlobStore, keys: CheckpointKeys): Promise<CheckpointState> {
  const bytes = await blobs.get(LATEST_CHECKPOINT_KEY);
  return bytes ? checkCheckpoint(bytes, keys) : { status: "none" };
}

/** Stores the checkpoint under its seq, then as the latest. */
export async function putCheckpoint(blobs: BlobStore, checkpoint: SignedCheckpoint): Promise<void> {
  const bytes = checkpointBytes(checkpoint);
  await blobs.put(checkpointKey(checkpoint.seq), bytes, JSON_TYPE);
  await blobs.put(LATEST_CHECKPOINT_KEY, bytes, JSON_TYPE);
}

/** hashes[i] is the hash of seq block * HASH_BLOCK_SIZE + 1 + i; null where none was recorded. */
type HashBlock = (string | null)[];

const blockOf = (seq: number) => Math.floor((seq - 1) / HASH_BLOCK_SIZE);

async function readBlock(blobs: BlobStore, block: number): Promise<HashBlock> {
  const bytes = await blobs.get(hashBlockKey(block));
  if (!bytes) return [];
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const hashes = isRecord(parsed) ? parsed.hashes : undefined;
    return Array.isArray(hashes) ? hashes.map((h) => (typeof h === "string" ? h : null)) : [];
  } catch {
    return [];
  }
}

/** Records the hashes of verified rows (a few blocks per scheduled run). */
export async function putRowHashes(blobs: BlobStore, rows: readonly { seq: number; hash: string }[]): Promise<void> {
  const byBlock = new Map<number, { seq: number; hash: string }[]>();
  for (const r of rows) byBlock.set(blockOf(r.seq), [...(byBlock.get(blockOf(r.seq)) ?? []), r]);
  for (const [block, entries] of byBlock) {
    const hashes = await readBlock(blobs, block);
    for (const e of entries) {
      const i = e.seq - 1 - block * HASH_BLOCK_SIZE;
      while (hashes.length < i) hashes.push(null);
      hashes[i] = e.hash;
    }
    const body = JSON.stringify({ firstSeq: block * HASH_BLOCK_SIZE + 1, hashes });
    await blobs.put(hashBlockKey(block), new TextEncoder().encode(body), JSON_TYPE);
  }
}

/** Reads recorded row hashes, each block once. */
function recordedHashes(blobs: BlobStore): (seq: number) => Promise<string | null> {
  const blocks = new Map<number, Promise<HashBlock>>();
  return async (seq) => {
    const b = blockOf(seq);
    if (!blocks.has(b)) blocks.set(b, readBlock(blobs, b));
    const hashes = (await blocks.get(b)) ?? [];
    return hashes[seq - 1 - b * HASH_BLOCK_SIZE] ?? null;
  };
}

/**
 * The first row before `before` whose stored hash differs from the recorded one, when the rows 1 .. before-1
 * were already found linked and self-consistent (so once a hash differs, every later one does too, and a
 * binary search finds the first: about log2(n) reads). Null when all agree or nothing usable is recorded.
 */
export async function firstRowDifferingFromRecord(
  store: Store,
  blobs: BlobStore,
  checkpoint: SignedCheckpoint,
  before: number,
): Promise<number | null> {
  const recorded = recordedHashes(blobs);
  if ((await recorded(checkpoint.seq)) !== checkpoint.hash) return null;
  const stored = async (seq: number) =>
    (await store.db.selectFrom("audit_log").select("hash").where("seq", "=", seq).executeTakeFirst())?.hash ?? null;
  let lo = 1;
  let hi = Math.min(before - 1, checkpoint.seq);
  let found: number | null = null;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const want = await recorded(mid);
    if (want === null) return null;
    if ((await stored(mid)) !== want) {
      found = mid;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return found;
}
