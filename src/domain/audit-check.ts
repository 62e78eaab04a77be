// The stored kinds and outcomes of an audit chain check (audit_checks, migrations/0130_audit_checks.sql).
export const AUDIT_CHECK_KINDS = ["incremental", "full"] as const;
export type AuditCheckKind = (typeof AUDIT_CHECK_KINDS)[number];

/** running: a full job still under way; refused: the latest signed checkpoint is not ours. */
export const AUDIT_CHECK_STATUSES = ["running", "intact", "broken", "refused"] as const;
export type AuditCheckStatus = (typeof AUDIT_CHECK_STATUSES)[number];
