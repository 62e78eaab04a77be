// What pages and the API show of the audit chain without checking it: the last recorded check, the last full
// re-check and the job running now (with its progress).
import type { Store } from "../store/store.js";
import { type AuditCheckRecord, auditCheckRecord, lastFinishedCheck, runningFullCheck } from "./audit-checks.js";

export interface AuditCheckStatus {
  last: AuditCheckRecord | null;
  lastFull: AuditCheckRecord | null;
  running: AuditCheckRecord | null;
}

export async function auditCheckStatus(store: Store): Promise<AuditCheckStatus> {
  const running = await runningFullCheck(store);
  return {
    last: await lastFinishedCheck(store),
    lastFull: await lastFinishedCheck(store, "full"),
    running: running ? auditCheckRecord(running) : null,
  };
}

/** A full re-check that found a break (or a refused checkpoint) stands until a later full re-check passes. */
export function chainStandsIntact(latest: AuditCheckRecord, lastFull: AuditCheckRecord | null): boolean {
  return latest.intact && (lastFull === null || lastFull.intact);
}
