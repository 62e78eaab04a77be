// The offline mail transport writes a standard .eml that parses back to the same message.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.js";
import { createEmlMailer, quotedPrintable } from "../../src/send/eml-mailer.js";
import type { OutgoingEmail } from "../../src/send/mailer.js";
import { base64Body, children, decodeWords, parsePart, textBody } from "../support/mime-parts.js";
import { makeSampleDocx } from "../support/send-fixture.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "edaran-eml-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const docx = makeSampleDocx(10_000);
const msg: OutgoingEmail = {
  from: "Sekretariat Daerah Kota Bengkulu <edaran@bengkulukota.example>",
  to: "kepala.dikbud@bengkulukota.example",
  subject: "Surat Edaran Nomor 800/7/BKPSDM.II/2024 tentang Netralitas ASN — Pilkada “2024”",
  html: "<p>Yth. Kepala Dinas — mohon <b>konfirmasi</b></p>",
  text: "Yth. Kepala Dinas — mohon konfirmasi",
  headers: {
    "X-Edaran-Outbox-Id": "obx_letter_1",
    "X-Edaran-Opd-Id": "DIKBUD",
    "X-Edaran-Opd-Name": "Dinas Pendidikan dan Kebudayaan",
  },
  attachments: [
    {
      filename: "Surat-Edaran-800-7-BKPSDM.II-2024.docx",
      content: docx,
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
  ],
};

describe("eml mailer", () => {
  it("writes a MIME message whose headers, text, html and attachment parse back to what was sent", async () => {
    const lines: string[] = [];
    const mailer = createEmlMailer({ dir, clock: fixedClock("2024-10-01T03:04:05Z"), log: (l) => lines.push(l) });
    const r = await mailer.send(msg, { idempotencyKey: "obx_letter_1" });
    expect(r).toEqual({ ok: true, providerId: "DIKBUD__obx_letter_1.eml" });
    expect(lines).toEqual([`email untuk Dinas Pendidikan dan Kebudayaan → ${join(dir, "DIKBUD__obx_letter_1.eml")}`]);

    const raw = readFileSync(join(dir, "DIKBUD__obx_letter_1.eml"), "utf8");
    const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
    expect(head).toMatch(/^[\x00-\x7f]*$/); // headers are 7-bit clean: every non-ASCII byte is encoded
    const top = parsePart(raw);
    expect(top.headers.get("from")).toBe('"Sekretariat Daerah Kota Bengkulu" <edaran@bengkulukota.example>');
    expect(top.headers.get("to")).toBe("kepala.dikbud@bengkulukota.example");
    expect(top.headers.get("mime-version")).toBe("1.0");
    expect(top.headers.get("date")).toBe("Tue, 01 Oct 2024 03:04:05 +0000");
    expect(top.headers.get("message-id")).toBe("<obx_letter_1@edaran.local>");
    expect(top.headers.get("x-edaran-outbox-id")).toBe("obx_letter_1");
    expect(top.headers.get("x-edaran-opd-id")).toBe("DIKBUD");
    expect(top.headers.get("subject")).toMatch(/^=\?UTF-8\?B\?/);
    expect(decodeWords(top.headers.get("subject")!)).toBe(msg.subject);
    for (const line of raw.slice(0, raw.indexOf("\r\n\r\n")).split("\r\n"))
      expect(line.length).toBeLessThanOrEqual(998);

    expect(top.headers.get("content-type")).toMatch(/^multipart\/mixed;/);
    const [alternative, attachment, ...rest] = children(top);
    expect(rest).toHaveLength(0);
    expect(alternative!.headers.get("content-type")).toMatch(/^multipart\/alternative;/);
    const [text, html] = children(alternative!);
    expect(text!.headers.get("content-type")).toBe("text/plain; charset=UTF-8");
    expect(textBody(text!)).toBe(msg.text);
    expect(html!.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(base64Body(html!).toString("utf8")).toBe(msg.html);

    expect(attachment!.headers.get("content-type")).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="Surat-Edaran-800-7-BKPSDM.II-2024.docx"',
    );
    expect(attachment!.headers.get("content-disposition")).toBe(
      'attachment; filename="Surat-Edaran-800-7-BKPSDM.II-2024.docx"',
    );
    expect(base64Body(attachment!).equals(Buffer.from(docx))).toBe(true);
  });

  it("overwrites the file of the same idempotency key instead of adding another", async () => {
    const mailer = createEmlMailer({ dir });
    await mailer.send(msg, { idempotencyKey: "obx_letter_1" });
    await mailer.send({ ...msg, text: "kedua" }, { idempotencyKey: "obx_letter_1" });
    await mailer.send(msg, { idempotencyKey: "obx_letter_2" });
    expect(readdirSync(dir).sort()).toEqual(["DIKBUD__obx_letter_1.eml", "DIKBUD__obx_letter_2.eml"]);
    const alt = children(children(parsePart(readFileSync(join(dir, "DIKBUD__obx_letter_1.eml"), "utf8")))[0]!);
    expect(textBody(alt[0]!)).toBe("kedua");
  });

  it("keeps a hostile key inside the folder", async () => {
    const mailer = createEmlMailer({ dir });
    const r = await mailer.send(
      { ...msg, headers: { "X-Edaran-Opd-Id": "../x" } },
      { idempotencyKey: "../../etc/passwd" },
    );
    expect(r).toEqual({ ok: true, providerId: ".._x__.._.._etc_passwd.eml" });
    expect(readdirSync(dir)).toEqual([".._x__.._.._etc_passwd.eml"]);
  });

  it("encodes a header value with a line break instead of letting it start a new header", async () => {
    const mailer = createEmlMailer({ dir });
    await mailer.send({ ...msg, subject: "Halo\r\nBcc: someone@evil.example", headers: {} }, { idempotencyKey: "k" });
    const top = parsePart(readFileSync(join(dir, "k.eml"), "utf8"));
    expect(top.headers.has("bcc")).toBe(false);
  });

  it("writes the plain text readably, so the acknowledgement link can be found with grep", async () => {
    const ackUrl = "https://edaran.bengkulukota.go.id/tanda-terima/Abcdefghijklmnopqrstuvwxyz0123456789_-ABCDEFG";
    const text = `Yth. Kepala Dinas — mohon konfirmasi\nKonfirmasi Penerimaan ${ackUrl}\n\nJika tombol tidak berfungsi, buka tautan ini: ${ackUrl}`;
    await createEmlMailer({ dir }).send({ ...msg, text }, { idempotencyKey: "obx_letter_9" });
    const raw = readFileSync(join(dir, "DIKBUD__obx_letter_9.eml"), "utf8");
    const grepped = raw.split("\r\n").filter((l) => l.includes("tanda-terima/"));
    expect(grepped).toEqual([
      `Konfirmasi Penerimaan ${ackUrl}`,
      `Jika tombol tidak berfungsi, buka tautan ini: ${ackUrl}`,
    ]);
    const [plain] = children(children(parsePart(raw))[0]!);
    expect(plain!.headers.get("content-transfer-encoding")).toBe("8bit");
    expect(textBody(plain!)).toBe(text.replace(/\n/g, "\r\n"));
  });

  it("falls back to quoted-printable when a text line is longer than SMTP allows", async () => {
    const text = `awal ${"é".repeat(600)} akhir=`;
    await createEmlMailer({ dir }).send({ ...msg, text }, { idempotencyKey: "obx_long" });
    const raw = readFileSync(join(dir, "DIKBUD__obx_long.eml"), "utf8");
    const [plain] = children(children(parsePart(raw))[0]!);
    expect(plain!.headers.get("content-transfer-encoding")).toBe("quoted-printable");
    for (const line of plain!.body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    expect(textBody(plain!)).toBe(text);
  });

  it("encodes trailing spaces and never splits an escape across a soft break", () => {
    const encoded = quotedPrintable(`${"a".repeat(74)}é ok `);
    expect(encoded).toBe(`${"a".repeat(74)}=\r\n=C3=A9 ok=20`);
  });
});
