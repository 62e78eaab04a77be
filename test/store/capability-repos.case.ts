// The storage repositories that live with their capability (auth sessions and API tokens, the send outbox,
// signing keys, violations), run on every Store as part of the store contract (./store.case.ts). Ids are
// unique per test, and nothing here reads "all rows", so it holds on a database other tests write to.
import { describe, expect, it } from "vitest";
import {
  createApiToken,
  findApiToken,
  findApiTokenUser,
  listApiTokens,
  revokeApiToken,
  revokeUserApiTokens,
} from "../../src/auth/api-tokens-repo.js";
import {
  createSession,
  deleteExpiredSessions,
  findSessionUser,
  revokeSession,
  revokeUserSessions,
} from "../../src/auth/sessions-repo.js";
import { AppError } from "../../src/domain/app-error.js";
import { fixedClock } from "../../src/domain/clock.js";
import type { LetterStatus } from "../../src/domain/workflow.js";
import {
  claimDue,
  failedQueries,
  releaseQuery,
  retryFailed,
  retryQuery,
  sentQueries,
} from "../../src/send/outbox-repo.js";
import { generateSigningKeyPair } from "../../src/sign/keys.js";
import { signingKeyRepo } from "../../src/sign/signing-key-repo.js";
import { createRegister } from "../../src/store/register-repo.js";
import type { Store } from "../../src/store/store.js";
import { createUser, updateUserQuery } from "../../src/store/users-repo.js";
import { listViolations, recordViolation, violationCountsByOpd } from "../../src/track/violations-repo.js";
import { partialStoredInput } from "../support/stored-input-fixture.js";

const now = "2024-10-02T03:00:00.000Z";
const at = (iso: string) => new Date(iso);
const uid = () => globalThis.crypto.randomUUID().slice(0, 8).toUpperCase();

function newUser(store: Store, tag = uid()) {
  return createUser(
    store,
    { id: `u-${tag}`, username: `staf-${tag}`, displayName: "Staf", role: "sekretariat", passwordHash: "x" },
    now,
  );
}

/** A user, a register, `opdCount` OPDs and a letter in `status` sent to each of them, one outbox row each. */
async function sentLetter(store: Store, opts: { opdCount: number; status?: LetterStatus }) {
  const tag = uid();
  const user = await newUser(store, tag);
  const register = await createRegister(store, { id: `REG.${tag}`, name: `Register ${tag}` }, now);
  const letterId = `L-${tag}`;
  const opdIds = Array.from({ length: opts.opdCount }, (_, i) => `O${tag}-${i}`);
  await store.atomic([
    ...opdIds.map((id, i) =>
      store.db.insertInto("opd").values({
        id,
        name: `Dinas Uji ${i}`,
        kind: "dinas",
        head_title: `Kepala Dinas Uji ${i}`,
        head_name: null,
        email: `o${i}@example.org`,
        created_at: now,
        updated_at: now,
      }),
    ),
    store.db.insertInto("letters").values({
      id: letterId,
      status: opts.status ?? "sent",
      register_id: register.id,
      tentang: "Netralitas ASN",
      input_json: partialStoredInput({}),
      revision: 1,
      nomor: `800/1/${register.id}/2024`,
      created_by: user.id,
      created_at: now,
      updated_at: now,
      sent_at: now,
    }),
    ...opdIds.map((opdId, i) =>
      store.db.insertInto("recipients").values({
        id: `R-${tag}-${i}`,
        letter_id: letterId,
        opd_id: opdId,
        email: `o${i}@example.org`,
        head_name: null,
        status: "queued",
        ack_token_hash: `hash-${tag}-${i}`,
        created_at: now,
      }),
    ),
    ...opdIds.map((_, i) =>
      store.db.insertInto("outbox").values({
        id: `OB-${tag}-${i}`,
        recipient_id: `R-${tag}-${i}`,
        kind: "letter",
        status: "pending",
        next_attempt_at: now,
        created_at: now,
      }),
    ),
  ]);
  const outboxIds = opdIds.map((_, i) => `OB-${tag}-${i}`);
  return { tag, user, letterId, opdIds, outboxIds };
}

const outboxRow = (store: Store, id: string) =>
  store.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const recipientOf = (store: Store, outboxId: string) =>
  store.db
    .selectFrom("recipients")
    .innerJoin("outbox", "outbox.recipient_id", "recipients.id")
    .selectAll("recipients")
    .where("outbox.id", "=", outboxId)
    .executeTakeFirstOrThrow();

export function capabilityReposContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: sessions (auth)`, () => {
    it("finds the user of a live session until it is revoked, expires or the user is disabled", async () => {
      const store = await open();
      const user = await newUser(store);
      const t0 = at(now);
      const s = await createSession(store, user.id, t0, 60_000);
      expect(s.expiresAt).toBe("2024-10-02T03:01:00.000Z");
      expect(await findSessionUser(store, s.token, t0)).toMatchObject({ id: user.id, via: "session" });
      expect(await findSessionUser(store, s.token, at("2024-10-02T03:01:00.000Z"))).toBeNull();
      expect(await findSessionUser(store, `${s.token}x`, t0)).toBeNull();
      expect(await revokeSession(store, s.id, t0)).toBe(true);
      expect(await revokeSession(store, s.id, t0)).toBe(false);
      expect(await findSessionUser(store, s.token, t0)).toBeNull();

      const [a, b] = [await createSession(store, user.id, t0), await createSession(store, user.id, t0)];
      await store.atomic([updateUserQuery(store, user.id, { disabled_at: now })]);
      expect(await findSessionUser(store, a.token, t0)).toBeNull();
      await store.atomic([updateUserQuery(store, user.id, { disabled_at: null })]);
      expect(await findSessionUser(store, b.token, t0)).toMatchObject({ id: user.id });
      expect(await revokeUserSessions(store, user.id, t0)).toBe(2);
      expect(await findSessionUser(store, b.token, t0)).toBeNull();
    });

    it("drops expired sessions and keeps live ones", async () => {
      const store = await open();
      const user = await newUser(store);
      const t0 = at(now);
      await createSession(store, user.id, t0, 1_000);
      const long = await createSession(store, user.id, t0, 3_600_000);
      const later = at("2024-10-02T03:10:00.000Z");
      expect(await deleteExpiredSessions(store, later)).toBeGreaterThanOrEqual(1);
      const left = await store.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
      expect(left.map((r) => r.id)).toEqual([long.id]);
      expect(await findSessionUser(store, long.token, later)).toMatchObject({ id: user.id });
    });
  });

  describe(`${name}: API tokens (auth)`, () => {
    it("finds a live token's user, notes its use at most once a minute, and stops at revocation", async () => {
      const store = await open();
      const user = await newUser(store);
      const t0 = at(now);
      const created = await createApiToken(store, { userId: user.id, name: "SIMPEG", now: t0 });
      expect(created.token).toMatch(/^edr_/);
      expect(await findApiTokenUser(store, created.token, t0)).toMatchObject({ id: user.id, via: "token" });
      expect((await findApiToken(store, created.id))?.lastUsedAt).toBe(now);
      await findApiTokenUser(store, created.token, at("2024-10-02T03:00:30.000Z"));
      expect((await findApiToken(store, created.id))?.lastUsedAt).toBe(now);
      await findApiTokenUser(store, created.token, at("2024-10-02T03:01:00.000Z"));
      expect((await findApiToken(store, created.id))?.lastUsedAt).toBe("2024-10-02T03:01:00.000Z");
      expect(await findApiTokenUser(store, created.token.slice(4), t0)).toBeNull();

      const second = await createApiToken(store, {
        userId: user.id,
        name: "E-Office",
        now: at("2024-10-03T00:00:00Z"),
      });
      expect((await listApiTokens(store, user.id)).map((t) => t.name)).toEqual(["E-Office", "SIMPEG"]);
      expect(await findApiToken(store, second.id)).toMatchObject({ userId: user.id, revokedAt: null });
      expect(await revokeApiToken(store, created.id, t0)).toBe(true);
      expect(await revokeApiToken(store, created.id, at("2024-10-09T00:00:00Z"))).toBe(false);
      expect((await findApiToken(store, created.id))?.revokedAt).toBe(now);
      expect(await findApiTokenUser(store, created.token, t0)).toBeNull();
      expect(await revokeUserApiTokens(store, user.id, t0)).toBe(1);
      expect(await findApiTokenUser(store, second.token, t0)).toBeNull();
    });
  });

  describe(`${name}: outbox (send)`, () => {
    it("lets racing workers claim each due row once, and only rows of a sent letter", async () => {
      const store = await open();
      const sent = await sentLetter(store, { opdCount: 6 });
      const signed = await sentLetter(store, { opdCount: 2, status: "signed" });
      const ids = [...sent.outboxIds, ...signed.outboxIds];
      const claim = () => claimDue(store, { now: at(now), lockMs: 60_000, limit: 4, ids });
      const [a, b, c] = await Promise.all([claim(), claim(), claim()]);
      const claimed = [...a, ...b, ...c].map((r) => r.id);
      expect(claimed.sort()).toEqual([...sent.outboxIds].sort());
      expect([...a, ...b, ...c].every((r) => r.status === "sending" && r.attempts === 1)).toBe(true);
      expect(await claim()).toEqual([]);
      // The lock ran out (the worker died): another worker takes the row over.
      const later = await claimDue(store, { now: at("2024-10-02T03:01:00.000Z"), lockMs: 60_000, limit: 10, ids });
      expect(later).toHaveLength(6);
      expect(later.every((r) => r.attempts === 2)).toBe(true);
    });

    it("fences every outcome on the claim, and marks the recipient with the letter's", async () => {
      const store = await open();
      const { outboxIds } = await sentLetter(store, { opdCount: 4 });
      const [sentId, retryId, failId, releaseId] = outboxIds as [string, string, string, string];
      const rows = await claimDue(store, { now: at(now), lockMs: 60_000, limit: 10, ids: outboxIds });
      const row = (id: string) => rows.find((r) => r.id === id)!;

      await store.atomic(sentQueries(store, row(sentId), "re_123", at(now)));
      expect(await outboxRow(store, sentId)).toMatchObject({ status: "sent", provider_id: "re_123", sent_at: now });
      expect(await recipientOf(store, sentId)).toMatchObject({ status: "sent", provider_message_id: "re_123" });
      // A late outcome of the same claim changes nothing any more.
      await store.atomic(failedQueries(store, row(sentId), "terlambat"));
      expect((await outboxRow(store, sentId)).status).toBe("sent");

      await store.atomic([retryQuery(store, row(retryId), at("2024-10-02T04:00:00.000Z"), "429", true)]);
      expect(await outboxRow(store, retryId)).toMatchObject({
        status: "pending",
        next_attempt_at: "2024-10-02T04:00:00.000Z",
        last_error: "429",
        rate_limited: 1,
      });

      await store.atomic(failedQueries(store, row(failId), "alamat ditolak"));
      expect(await outboxRow(store, failId)).toMatchObject({ status: "failed", last_error: "alamat ditolak" });
      expect((await recipientOf(store, failId)).status).toBe("failed");
      expect(await retryFailed(store, failId, at("2024-10-02T05:00:00.000Z"))).toBe(true);
      expect(await outboxRow(store, failId)).toMatchObject({ status: "pending", attempts: 0 });
      expect((await recipientOf(store, failId)).status).toBe("queued");
      expect(await retryFailed(store, failId, at(now))).toBe(false);

      await store.atomic([releaseQuery(store, row(releaseId), at("2024-10-02T03:05:00.000Z"))]);
      expect(await outboxRow(store, releaseId)).toMatchObject({ status: "pending", attempts: 0 });
    });
  });

  describe(`${name}: signing keys (sign)`, () => {
    it("registers a key once, lists it in the key set, and retires and revokes it once each", async () => {
      const store = await open();
      const repo = signingKeyRepo(store);
      const pair = await generateSigningKeyPair();
      const key = { kid: pair.kid, alg: pair.alg, publicJwk: pair.publicJwk, createdAt: now };
      await repo.register(key);
      await repo.register({ ...key, createdAt: "2030-01-01T00:00:00.000Z" });
      const entry = { kid: pair.kid, alg: "Ed25519", jwk: pair.publicJwk, createdAt: now };
      expect(await repo.get(pair.kid)).toEqual(entry);
      expect((await repo.keySet()).keys.filter((k) => k.kid === pair.kid)).toEqual([entry]);
      expect(await repo.retire(pair.kid, "2024-11-01T00:00:00.000Z")).toBe(true);
      expect(await repo.retire(pair.kid, "2024-12-01T00:00:00.000Z")).toBe(false);
      expect(await repo.revoke(pair.kid, "2024-11-02T00:00:00.000Z")).toBe(true);
      expect(await repo.revoke(pair.kid, "2024-12-02T00:00:00.000Z")).toBe(false);
      expect(await repo.get(pair.kid)).toEqual({
        ...entry,
        retiredAt: "2024-11-01T00:00:00.000Z",
        revokedAt: "2024-11-02T00:00:00.000Z",
      });
      expect(await repo.get(`X${uid()}`)).toBeNull();
    });
  });

  describe(`${name}: violations (track)`, () => {
    it("records a violation with its audit row and lists it per OPD and letter; refuses an unknown OPD", async () => {
      const store = await open();
      const { user, letterId, opdIds } = await sentLetter(store, { opdCount: 2 });
      const clock = fixedClock(now);
      const form = {
        employeeName: "Budi Santoso",
        employeeNip: "198507142010011003",
        employeeStatus: "PNS",
        opdId: opdIds[0],
        letterId,
        act: "Menghadiri kampanye pasangan calon",
        source: "Bawaslu",
        status: "dilaporkan",
      };
      const v = await recordViolation(store, clock, user.id, form);
      expect(v).toMatchObject({ letterId, letterNomor: expect.stringMatching(/^800\/1\//), opdId: opdIds[0] });
      await recordViolation(store, clock, user.id, { ...form, employeeName: "Siti Aminah" });
      await recordViolation(store, clock, user.id, { ...form, opdId: opdIds[1], letterId: "" });
      expect((await listViolations(store, { opdId: opdIds[0] })).map((x) => x.employeeName).sort()).toEqual([
        "Budi Santoso",
        "Siti Aminah",
      ]);
      expect(await listViolations(store, { id: v.id })).toEqual([v]);
      expect([...(await violationCountsByOpd(store, letterId))]).toEqual([[opdIds[0], 2]]);
      const audit = await store.db
        .selectFrom("audit_log")
        .select(["action", "actor"])
        .where("letter_id", "=", letterId)
        .execute();
      expect(audit).toEqual([
        { action: "violation.recorded", actor: user.id },
        { action: "violation.recorded", actor: user.id },
      ]);

      const refused = recordViolation(store, clock, user.id, { ...form, opdId: `NOPE-${uid()}` });
      await expect(refused).rejects.toBeInstanceOf(AppError);
      await expect(refused).rejects.toMatchObject({ issues: [{ path: "opdId" }] });
    });
  });
}
