// A sent letter with recipients, inserted directly (planSend belongs to the send side), on a real SQLite file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ackTokenFor, hashAckToken } from "../../src/domain/ack-token.js";
import type { DeliveryStatus } from "../../src/domain/recipient-status.js";
import type { LetterStatus } from "../../src/domain/workflow.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { partialStoredInput } from "./stored-input-fixture.js";

export const ACK_SECRET = "test-ack-secret-0123456789";
export const SENT_AT = "2024-11-01T02:00:00.000Z";

export interface TrackFixture {
  store: SqliteStore;
  dir: string;
  close(): Promise<void>;
}

export async function makeTrackFixture(): Promise<TrackFixture> {
  const dir = mkdtempSync(join(tmpdir(), "edaran-track-"));
  const store = openSqliteStore(join(dir, "edaran.sqlite"));
  const at = "2024-10-01T00:00:00.000Z";
  await store.db
    .insertInto("users")
    .values({
      id: "u-sekretariat",
      username: "sekretariat",
      display_name: "Sekretariat Daerah",
      role: "sekretariat",
      password_hash: "x",
      created_at: at,
    })
    .execute();
  await store.db
    .insertInto("registers")
    .values({ id: "BKPSDM.II", name: "Bidang Pengembangan", created_at: at })
    .execute();
  return {
    store,
    dir,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SeedLetterOptions {
  letterId: string;
  opdIds: string[];
  status?: LetterStatus;
  ackDeadline?: string | null;
  sentAt?: string;
  recipientStatus?: DeliveryStatus;
}

export interface SeededRecipient {
  id: string;
  opdId: string;
  token: string;
}

/** Inserts missing OPDs, a letter with the given status, and one recipient per OPD; returns their tokens. */
export async function seedLetter(store: SqliteStore, o: SeedLetterOptions): Promise<SeededRecipient[]> {
  const at = "2024-10-01T00:00:00.000Z";
  for (const opdId of o.opdIds) {
    await store.db
      .insertInto("opd")
      .values({
        id: opdId,
        name: `Dinas ${opdId}`,
        kind: "dinas",
        head_title: `Kepala Dinas ${opdId}`,
        head_name: `Kepala ${opdId}`,
        email: `${opdId.toLowerCase()}@bengkulukota.go.id`,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
  const sentAt = o.sentAt ?? SENT_AT;
  await store.db
    .insertInto("letters")
    .values({
      id: o.letterId,
      status: o.status ?? "sent",
      register_id: "BKPSDM.II",
      tentang: `Netralitas ASN (${o.letterId})`,
      input_json: partialStoredInput({}),
      revision: 1,
      nomor: `800.1.3/${o.letterId}/BKPSDM.II/2024`,
      created_by: "u-sekretariat",
      created_at: at,
      updated_at: at,
      sent_at: sentAt,
      ack_deadline: o.ackDeadline === undefined ? "2024-11-20" : o.ackDeadline,
    })
    .execute();
  const out: SeededRecipient[] = [];
  for (const opdId of o.opdIds) {
    const id = `rcp-${o.letterId}-${opdId}`;
    const token = await ackTokenFor(ACK_SECRET, id);
    await store.db
      .insertInto("recipients")
      .values({
        id,
        letter_id: o.letterId,
        opd_id: opdId,
        email: `${opdId.toLowerCase()}@bengkulukota.go.id`,
        head_name: `Kepala ${opdId}`,
        status: o.recipientStatus ?? "sent",
        ack_token_hash: await hashAckToken(token),
        provider_message_id: `re_${id}`,
        sent_at: (o.recipientStatus ?? "sent") === "queued" ? null : sentAt,
        created_at: sentAt,
      })
      .execute();
    out.push({ id, opdId, token });
  }
  return out;
}

export async function recipientRow(store: SqliteStore, id: string) {
  return store.db.selectFrom("recipients").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
