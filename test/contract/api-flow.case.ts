// The API contract, run on both runtimes: the Node app on a real SQLite file (test/contract/api-flow-node.test.ts)
// and the Worker inside workerd on D1, R2 and Queues (test/workers/api-flow-workerd.test.ts). Only HTTP: what a
// client sees must be the same wherever the app runs. Each runner gives the suite a database of its own.

import { beforeAll, describe, expect, it } from "vitest";
import pemdaProfileJson from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { type ApiClient, type ApiTarget, makeApiClient } from "../support/api-client-fixture.js";
import { makeSampleBody } from "../support/sample-input-fixture.js";
import { passphraseBody, SIGNING_PASSPHRASE } from "../support/signer-fixture.js";

/** The seeded reference data: every OPD of the Kota, DISPORA without an email address. */
const SEEDED_OPDS = 40;
const REGISTER = "BKPSDM.II";

interface LetterAnswer {
  id: string;
  status: string;
  nomor: string | null;
  recipients?: number;
  queued?: number;
}
interface ErrorAnswer {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
interface VerifyAnswer {
  verdict: string;
  letter: { nomor: string } | null;
}
interface RecordAnswer {
  status: string;
  [key: string]: unknown;
}
interface TrackingAnswer {
  recipients: { recipientId: string; opdId: string; status: string }[];
  totals: { recipients: number; acknowledged: number };
}
interface EntriesAnswer {
  items: { seq: number; nomor: string; letter_id: string }[];
}

export function apiFlowContract(name: string, open: () => Promise<ApiTarget>): void {
  let api: ApiClient;
  beforeAll(async () => {
    api = makeApiClient(await open());
  });

  const entries = async () => {
    const admin = await api.login("admin");
    return (await api.ok<EntriesAnswer>(admin, "GET", `/api/registers/${REGISTER}/entries?year=2024`)).items;
  };

  describe(`${name}: the API's front door`, () => {
    it("answers /health", async () => {
      const r = await api.call(null, "GET", "/health");
      expect(r).toEqual({ status: 200, json: { status: "ok" } });
    });

    it("refuses anonymous and wrong-role callers, and a wrong password", async () => {
      expect((await api.call(null, "GET", "/api/letters")).status).toBe(401);
      expect((await api.call(null, "POST", "/api/letters", makeSampleBody())).status).toBe(401);
      const kepala = await api.login("kepala-dinkes");
      expect((await api.call(kepala, "POST", "/api/letters", makeSampleBody())).status).toBe(403);
      expect((await api.call(kepala, "PATCH", "/api/opd/DISPORA", { email: "x@example.go.id" })).status).toBe(403);
      const wrong = await api.call<ErrorAnswer>(null, "POST", "/api/auth/login", {
        username: "sekretariat",
        password: "salah-sekali",
      });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.code).toBe("login_failed");
    });

    it("answers a bad letter or a bad reviewer with 400 and the paths of the wrong fields", async () => {
      const sek = await api.login("sekretariat");
      const bad = makeSampleBody();
      bad.signer = { capacityId: "bukan-kapasitas" };
      delete bad.tentang;
      const r = await api.call<ErrorAnswer>(sek, "POST", "/api/letters", bad);
      expect(r.status).toBe(400);
      const paths = (r.json.error.issues ?? []).map((i) => i.path);
      expect(paths).toContain("tentang");
      expect(paths).toContain("signer.capacityId");

      // The read-only Inspektorat cannot be named to give paraf.
      const draft = await api.ok<LetterAnswer>(sek, "POST", "/api/letters", makeSampleBody(), 201);
      const inspektorat = await api.login("inspektorat");
      const refused = await api.call<ErrorAnswer>(sek, "POST", `/api/letters/${draft.id}/transitions`, {
        action: "submit",
        reviewers: [inspektorat.user.id],
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error.issues?.map((i) => i.path)).toEqual(["reviewers.0"]);
    });
  });

  describe(`${name}: one letter's whole life`, () => {
    it("drafts, takes paraf in order, numbers, signs, verifies, sends, is acknowledged and is withdrawn", async () => {
      const { sek, ttd, reviewer } = await api.actors();
      const setda = await api.login("kepala-setda");
      const transition = (as: typeof sek, id: string, body: Record<string, unknown>) =>
        api.ok<LetterAnswer>(as, "POST", `/api/letters/${id}/transitions`, body);
      const numbered = (await entries()).length;

      const draft = await api.ok<LetterAnswer>(sek, "POST", "/api/letters", makeSampleBody(), 201);
      expect(draft).toMatchObject({ status: "draft", nomor: null });
      const id = draft.id;
      expect(
        await transition(sek, id, { action: "submit", reviewers: [reviewer.user.id, setda.user.id] }),
      ).toMatchObject({ status: "in_review" });
      // Paraf in the given order: the second reviewer is not yet due.
      expect((await api.call(setda, "POST", `/api/letters/${id}/transitions`, { action: "paraf" })).status).toBe(403);
      await transition(reviewer, id, { action: "paraf" });
      await transition(setda, id, { action: "paraf", comment: "Sudah sesuai" });

      // The next number of the register, gap-free after whatever this database numbered before.
      const approved = await transition(ttd, id, { action: "approve" });
      const nomor = `800/${numbered + 1}/${REGISTER}/2024`;
      expect(approved).toMatchObject({ status: "approved", nomor });
      // Only the named signer, confirmed by his passphrase: a wrong one leaves the letter approved.
      await api.ok(ttd, "PUT", `/api/signers/${ttd.user.id}/passphrase`, passphraseBody);
      const wrong = await api.call<ErrorAnswer>(ttd, "POST", `/api/letters/${id}/transitions`, {
        action: "sign",
        passphrase: "bukan-frasa-sandinya",
      });
      expect(wrong.status).toBe(400);
      expect(wrong.json.error.code).toBe("signing_passphrase_wrong");
      expect((await api.ok<LetterAnswer>(sek, "GET", `/api/letters/${id}`)).status).toBe("approved");
      expect(await transition(ttd, id, { action: "sign", passphrase: SIGNING_PASSPHRASE })).toMatchObject({
        status: "signed",
      });

      // Signed but not sent: not public yet. The verify link knows nothing of it; signed-in staff get the file.
      expect((await api.target.fetch(`/v/${id}/dokumen.docx`)).status).toBe(404);
      expect((await api.call(null, "GET", `/api/verify/${id}`)).status).toBe(404);
      const doc = await api.target.fetch(`/api/letters/${id}/signed.docx`, { headers: { cookie: sek.cookie } });
      expect(doc.status).toBe(200);
      const bytes = new Uint8Array(await doc.arrayBuffer());
      const verify = async (file: Uint8Array, query = "") =>
        api.ok<VerifyAnswer>(null, "POST", `/api/verify${query}`, file);
      expect(await verify(bytes)).toMatchObject({ verdict: "authentic", letter: { nomor } });
      expect(await verify(bytes, `?letterId=${id}`)).toMatchObject({ verdict: "authentic", letter: { nomor } });
      const tampered = bytes.slice();
      tampered[Math.floor(tampered.length / 2)]! ^= 1;
      expect((await verify(tampered)).verdict).toBe("mismatch");

      // DISPORA has no email: sending to all is refused before anything is written.
      const refused = await api.call<ErrorAnswer>(sek, "POST", `/api/letters/${id}/transitions`, { action: "send" });
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe("missing_email");
      expect((await api.ok<LetterAnswer>(sek, "GET", `/api/letters/${id}`)).status).toBe("signed");
      await api.ok(sek, "PATCH", "/api/opd/DISPORA", { email: "dispora@bengkulukota.go.id" });
      const opds = (await api.ok<{ items: unknown[] }>(sek, "GET", "/api/opd")).items;
      expect(opds).toHaveLength(SEEDED_OPDS);
      const sent = await transition(sek, id, { action: "send", opdIds: "all" });
      expect(sent).toMatchObject({ status: "sent", recipients: SEEDED_OPDS, queued: SEEDED_OPDS });
      // Sent: a public circular. Its verify link shows the record and serves the very signed bytes.
      expect((await api.ok<RecordAnswer>(null, "GET", `/api/verify/${id}`)).status).toBe("berlaku");
      const published = await api.target.fetch(`/v/${id}/dokumen.docx`);
      expect(published.status).toBe(200);
      expect(new Uint8Array(await published.arrayBuffer())).toEqual(bytes);

      const tracking = await api.ok<TrackingAnswer>(sek, "GET", `/api/letters/${id}/recipients`);
      expect(tracking.totals).toMatchObject({ recipients: SEEDED_OPDS, acknowledged: 0 });
      expect(tracking.recipients.map((r) => r.opdId)).toContain("DISPORA");

      // The head of BKPSDM opens the link from the email and confirms receipt, once.
      const bkpsdm = tracking.recipients.find((r) => r.opdId === "BKPSDM")!;
      const token = await api.ackToken(bkpsdm.recipientId);
      expect(await api.ok(null, "GET", `/api/ack/${token}`)).toMatchObject({
        letter: { id, nomor },
        acknowledgedAt: null,
      });
      const ack = { name: "Kepala BKPSDM Uji", position: "Kepala Badan" };
      expect(await api.ok(null, "POST", `/api/ack/${token}`, ack, 201)).toMatchObject({ status: "acknowledged" });
      expect(await api.ok(null, "POST", `/api/ack/${token}`, { name: "Orang Lain", position: "Staf" })).toMatchObject({
        status: "already",
        name: ack.name,
      });
      expect((await api.call(null, "GET", "/api/ack/bukan-token-yang-sah")).status).toBe(404);
      const after = await api.ok<TrackingAnswer>(sek, "GET", `/api/letters/${id}/recipients`);
      expect(after.totals.acknowledged).toBe(1);
      expect(after.recipients.find((r) => r.opdId === "BKPSDM")?.status).toBe("acknowledged");

      await transition(ttd, id, { action: "withdraw", reason: "Diganti dengan surat edaran yang baru" });
      expect((await api.ok<LetterAnswer>(sek, "GET", `/api/letters/${id}`)).status).toBe("withdrawn");
      const record = await api.ok<RecordAnswer>(null, "GET", `/api/verify/${id}`);
      expect(record.status).toBe("dicabut");
      expect(JSON.stringify(record)).toContain("Diganti dengan surat edaran yang baru");
      expect((await verify(bytes)).verdict).toBe("revoked");
      // Withdrawn: no file of it through any link, the record still says dicabut.
      expect((await api.target.fetch(`/v/${id}/dokumen.docx`)).status).toBe(410);
      const staffCopy = await api.target.fetch(`/api/letters/${id}/signed.docx`, { headers: { cookie: sek.cookie } });
      expect(staffCopy.status).toBe(410);
      expect((await api.target.fetch(`/tanda-terima/${token}/docx`)).status).toBe(410);
      const late = after.recipients.find((r) => r.opdId === "DINKES")!;
      const lateAck = await api.call<ErrorAnswer>(
        null,
        "POST",
        `/api/ack/${await api.ackToken(late.recipientId)}`,
        ack,
      );
      expect(lateAck.status).toBe(410);
      expect(lateAck.json.error.code).toBe("letter_withdrawn");

      const inspektorat = await api.login("inspektorat");
      const events = await api.ok<{ items: { action: string }[] }>(inspektorat, "GET", `/api/letters/${id}/events`);
      expect(events.items.map((e) => e.action)).toEqual([
        "submit",
        "paraf",
        "paraf",
        "approve",
        "sign",
        "send",
        "withdraw",
      ]);
      expect(await api.ok(inspektorat, "GET", "/api/audit/verify")).toMatchObject({ intact: true });
    });
  });

  describe(`${name}: the signer's account`, () => {
    it("is set by the admin, seen by the signer himself, and names the draft's issuer", async () => {
      const admin = await api.login("admin");
      const ttd = await api.login("penandatangan");
      const sek = await api.login("sekretariat");
      const path = `/api/signers/${ttd.user.id}`;
      const put = await api.ok<{ identity: { nik: string | null } }>(admin, "PUT", path, {
        name: "Arif Gunadi",
        jabatan: "Penjabat Wali Kota Bengkulu",
        nik: "1771010101700001",
      });
      expect(put.identity.nik).toBe("1771010101700001");
      const added = await api.ok<{ capacities: { id: string; prefix: string | null }[] }>(
        admin,
        "POST",
        `${path}/capacities`,
        { prefix: "Plh.", principal: "Wali Kota Bengkulu", validFrom: "2024-10-01", validUntil: "2024-10-31" },
        201,
      );
      const plh = added.capacities.find((c) => c.prefix === "Plh.")!;
      const own = await api.ok<{ capacities: { id: string }[] }>(ttd, "GET", path);
      expect(own.capacities.map((c) => c.id)).toContain(plh.id);
      expect((await api.call(sek, "GET", path)).status).toBe(403);
      const letter = await api.ok<{ input: { issuer: Record<string, unknown> } }>(
        sek,
        "POST",
        "/api/letters",
        { ...makeSampleBody(), signer: { capacityId: plh.id } },
        201,
      );
      expect(letter.input.issuer).toEqual({
        prefix: "Plh.",
        principal: "Wali Kota Bengkulu",
        jabatan: "Penjabat Wali Kota Bengkulu",
        name: "Arif Gunadi",
      });
    });
  });

  describe(`${name}: the register under concurrent approvals`, () => {
    it("gives 50 approvals fired at once 50 distinct numbers that continue the register without a gap", async () => {
      const a = await api.actors();
      const before = (await entries()).length;
      const ids: string[] = [];
      // Drafting and review in small waves; only the approvals need to race.
      for (let i = 0; i < 50; i += 10) {
        const wave = await Promise.all(
          Array.from({ length: 10 }, async (_, k) => {
            const body = { ...makeSampleBody(), tentang: `Uji register serentak nomor ${i + k + 1}` };
            const { id } = await api.ok<LetterAnswer>(a.sek, "POST", "/api/letters", body, 201);
            await api.ok(a.sek, "POST", `/api/letters/${id}/transitions`, {
              action: "submit",
              reviewers: [a.reviewer.user.id],
            });
            await api.ok(a.reviewer, "POST", `/api/letters/${id}/transitions`, { action: "paraf" });
            return id;
          }),
        );
        ids.push(...wave);
      }

      const answers = await Promise.all(
        ids.map((id) => api.call<LetterAnswer>(a.ttd, "POST", `/api/letters/${id}/transitions`, { action: "approve" })),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      const nomor = answers.map((r) => r.json.nomor!);
      expect(new Set(nomor).size).toBe(50);
      const seqs = nomor.map((n) => Number(n.split("/")[1])).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => before + i + 1));

      // The register holds exactly these, after the earlier ones, with no hole and no repeat.
      const all = await entries();
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: before + 50 }, (_, i) => i + 1));
      const mine = all.filter((e) => ids.includes(e.letter_id));
      expect(mine.map((e) => e.nomor).sort()).toEqual([...nomor].sort());
    });
  });

  describe(`${name}: the Pemda profile`, () => {
    interface ProfileAnswer {
      version: number;
      profile: { governmentName: string; kopJabatan: string };
    }
    it("is read by any signed-in user, saved as a new version by the admin only, and refused with every bad field", async () => {
      const sek = await api.login("sekretariat");
      const admin = await api.login("admin");
      const before = await api.ok<ProfileAnswer>(sek, "GET", "/api/pemda-profile");
      expect(before.profile.governmentName).toBe("Pemerintah Kota Bengkulu");

      const edit = { ...pemdaProfileJson, kopJabatan: "PENJABAT WALI KOTA BENGKULU" };
      expect((await api.call(sek, "PUT", "/api/pemda-profile", edit)).status).toBe(403);
      const saved = await api.ok<ProfileAnswer>(admin, "PUT", "/api/pemda-profile", edit);
      expect(saved).toMatchObject({
        version: before.version + 1,
        profile: { kopJabatan: "PENJABAT WALI KOTA BENGKULU" },
      });

      const bad = await api.call<ErrorAnswer>(admin, "PUT", "/api/pemda-profile", { ...edit, level: "desa" });
      expect(bad.status).toBe(422);
      expect(bad.json.error.issues?.map((i) => i.path)).toEqual(["level"]);
      expect((await api.ok<ProfileAnswer>(sek, "GET", "/api/pemda-profile")).version).toBe(saved.version);
    });
  });
}
