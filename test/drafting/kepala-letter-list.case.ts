// A kepala OPD's letter list, on every Store (better-sqlite3: ./kepala-letter-list.test.ts; D1 inside workerd:
// test/workers/kepala-letter-list.test.ts): the letters sent to their OPD and those they are named to paraf,
// each once, newest first, across pages, read from the OPD's recipients rows and letter_reviewers, which follow
// every write of reviewers_json (create, edit, submit).
import { describe, expect, it } from "vitest";
import { decodeCursor } from "../../src/domain/page-cursor.js";
import { letterList } from "../../src/drafting/letter-list.js";
import { encodeJson } from "../../src/store/json-text.js";
import { createDraft, setStatus, updateDraft } from "../../src/store/letters-repo.js";
import { upsertOpds } from "../../src/store/opd-repo.js";
import { createRegister } from "../../src/store/register-repo.js";
import type { Store } from "../../src/store/store.js";
import { createUser } from "../../src/store/users-repo.js";
import { makeSampleInput } from "../support/sample-input-fixture.js";

const at = (n: number) => new Date(Date.parse("2024-10-01T03:00:00.000Z") + n * 60_000).toISOString();

export function kepalaLetterListContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: a kepala OPD's letter list`, () => {
    it("lists the letters sent to the OPD or given to its head for paraf, each once, newest first", async () => {
      const store = await open();
      const tag = globalThis.crypto.randomUUID().slice(0, 8).toUpperCase();
      const opdId = `OPD-${tag}`;
      await upsertOpds(
        store,
        [{ id: opdId, name: `Dinas ${tag}`, kind: "dinas", head_title: "Kepala Dinas", head_name: null, email: null }],
        at(0),
      );
      const user = (id: string, role: "sekretariat" | "kepala_opd", opd: string | null) =>
        createUser(store, { id, username: id, displayName: id, role, opdId: opd, passwordHash: "x" }, at(0));
      const staff = await user(`s-${tag}`, "sekretariat", null);
      const kepala = await user(`k-${tag}`, "kepala_opd", opdId);
      const register = await createRegister(store, { id: `REG.${tag}`, name: "Register" }, at(0));
      const id = (n: number) => `L-${tag}-${String(n).padStart(2, "0")}`;
      for (let n = 0; n < 12; n++) {
        await createDraft(
          store,
          {
            id: id(n),
            registerId: register.id,
            tentang: `Surat ${n}`,
            input: { ...makeSampleInput(), tentang: `Surat ${n}` },
            // Letters 1 and 4 name the kepala for paraf when drafted.
            reviewers: n === 1 || n === 4 ? [`x-${tag}`, kepala.id] : [`x-${tag}`],
            createdBy: staff.id,
          },
          at(n),
        );
      }
      // An edit takes the kepala off letter 4 and puts them on letter 6; a submit puts them on letter 8.
      const edit = (n: number, reviewers: string[]) =>
        updateDraft(
          store,
          { id: id(n), tentang: `Surat ${n}`, input: makeSampleInput(), actorId: staff.id, reviewers },
          at(20 + n),
        );
      expect(await edit(4, [`x-${tag}`])).not.toBeNull();
      expect(await edit(6, [kepala.id])).not.toBeNull();
      const submitted = await setStatus(
        store,
        {
          id: id(8),
          from: "draft",
          to: "in_review",
          action: "submit",
          actorId: staff.id,
          set: { reviewers_json: encodeJson([kepala.id]), review_step: 0 },
        },
        at(30),
      );
      expect(submitted).toBe(true);
      // Letters 2, 6 and 9 were sent to the OPD (6 is also the kepala's to paraf: listed once).
      for (const n of [2, 6, 9]) {
        await store.db
          .insertInto("recipients")
          .values({
            id: `R-${tag}-${n}`,
            letter_id: id(n),
            opd_id: opdId,
            email: "kepala@pemda.test",
            status: "delivered",
            ack_token_hash: `tok-${tag}-${n}`,
            created_at: at(40 + n),
          })
          .execute();
      }

      const viewer = { id: kepala.id, role: "kepala_opd" as const, opdId };
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page = await letterList(store, viewer, {
          limit: 2,
          ...(after ? { after: decodeCursor(after, "text") } : {}),
        });
        expect(page.counts.all).toBe(5);
        expect(page.counts.in_review).toBe(1);
        seen.push(...page.items.map((l) => l.id));
        after = page.nextCursor;
        pages++;
      } while (after);
      // Newest change first: the submit (8), the edit (6), then by creation 9, 2, 1.
      expect(seen).toEqual([id(8), id(6), id(9), id(2), id(1)]);
      expect(pages).toBe(3);
      const drafts = await letterList(store, viewer, { status: "draft" });
      expect(drafts.items.map((l) => l.id)).toEqual([id(6), id(9), id(2), id(1)]);
    });
  });
}
