// The audit checkpoint on Cloudflare: the Cron Trigger signs the chain head into R2 (outside D1), and the chain
// check on D1 catches against it what someone who can write D1 could hide from the in-database anchor.
import { createScheduledController, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { appendAudit, verifyAuditChain } from "../../src/audit/audit-log.js";
import { rowHash } from "../../src/audit/chain.js";
import { checkpointSchema } from "../../src/audit/checkpoint.js";
import { LATEST_CHECKPOINT_KEY } from "../../src/audit/checkpoint-blobs.js";
import { writeAuditCheckpoint } from "../../src/audit/write-checkpoint.js";
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
const check = () => verifyAuditChain(store, { checkpoints: deps });

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    await appendAudit(store, clock, { actor: "u-1", action: "letter.edited", data: { i } });
  }
}

async function cron() {
  await worker.scheduled(createScheduledController({ scheduledTime: clock.now(), cron: "*/30 * * * *" }), env);
}

const headSeq = async () =>
  (await store.db.selectFrom("audit_log").select("seq").orderBy("seq", "desc").executeTakeFirstOrThrow()).seq;

describe("audit checkpoints in workerd (D1 + R2)", () => {
  it("the cron signs the head into R2; a row rewritten on D1 with every later hash is named against it", async () => {
    await append(6);
    await cron();
    const head = await headSeq();
    const stored = await env.DOCS.get(LATEST_CHECKPOINT_KEY);
    const cp = checkpointSchema.parse(JSON.parse(new TextDecoder().decode(await stored!.arrayBuffer())));
    expect(cp.seq).toBe(head);
    expect(await check()).toMatchObject({ intact: true, checkpoint: { status: "verified" } });

    const victim = head - 3;
    const original = await store.db.selectFrom("audit_log").selectAll().where("seq", ">=", victim).execute();
    let prev = original[0]!.prev_hash;
    const rewrites = [];
    for (const [i, row] of original.entries()) {
      const data_json = i === 0 ? '{"i":"lain"}' : row.data_json;
      const hash = await rowHash(prev, { ...row, data_json });
      rewrites.push(
        store.db.updateTable("audit_log").set({ data_json, prev_hash: prev, hash }).where("seq", "=", row.seq),
      );
      prev = hash;
    }
    rewrites.push(store.db.updateTable("audit_anchor").set({ hash: prev }).where("id", "=", 1));
    await store.atomic(rewrites);
    expect(await verifyAuditChain(store)).toMatchObject({ intact: true });
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: victim, reason: "changed" });

    // Put the rows back as they were, for the next test.
    await store.atomic([
      ...original.map((r) =>
        store.db
          .updateTable("audit_log")
          .set({ data_json: r.data_json, prev_hash: r.prev_hash, hash: r.hash })
          .where("seq", "=", r.seq),
      ),
      store.db
        .updateTable("audit_anchor")
        .set({ hash: original.at(-1)!.hash })
        .where("id", "=", 1),
    ]);
    expect(await check()).toMatchObject({ intact: true });
  });

  it("never reuses the seq of rows deleted with the anchor, and the check names the first of them", async () => {
    await append(4);
    await cron();
    const head = await headSeq();
    await store.atomic([
      store.db.deleteFrom("audit_log").where("seq", ">", head - 2),
      store.db.deleteFrom("audit_anchor"),
    ]);
    const next = await appendAudit(store, clock, { actor: "u-1", action: "after" });
    expect(next.seq).toBe(head + 1);
    expect(await check()).toMatchObject({ intact: false, firstBadSeq: head - 1, reason: "removed" });
    // The cron does not seal the shortened chain.
    expect(await writeAuditCheckpoint(deps)).toMatchObject({ status: "differs", checkpoint: { seq: head } });
    await cron();
    const stored = await env.DOCS.get(LATEST_CHECKPOINT_KEY);
    expect(checkpointSchema.parse(JSON.parse(new TextDecoder().decode(await stored!.arrayBuffer()))).seq).toBe(head);
  });
});
