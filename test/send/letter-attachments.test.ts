// What the email to each OPD head carries, through both mailers (the .eml outbox and the real `resend` SDK against
// the local Resend stand-in): the signed PDF whenever the letter has one, the DOCX as the Pemda profile's
// delivery.attachDocx says, and the DOCX always for a letter without a PDF; the body names what is attached.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { createEmlMailer } from "../../src/send/eml-mailer.js";
import type { Mailer } from "../../src/send/mailer.js";
import { createMessageBuilder } from "../../src/send/message-builder.js";
import { drainOutbox } from "../../src/send/outbox-worker.js";
import { createResendMailer } from "../../src/send/resend-mailer.js";
import { planSend } from "../../src/send/send-letter.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite-store.js";
import { base64Body, children, decodeWords, parsePart, textBody } from "../support/mime-parts.js";
import { type ResendServer, startResendServer } from "../support/resend-server.js";
import {
  makeMemoryBlobStore,
  type SignedLetterFixture,
  seedDeliverySetting,
  seedSignedLetter,
} from "../support/send-fixture.js";

const secret = "letter-attachments-test-secret";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PDF_NAME = "SE-800.1.2.3-87-BKPSDM.II-2024.pdf";
const DOCX_NAME = "SE-800.1.2.3-87-BKPSDM.II-2024.docx";

interface Received {
  attachments: { filename: string; contentType: string | undefined; content: Buffer }[];
  text: string;
}

let dir: string;
let store: SqliteStore;
let server: ResendServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "edaran-attachments-"));
  store = openSqliteStore(join(dir, "edaran.sqlite"));
  server = await startResendServer();
});
afterEach(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Seeds a letter to one OPD, sends it through `mailer` and returns what that OPD head received. */
async function sendOne(
  mailer: "eml" | "resend",
  setup: { withPdf: boolean; attachDocx?: boolean },
): Promise<{ letter: SignedLetterFixture; got: Received }> {
  const clock = fixedClock("2024-10-01T02:00:00.000Z");
  const blobs = makeMemoryBlobStore();
  const letter = await seedSignedLetter(store, blobs, { opdCount: 1, withPdf: setup.withPdf });
  // Attach mode (the links-by-default mode has its own tests in batch-fanout.test.ts).
  await seedDeliverySetting(store, setup.attachDocx ?? true);
  const planned = await planSend(store, letter.letterId, { opdIds: "all", ackSecret: secret, clock });
  if (!planned.ok) throw new Error("plan failed");
  await store.db.updateTable("letters").set({ status: "sent" }).where("id", "=", letter.letterId).execute();
  const build = createMessageBuilder({
    store,
    blobs,
    clock,
    ackSecret: secret,
    from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
    ackUrl: (t) => `https://edaran.example/tanda-terima/${t}`,
    verifyUrl: (id) => `https://edaran.example/v/${id}`,
  });
  const outbox = join(dir, "outbox");
  const sender: Mailer =
    mailer === "eml"
      ? createEmlMailer({ dir: outbox, clock })
      : createResendMailer({ apiKey: "re_test", baseUrl: server.url, requestsPerSecond: Infinity });
  const r = await drainOutbox({ store, mailer: sender, clock, build, batchSize: 5, concurrency: 1, lockMs: 60_000 });
  expect(r).toMatchObject({ sent: 1, failed: 0 });
  if (mailer === "resend") {
    expect(server.delivered).toHaveLength(1);
    const email = server.delivered[0]!;
    return {
      letter,
      got: {
        text: email.text ?? "",
        attachments: email.attachments.map((a) => ({
          filename: a.filename ?? "",
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      },
    };
  }
  const [file, ...others] = readdirSync(outbox);
  expect(others).toEqual([]);
  const top = parsePart(readFileSync(join(outbox, file!), "utf8"));
  const [alternative, ...attached] = children(top);
  const [plain] = children(alternative!);
  return {
    letter,
    got: {
      text: textBody(plain!),
      attachments: attached.map((a) => ({
        filename: decodeWords(/filename="([^"]+)"/.exec(a.headers.get("content-disposition") ?? "")?.[1] ?? ""),
        contentType: a.headers.get("content-type")?.split(";")[0],
        content: base64Body(a),
      })),
    },
  };
}

describe.each(["eml", "resend"] as const)("the letter email through the %s mailer", (mailer) => {
  it("carries the signed PDF and the DOCX by default, both named in the body", async () => {
    const { letter, got } = await sendOne(mailer, { withPdf: true });
    expect(got.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [PDF_NAME, "application/pdf"],
      [DOCX_NAME, DOCX],
    ]);
    expect(got.attachments[0]!.content.equals(Buffer.from(letter.pdf!))).toBe(true);
    expect(got.attachments[1]!.content.equals(Buffer.from(letter.docx))).toBe(true);
    expect(got.text.replace(/\s+/g, " ")).toContain(
      `terlampir pada email ini: PDF bertanda tangan elektronik (${PDF_NAME}) dan DOCX (${DOCX_NAME}).`,
    );
  });

  it("carries only the signed PDF when the Pemda turned the DOCX off", async () => {
    const { letter, got } = await sendOne(mailer, { withPdf: true, attachDocx: false });
    expect(got.attachments.map((a) => a.filename)).toEqual([PDF_NAME]);
    expect(got.attachments[0]!.content.equals(Buffer.from(letter.pdf!))).toBe(true);
    const text = got.text.replace(/\s+/g, " ");
    expect(text).toContain(`terlampir pada email ini: PDF bertanda tangan elektronik (${PDF_NAME}).`);
    expect(text).not.toContain(DOCX_NAME);
  });

  it("still carries the DOCX for a letter that has no signed PDF, whatever the setting", async () => {
    const { letter, got } = await sendOne(mailer, { withPdf: false, attachDocx: false });
    expect(got.attachments.map((a) => [a.filename, a.contentType])).toEqual([[DOCX_NAME, DOCX]]);
    expect(got.attachments[0]!.content.equals(Buffer.from(letter.docx))).toBe(true);
    const text = got.text.replace(/\s+/g, " ");
    expect(text).toContain(`terlampir pada email ini: DOCX (${DOCX_NAME}).`);
    expect(text).not.toContain("PDF");
  });
});
