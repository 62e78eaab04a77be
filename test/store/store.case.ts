// The repository contract, run on every Store: better-sqlite3 (test/store/sqlite-store.test.ts)
// and D1 inside workerd (test/workers/d1-store.test.ts). Every repository of src/store/ is here; the
// storage repositories of the capabilities are in ./capability-repos.case.ts, run from here too. Ids are
// unique per test so the suite also holds on a database other tests write to.
import { describe, expect, it } from "vitest";
import type { EdaranInput } from "../../src/domain/edaran-input.js";
import { decodeCursor } from "../../src/domain/page-cursor.js";
import { chunkRows } from "../../src/store/chunk-rows.js";
import { findSignedDocument } from "../../src/store/documents-repo.js";
import { letterInput } from "../../src/store/letter-json.js";
import {
  createDraft,
  getLetter,
  listEvents,
  listLetters,
  listRevisions,
  recordEvent,
  setStatus,
  type Transition,
  transitionQueries,
  updateDraft,
} from "../../src/store/letters-repo.js";
import { getOpd, listOpds, type OpdSeed, updateOpd, upsertOpds } from "../../src/store/opd-repo.js";
import {
  assignNomor,
  assignNomorQueries,
  createRegister,
  deleteRegister,
  getRegister,
  listEntries,
  listRegisters,
  updateRegister,
} from "../../src/store/register-repo.js";
import { defaultRegisters, type ReferenceData, seedReferenceData } from "../../src/store/seed.js";
import type { Store } from "../../src/store/store.js";
import {
  countActiveAdmins,
  createUser,
  getUserById,
  getUserByUsername,
  listUsers,
  updateUserQuery,
} from "../../src/store/users-repo.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";
import { capabilityReposContract } from "./capability-repos.case.js";

const now = "2024-10-02T03:00:00.000Z";
const uid = () => globalThis.crypto.randomUUID().slice(0, 8).toUpperCase();

async function fixture(store: Store) {
  const tag = uid();
  const user = await createUser(
    store,
    {
      id: `u-${tag}`,
      username: `sekretariat-${tag}`,
      displayName: "Staf Sekretariat",
      role: "sekretariat",
      passwordHash: "x",
    },
    now,
  );
  const register = await createRegister(store, { id: `REG.${tag}`, name: `Register ${tag}` }, now);
  return { tag, user, register };
}

/** A real input, told apart by its tentang and place (the store keeps it as JSON and gives it back). */
function inputAbout(tentang: string, n: number): EdaranInput {
  return { ...makeSampleInput(), tentang, place: `Tempat ${n}` };
}

async function draft(store: Store, f: Awaited<ReturnType<typeof fixture>>, n: number, tentang = `Surat ${n}`) {
  return createDraft(
    store,
    { id: `L-${f.tag}-${n}`, registerId: f.register.id, tentang, input: inputAbout(tentang, n), createdBy: f.user.id },
    now,
  );
}

async function approvedLetters(store: Store, f: Awaited<ReturnType<typeof fixture>>, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const l = await draft(store, f, i);
    const ok = await setStatus(
      store,
      { id: l.id, from: "draft", to: "approved", action: "approve", actorId: f.user.id },
      now,
    );
    expect(ok).toBe(true);
    ids.push(l.id);
  }
  return ids;
}

export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: atomic()`, () => {
    it("rolls back every statement when one fails", async () => {
      const store = await open();
      const tag = uid();
      await createRegister(store, { id: `DUP.${tag}`, name: "ada" }, now);
      await expect(
        store.atomic([
          store.db.insertInto("registers").values({ id: `NEW.${tag}`, name: "baru", created_at: now }),
          store.db.insertInto("registers").values({ id: `DUP.${tag}`, name: "kembar", created_at: now }),
        ]),
      ).rejects.toThrow();
      expect(await getRegister(store, `NEW.${tag}`)).toBeNull();
      expect((await getRegister(store, `DUP.${tag}`))?.name).toBe("ada");
    });

    it("returns the results of its statements in order", async () => {
      const store = await open();
      const tag = uid();
      const [ins, sel] = await store.atomic([
        store.db.insertInto("registers").values({ id: `R.${tag}`, name: "satu", created_at: now }),
        store.db.selectFrom("registers").select("name").where("id", "=", `R.${tag}`),
      ]);
      expect(Number(ins?.numAffectedRows)).toBe(1);
      expect(sel?.rows).toEqual([{ name: "satu" }]);
    });

    it("inserts more rows than one statement may bind parameters for, in chunks", async () => {
      const store = await open();
      const tag = uid();
      const rows: OpdSeed[] = Array.from({ length: 45 }, (_, i) => ({
        id: `T${tag}-${i}`,
        name: `OPD ${i}`,
        kind: "dinas",
        head_title: `Kepala OPD ${i}`,
        head_name: null,
        email: `t${i}@example.org`,
      }));
      // 45 rows x 8 columns = 360 parameters: more than D1's 100 per statement.
      expect(chunkRows(rows.map((r) => ({ ...r, created_at: now, updated_at: now }))).length).toBeGreaterThan(3);
      await upsertOpds(store, rows, now);
      const all = await listOpds(store);
      expect(all.filter((o) => o.id.startsWith(`T${tag}-`))).toHaveLength(45);
    });
  });

  describe(`${name}: opd and users`, () => {
    it("updates an OPD's head and email and keeps them when reference data is upserted again", async () => {
      const store = await open();
      const id = `OPD-${uid()}`;
      await upsertOpds(
        store,
        [{ id, name: "Dinas Uji", kind: "dinas", head_title: "Kepala Dinas Uji", head_name: null, email: null }],
        now,
      );
      const edited = await updateOpd(
        store,
        id,
        { head_name: "Nama Kepala", email: "kepala@example.org" },
        "2024-10-03T00:00:00.000Z",
      );
      expect(edited).toMatchObject({
        head_name: "Nama Kepala",
        email: "kepala@example.org",
        updated_at: "2024-10-03T00:00:00.000Z",
      });
      await upsertOpds(
        store,
        [{ id, name: "Dinas Uji Baru", kind: "dinas", head_title: "Kepala Dinas Uji", head_name: null, email: null }],
        now,
      );
      expect(await getOpd(store, id)).toMatchObject({
        name: "Dinas Uji Baru",
        head_name: "Nama Kepala",
        email: "kepala@example.org",
      });
      expect(await updateOpd(store, `NOPE-${uid()}`, { email: null }, now)).toBeNull();
    });

    it("creates users and finds them by id, username and role", async () => {
      const store = await open();
      const tag = uid();
      const u = await createUser(
        store,
        { id: `u-${tag}`, username: `admin-${tag}`, displayName: "Admin", role: "admin", passwordHash: "h" },
        now,
      );
      expect(await getUserById(store, u.id)).toEqual(u);
      expect(await getUserByUsername(store, `admin-${tag}`)).toEqual(u);
      expect(await getUserByUsername(store, `nobody-${tag}`)).toBeNull();
      expect((await listUsers(store, { role: "admin" })).map((x) => x.id)).toContain(u.id);
      await expect(
        createUser(
          store,
          { id: `u2-${tag}`, username: `admin-${tag}`, displayName: "Lagi", role: "admin", passwordHash: "h" },
          now,
        ),
      ).rejects.toThrow();
    });
  });

  describe(`${name}: letters`, () => {
    it("creates a draft at revision 1 with its first revision row", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1, "Netralitas ASN");
      expect(await getLetter(store, l.id)).toMatchObject({
        status: "draft",
        revision: 1,
        tentang: "Netralitas ASN",
        nomor: null,
      });
      const revs = await listRevisions(store, l.id);
      expect(revs.map((r) => [r.revision, letterInput(r)])).toEqual([[1, inputAbout("Netralitas ASN", 1)]]);
    });

    it("keeps every revision of a draft and refuses a stale one", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1);
      const u = await updateDraft(
        store,
        { id: l.id, tentang: "Versi 2", input: inputAbout("Versi 2", 2), actorId: f.user.id, expectedRevision: 1 },
        now,
      );
      expect(u).toMatchObject({ revision: 2, tentang: "Versi 2" });
      expect(u && letterInput(u)).toEqual(inputAbout("Versi 2", 2));
      expect(
        await updateDraft(
          store,
          { id: l.id, tentang: "Basi", input: inputAbout("Basi", 0), actorId: f.user.id, expectedRevision: 1 },
          now,
        ),
      ).toBeNull();
      const revs = await listRevisions(store, l.id);
      expect(revs.map((r) => r.revision)).toEqual([1, 2]);
      expect((await getLetter(store, l.id))?.tentang).toBe("Versi 2");
    });

    it("does not change a letter that is no longer a draft", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1);
      expect(
        await setStatus(store, { id: l.id, from: "draft", to: "in_review", action: "submit", actorId: f.user.id }, now),
      ).toBe(true);
      expect(
        await updateDraft(
          store,
          { id: l.id, tentang: "Diam-diam", input: inputAbout("Diam-diam", 0), actorId: f.user.id },
          now,
        ),
      ).toBeNull();
      expect(await getLetter(store, l.id)).toMatchObject({ revision: 1, status: "in_review" });
      expect(await listRevisions(store, l.id)).toHaveLength(1);
    });

    it("applies a guarded transition once and records one event; the loser changes nothing", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1);
      const t: Transition = {
        id: l.id,
        from: "draft",
        to: "in_review",
        action: "submit",
        actorId: f.user.id,
        comment: "mohon paraf",
      };
      const results = await Promise.all([setStatus(store, t, now), setStatus(store, t, now), setStatus(store, t, now)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await setStatus(store, { ...t, from: "approved", to: "signed", action: "sign" }, now)).toBe(false);
      const events = await listEvents(store, l.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: "submit",
        from_status: "draft",
        to_status: "in_review",
        revision: 1,
        comment: "mohon paraf",
      });
      expect((await getLetter(store, l.id))?.status).toBe("in_review");
    });

    it("guards a paraf on the review step it expects", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1);
      await setStatus(store, { id: l.id, from: "draft", to: "in_review", action: "submit", actorId: f.user.id }, now);
      const paraf: Transition = {
        id: l.id,
        from: "in_review",
        to: "in_review",
        action: "paraf",
        actorId: f.user.id,
        set: { review_step: 1 },
        expect: { review_step: 0 },
      };
      expect(await setStatus(store, paraf, now)).toBe(true);
      expect(await setStatus(store, paraf, now)).toBe(false);
      expect((await getLetter(store, l.id))?.review_step).toBe(1);
      expect((await listEvents(store, l.id)).map((e) => e.action)).toEqual(["submit", "paraf"]);
    });

    it("lists with filters and pages, with the total", async () => {
      const store = await open();
      const f = await fixture(store);
      for (let i = 0; i < 25; i++)
        await draft(store, f, i, i % 5 === 0 ? `Netralitas ASN 100% tahap ${i}` : `Cuti bersama ${i}`);
      await setStatus(
        store,
        { id: `L-${f.tag}-3`, from: "draft", to: "in_review", action: "submit", actorId: f.user.id },
        now,
      );

      const page3 = await listLetters(store, { registerId: f.register.id, limit: 10, offset: 20 });
      expect(page3.total).toBe(25);
      expect(page3.items).toHaveLength(5);
      const pages = await Promise.all(
        [0, 10, 20].map((offset) => listLetters(store, { registerId: f.register.id, limit: 10, offset })),
      );
      expect(new Set(pages.flatMap((p) => p.items.map((l) => l.id))).size).toBe(25);

      const search = await listLetters(store, { registerId: f.register.id, q: "netralitas" });
      expect(search.total).toBe(5);
      expect((await listLetters(store, { registerId: f.register.id, q: "100%" })).total).toBe(5);
      expect((await listLetters(store, { registerId: f.register.id, q: "0%" })).total).toBe(5);
      expect((await listLetters(store, { registerId: f.register.id, q: "_" })).total).toBe(0);

      const inReview = await listLetters(store, { registerId: f.register.id, status: "in_review" });
      expect(inReview.items.map((l) => l.id)).toEqual([`L-${f.tag}-3`]);
      expect((await listLetters(store, { registerId: f.register.id, status: ["draft", "in_review"] })).total).toBe(25);
    });
  });

  describe(`${name}: keyset paging`, () => {
    it("gives every letter exactly once, newest first, with letters written between the page requests", async () => {
      const store = await open();
      const f = await fixture(store);
      // Equal updated_at for pairs, so the id must break ties.
      for (let i = 0; i < 11; i++) {
        await createDraft(
          store,
          {
            id: `L-${f.tag}-${String(i).padStart(2, "0")}`,
            registerId: f.register.id,
            tentang: `Surat ${i}`,
            input: inputAbout(`Surat ${i}`, i),
            createdBy: f.user.id,
          },
          `2024-10-0${1 + Math.floor(i / 2)}T03:00:00.000Z`,
        );
      }
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await listLetters(store, {
          registerId: f.register.id,
          limit: 3,
          ...(after ? { after: decodeCursor(after, "text") } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((l) => l.id));
        expect(page.items.every((l) => !("input_json" in l))).toBe(true);
        after = page.nextCursor;
        // A new letter (newest of all) lands before the cursor: it belongs to page one, not to what follows.
        if (pages === 0) {
          const late = { id: `L-${f.tag}-late`, registerId: f.register.id, tentang: "Baru", createdBy: f.user.id };
          await createDraft(store, { ...late, input: inputAbout("Baru", 99) }, "2024-12-01T03:00:00.000Z");
        }
        pages++;
      } while (after);
      const expected = Array.from({ length: 11 }, (_, i) => `L-${f.tag}-${String(10 - i).padStart(2, "0")}`);
      expect(seen).toEqual(expected);
      expect(pages).toBe(4);
    });
  });

  describe(`${name}: register`, () => {
    it("manages registers and refuses a pattern without {seq}", async () => {
      const store = await open();
      const tag = uid();
      await createRegister(store, { id: `A.${tag}`, name: "A", pattern: "{kka}/{seq}/{unit}/{month}/{year}" }, now);
      expect((await listRegisters(store)).map((r) => r.id)).toContain(`A.${tag}`);
      expect(await updateRegister(store, `A.${tag}`, { name: "A baru" })).toMatchObject({
        name: "A baru",
        pattern: "{kka}/{seq}/{unit}/{month}/{year}",
      });
      await expect(createRegister(store, { id: `B.${tag}`, name: "B", pattern: "{kka}/{unit}" }, now)).rejects.toThrow(
        /\{seq\}/,
      );
      expect(await deleteRegister(store, `A.${tag}`)).toBe(true);
      expect(await getRegister(store, `A.${tag}`)).toBeNull();
    });

    it("gives 50 concurrent approvals 50 distinct, gap-free numbers", async () => {
      const store = await open();
      const f = await fixture(store);
      const ids = await approvedLetters(store, f, 50);
      const got = await Promise.all(
        ids.map((letterId) =>
          assignNomor(store, { letterId, registerId: f.register.id, year: 2024, parts: { kka: "800" } }, now),
        ),
      );
      const seqs = got.map((g) => g?.seq ?? 0).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(got.map((g) => g?.nomor)).size).toBe(50);
      expect(got.every((g) => g?.created)).toBe(true);
      expect(got.map((g) => g?.nomor)).toContain(`800/17/${f.register.id}/2024`);
      for (const [i, letterId] of ids.entries()) {
        const l = await getLetter(store, letterId);
        expect(l).toMatchObject({ nomor: got[i]?.nomor, nomor_seq: got[i]?.seq, nomor_year: 2024 });
      }
      expect(await listEntries(store, f.register.id, 2024)).toHaveLength(50);
      expect(await deleteRegister(store, f.register.id)).toBe(false);
    });

    it("returns the existing number when asked again, without using up another", async () => {
      const store = await open();
      const f = await fixture(store);
      const [a, b] = await approvedLetters(store, f, 2);
      const req = (letterId: string) => ({ letterId, registerId: f.register.id, year: 2024, parts: { kka: "800" } });
      const first = await assignNomor(store, req(a!), now);
      const again = await Promise.all([
        assignNomor(store, req(a!), now),
        assignNomor(store, req(a!), "2024-12-01T00:00:00.000Z"),
      ]);
      expect(again.map((g) => g?.nomor)).toEqual([first?.nomor, first?.nomor]);
      expect(again.every((g) => g?.created === false && g.issuedAt === now)).toBe(true);
      expect((await assignNomor(store, req(b!), now))?.seq).toBe(2);
      expect(await assignNomor(store, req(`L-${f.tag}-missing`), now)).toBeNull();
      expect(await assignNomor(store, req(`L-${f.tag}-missing2`), now)).toBeNull();
      const [c] = await approvedLetters(store, { ...f, tag: `${f.tag}X` }, 1);
      expect((await assignNomor(store, req(c!), now))?.seq).toBe(3);
    });

    it("keeps separate sequences per register and per year", async () => {
      const store = await open();
      const f = await fixture(store);
      const other = await createRegister(
        store,
        { id: `SETDA.${f.tag}`, name: "Lain", pattern: "{kka}/{seq}/{unit}/{month}/{year}" },
        now,
      );
      const ids = await approvedLetters(store, f, 5);
      const at = (i: number, registerId: string, year: number) =>
        assignNomor(store, { letterId: ids[i]!, registerId, year, parts: { kka: "100.3", month: "X" } }, now);
      expect((await at(0, f.register.id, 2024))?.nomor).toBe(`100.3/1/${f.register.id}/2024`);
      expect((await at(1, f.register.id, 2025))?.nomor).toBe(`100.3/1/${f.register.id}/2025`);
      expect((await at(2, other.id, 2024))?.nomor).toBe(`100.3/1/${other.id}/X/2024`);
      expect((await at(3, f.register.id, 2024))?.nomor).toBe(`100.3/2/${f.register.id}/2024`);
      expect((await at(4, other.id, 2024))?.nomor).toBe(`100.3/2/${other.id}/X/2024`);
    });

    it("numbers a letter in the same atomic step as its approval, and not when the approval lost", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1);
      await setStatus(store, { id: l.id, from: "draft", to: "in_review", action: "submit", actorId: f.user.id }, now);
      const approve = () =>
        store.atomic([
          ...transitionQueries(
            store,
            {
              id: l.id,
              from: "in_review",
              to: "approved",
              action: "approve",
              actorId: f.user.id,
              set: { approved_at: now },
            },
            now,
          ),
          ...assignNomorQueries(
            store,
            { letterId: l.id, registerId: f.register.id, year: 2024, parts: { kka: "800" }, onlyIfStatus: "approved" },
            now,
          ),
        ]);
      const [first, second] = await Promise.all([approve(), approve()]);
      expect([first?.[0]?.numAffectedRows, second?.[0]?.numAffectedRows].map(Number).sort()).toEqual([0, 1]);
      expect(await getLetter(store, l.id)).toMatchObject({
        status: "approved",
        nomor: `800/1/${f.register.id}/2024`,
        approved_at: now,
      });
      expect(await listEntries(store, f.register.id)).toHaveLength(1);
      expect((await listEvents(store, l.id)).map((e) => e.action)).toEqual(["submit", "approve"]);

      const d = await draft(store, f, 2);
      await store.atomic(
        assignNomorQueries(
          store,
          { letterId: d.id, registerId: f.register.id, year: 2024, parts: { kka: "800" }, onlyIfStatus: "approved" },
          now,
        ),
      );
      expect((await getLetter(store, d.id))?.nomor).toBeNull();
      expect(await listEntries(store, f.register.id)).toHaveLength(1);
    });
  });
  describe(`${name}: users, guarded changes`, () => {
    it("changes a user only when the password hash is the one expected, and counts the active admins", async () => {
      const store = await open();
      const tag = uid();
      const before = await countActiveAdmins(store);
      const admin = (id: string) => ({
        id,
        username: id,
        displayName: "Admin",
        role: "admin" as const,
        passwordHash: "h1",
      });
      const a = await createUser(store, admin(`admin-a-${tag}`), now);
      await createUser(store, admin(`admin-b-${tag}`), now);
      expect(await countActiveAdmins(store)).toBe(before + 2);
      expect(await countActiveAdmins(store, a.id)).toBe(before + 1);

      // The password was changed meanwhile: a change based on the old hash writes nothing.
      const [stale] = await store.atomic([
        updateUserQuery(store, a.id, { password_hash: "h2" }, { expectPasswordHash: "bukan-h1" }),
      ]);
      expect(Number(stale?.numAffectedRows)).toBe(0);
      const [fresh] = await store.atomic([
        updateUserQuery(store, a.id, { password_hash: "h2", must_change_password: 1 }, { expectPasswordHash: "h1" }),
      ]);
      expect(Number(fresh?.numAffectedRows)).toBe(1);
      expect(await getUserById(store, a.id)).toMatchObject({ password_hash: "h2", must_change_password: 1 });

      // Another active admin (b) remains, so the guarded disable goes through.
      const [disabled] = await store.atomic([
        updateUserQuery(store, a.id, { disabled_at: now }, { keepAnActiveAdmin: true }),
      ]);
      expect(Number(disabled?.numAffectedRows)).toBe(1);
      expect(await countActiveAdmins(store)).toBe(before + 1);
      expect((await listUsers(store, { role: "admin", status: "disabled" })).map((u) => u.id)).toContain(a.id);
      expect((await listUsers(store, { role: "admin", status: "active" })).map((u) => u.id)).not.toContain(a.id);
    });
  });

  describe(`${name}: letters, events and documents`, () => {
    it("records an event that is not a status change at the letter's revision, in order with the transitions", async () => {
      const store = await open();
      const f = await fixture(store);
      const l = await draft(store, f, 1);
      await updateDraft(
        store,
        { id: l.id, tentang: "Versi 2", input: inputAbout("Versi 2", 2), actorId: f.user.id },
        now,
      );
      const e = await recordEvent(
        store,
        {
          letterId: l.id,
          action: "comment",
          fromStatus: "draft",
          toStatus: "draft",
          actorId: f.user.id,
          comment: "Cek",
        },
        now,
      );
      expect(e).toMatchObject({ letter_id: l.id, revision: 2, comment: "Cek" });
      await setStatus(store, { id: l.id, from: "draft", to: "in_review", action: "submit", actorId: f.user.id }, now);
      expect((await listEvents(store, l.id)).map((x) => [x.action, x.revision])).toEqual([
        ["comment", 2],
        ["submit", 2],
      ]);
      await expect(
        recordEvent(
          store,
          {
            letterId: `L-${f.tag}-none`,
            action: "comment",
            fromStatus: "draft",
            toStatus: "draft",
            actorId: f.user.id,
          },
          now,
        ),
      ).rejects.toThrow();
    });

    it("finds a letter's signed document, and nothing for a letter not signed", async () => {
      const store = await open();
      const f = await fixture(store);
      const signed = await draft(store, f, 1);
      const unsigned = await draft(store, f, 2);
      expect(await findSignedDocument(store, signed.id)).toBeUndefined();
      const doc = {
        id: `D-${f.tag}`,
        letter_id: signed.id,
        kind: "signed" as const,
        sha256: "ab".repeat(32),
        size: 4096,
        storage_key: `letters/${signed.id}/signed.docx`,
        key_id: "kid-uji",
        signature: "sig-uji",
        signed_at: now,
        created_at: now,
      };
      await store.db.insertInto("documents").values(doc).execute();
      expect(await findSignedDocument(store, signed.id)).toEqual(doc);
      expect(await findSignedDocument(store, unsigned.id)).toBeUndefined();
      // One signed document per letter: the second insert is refused.
      await expect(
        store.db
          .insertInto("documents")
          .values({ ...doc, id: `D2-${f.tag}` })
          .execute(),
      ).rejects.toThrow();
    });
  });

  describe(`${name}: reference data`, () => {
    it("seeds the bundled OPDs and registers in chunks the database accepts, twice without change", async () => {
      const store = await open();
      await seedReferenceData(store, "2024-10-01T00:00:00.000Z");
      const first = await listOpds(store, { kind: "kecamatan" });
      await seedReferenceData(store, "2024-10-02T00:00:00.000Z");
      expect(first).toHaveLength(9);
      expect(await listOpds(store, { kind: "kecamatan" })).toEqual(first);
      expect((await getOpd(store, "DISPORA"))?.email).toBeNull();
      for (const r of defaultRegisters) expect(await getRegister(store, r.id)).toMatchObject({ name: r.name });
    });

    it("keeps what an admin edited (OPD head and email, register name) when seeded again", async () => {
      const store = await open();
      const tag = uid();
      const opd = {
        id: `S${tag}`,
        name: "Dinas Benih",
        kind: "dinas" as const,
        head_title: "Kepala Dinas Benih",
        head_name: null,
        email: null,
      };
      const data: ReferenceData = { opd: [opd], registers: [{ id: `S.${tag}`, name: "Register Benih" }] };
      expect(await seedReferenceData(store, now, data)).toEqual({ opd: 1, registers: 1 });
      const later = "2024-10-05T00:00:00.000Z";
      await updateOpd(store, opd.id, { head_name: "Nama Kepala", email: "kepala@example.org" }, later);
      await updateRegister(store, `S.${tag}`, { name: "Register Diubah" });
      await seedReferenceData(store, later, { ...data, opd: [{ ...opd, name: "Dinas Benih Baru" }] });
      expect(await getOpd(store, opd.id)).toMatchObject({
        name: "Dinas Benih Baru",
        head_name: "Nama Kepala",
        email: "kepala@example.org",
      });
      expect(await getRegister(store, `S.${tag}`)).toMatchObject({ name: "Register Diubah" });
    });
  });

  capabilityReposContract(name, open);
}
