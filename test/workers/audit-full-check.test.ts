// The full re-check job on Cloudflare: started on D1, run in bounded slices (each resuming from the position
// stored in audit_checks), and finished by the Cron Trigger; a row changed before the latest checkpoint is named.
import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { findCheck } from "../../src/audit/audit-checks.js";
import { appendAudit } from "../../src/audit/audit-log.js";
import { runFullCheckSlice, startFullCheck } from "../../src/audit/full-check-job.js";
import { checkAuditIncremental } from "../../src/audit/incremental-check.js";
import { fixedClock } from "../../src/domain/clock.js";
import worker from "../../src/runtime/worker.js";
import { auditCheckpointDeps } from "../../src/sign/checkpoint-keys.js";
import { keySecretSource } from "../../src/sign/key-secret.js";
import { openD1Store } from "../../src/store/d1-store.js";
import { r2BlobStore } from "../../src/store/r2-blob-store.js";

const store = openD1Store(env.DB);
const clock = fixedClock("2026-11-02T08:00:00.000Z");
const deps = auditCheckpointDeps({
  store,
  blobs: r2BlobStore(env.DOCS),
  clock,
  keys: keySecretSource(env.SIGNING_KEY_JWK),
});

async function cron() {
  await worker.scheduled(createScheduledController({ scheduledTime: clock.now(), cron: "*/30 * * * *" }), env);
}

describe("full audit re-check job in workerd (D1 + R2)", () => {
  it("runs in slices from its stored position, the cron finishes it, and it names a row changed before the checkpoint", async () => {
    for (let i = 0; i < 9; i++) {
      clock.advance(1000);
      await appendAudit(store, clock, { actor: "u-1", action: "letter.edited", data: { i } });
    }
    await cron();
    const head = (await store.db.selectFrom("audit_log").select("seq").orderBy("seq", "desc").executeTakeFirstOrThrow())
      .seq;
    // Changed in place before the checkpoint the cron just signed: the incremental check cannot see it.
    const victim = head - 4;
    await store.db.updateTable("audit_log").set({ subject: "diubah" }).where("seq", "=", victim).execute();
    expect((await checkAuditIncremental(deps, "u-insp")).check).toMatchObject({ status: "intact", rowsRead: 0 });

    const { job } = await startFullCheck(deps, "u-insp");
    expect(await runFullCheckSlice(deps, { maxRows: 2, pageSize: 1 })).toMatchObject({
      status: "running",
      rowsRead: 2,
      headSeq: 2,
    });
    await cron();
    expect(await findCheck(store, job.id)).toMatchObject({
      status: "broken",
      firstBadSeq: victim,
      reason: "changed",
      rowsRead: victim - 1,
    });
    await store.db.updateTable("audit_log").set({ subject: null }).where("seq", "=", victim).execute();
  });
});
