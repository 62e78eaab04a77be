// Names this Node process as an outbox claimant (written on each row it claims) and decides, at start-up,
// which claimants are gone so their claims can be released at once instead of after the claim lock.

import { hostname } from "node:os";
import { errorCode } from "../domain/thrown.js";

/** `node:<host>:<pid>:<nonce>`; the nonce tells this process from an earlier one that had the same pid. */
export function nodeClaimant(): string {
  return `node:${hostname()}:${process.pid}:${globalThis.crypto.randomUUID().slice(0, 8)}`;
}

/** True when the process id is not running here (EPERM means it runs under another user). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return errorCode(err) === "ESRCH";
  }
}

/**
 * Whether the process behind `claimant` is gone, as judged by `self` (this process's claimant) on start-up.
 * The starting server owns the data dir: a claim is released unless it provably belongs to a process still
 * running on this host. So a second server on the same host keeps its claims; a claim from another host
 * name (usually the container this one replaced on the same volume), from a Worker, or from before claims
 * were named, is released. Releasing a live sender's claim costs at most a second send with the same
 * idempotency key, which the provider de-duplicates, and the fence keeps only one outcome.
 */
export function isGoneClaimant(claimant: string | null, self: string): boolean {
  if (claimant === null) return true;
  if (claimant === self) return false;
  const m = /^node:(.+):(\d+):([^:]+)$/.exec(claimant);
  const mine = /^node:(.+):(\d+):([^:]+)$/.exec(self);
  if (!m || !mine || m[1] !== mine[1]) return true;
  const pid = Number(m[2]);
  // Our own pid under another nonce is an earlier process (a container restarted as pid 1, say).
  if (pid === process.pid) return true;
  return processGone(pid);
}
