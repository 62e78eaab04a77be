// Node-only Mailer for running offline: each message becomes an RFC 5322 .eml file (any mail client
// opens it) named <OPD>__<idempotency key>.eml, so a retry overwrites its own file and never adds one and a
// person can find an OPD's mail with ls. The text part is written as plain UTF-8 so `grep tanda-terima` works.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Clock, systemClock } from "../domain/clock.js";
import type { BatchItem, BatchOutcome, Mailer, OutgoingEmail, SendOptions, SendOutcome } from "./mailer.js";
import { OPD_ID_HEADER, OPD_NAME_HEADER } from "./message-headers.js";

export interface EmlMailerOptions {
  dir: string;
  clock?: Clock;
  log?: (line: string) => void;
}

const CRLF = "\r\n";
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date-time in UTC: 'Tue, 01 Oct 2024 03:04:05 +0000'. */
export function rfc5322Date(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 2047 encoded-word for non-ASCII header text, split so no encoded word passes 75 chars. */
export function encodeHeaderWord(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = "";
  for (const ch of value) {
    // 45 bytes of UTF-8 become 60 base64 chars: inside the 75-char limit with the =?UTF-8?B?...?= frame.
    if (Buffer.byteLength(chunk + ch, "utf8") > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join(`${CRLF} `);
}

/** 'Name <addr>' with the display name encoded when it is not plain ASCII. */
function encodeAddress(value: string): string {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(value);
  if (!m?.[1]) return value.trim();
  const name = m[1].replace(/^"|"$/g, "");
  const shown = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}"` : encodeHeaderWord(name);
  return `${shown} <${m[2]}>`;
}

function base64Lines(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

const unsafe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, "_");

/**
 * The file name for a key, prefixed with the OPD id when the message names one: 'BKPSDM__obx_letter_1a2b.eml'.
 * Only safe characters, so neither part can climb out of the folder.
 */
export function emlFileName(idempotencyKey: string, opdId?: string): string {
  return `${opdId ? `${unsafe(opdId)}__` : ""}${unsafe(idempotencyKey)}.eml`;
}

/** A header of the message, matched without regard to case as mail headers are. */
function headerOf(msg: OutgoingEmail, name: string): string | undefined {
  const key = Object.keys(msg.headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : msg.headers?.[key];
}

/** Quoted-printable (RFC 2045) with soft breaks inside the 76-character limit. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    let encoded = "";
    for (const byte of new TextEncoder().encode(line)) {
      const ch = String.fromCharCode(byte);
      encoded +=
        (byte >= 33 && byte <= 126 && ch !== "=") || byte === 32 || byte === 9
          ? ch
          : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    // Trailing whitespace would be stripped in transit: encode it.
    encoded = encoded.replace(/[ \t]$/, (ws) => `=${ws.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
    let rest = encoded;
    while (rest.length > 76) {
      let cut = 75;
      // Never split an =XX escape.
      const esc = rest.lastIndexOf("=", cut);
      if (esc > cut - 3) cut = esc;
      out.push(`${rest.slice(0, cut)}=`);
      rest = rest.slice(cut);
    }
    out.push(rest);
  }
  return out.join(CRLF);
}

// SMTP's line limit is 998 octets without the CRLF.
const MAX_LINE_OCTETS = 998;

/**
 * The text/plain part as readable text: 7bit when ASCII, 8bit UTF-8 otherwise, with CRLF line ends, so links
 * can be grepped in the file; quoted-printable only when a line is too long for 8bit.
 */
function plainTextPart(text: string): string {
  const enc = new TextEncoder();
  const lines = text.split(/\r\n|\r|\n/);
  const fits = lines.every((l) => enc.encode(l).byteLength <= MAX_LINE_OCTETS);
  if (!fits)
    return [
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      quotedPrintable(text),
    ].join(CRLF);
  const cte = /^[\x00-\x7f]*$/.test(text) ? "7bit" : "8bit";
  return ["Content-Type: text/plain; charset=UTF-8", `Content-Transfer-Encoding: ${cte}`, "", lines.join(CRLF)].join(
    CRLF,
  );
}

/** The whole message as RFC 5322 text: multipart/mixed of (multipart/alternative text+html) and attachments. */
export function buildEml(msg: OutgoingEmail, opts: { messageId: string; date: Date }): string {
  const tag = opts.messageId.replace(/[^A-Za-z0-9]/g, "").slice(0, 24);
  const mixed = `=_mixed_${tag}`;
  const alt = `=_alt_${tag}`;
  const headers = [
    `From: ${encodeAddress(msg.from)}`,
    `To: ${encodeAddress(msg.to)}`,
    `Subject: ${encodeHeaderWord(msg.subject)}`,
    `Date: ${rfc5322Date(opts.date)}`,
    `Message-ID: <${opts.messageId}>`,
    "MIME-Version: 1.0",
    ...Object.entries(msg.headers ?? {}).map(([k, v]) => `${k.replace(/[^A-Za-z0-9-]/g, "")}: ${encodeHeaderWord(v)}`),
  ];
  const htmlPart = [
    "Content-Type: text/html; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(new TextEncoder().encode(msg.html)),
  ].join(CRLF);
  const alternative = [
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    plainTextPart(msg.text),
    `--${alt}`,
    htmlPart,
    `--${alt}--`,
  ].join(CRLF);
  const attachments = (msg.attachments ?? []).map((a) => {
    const name = encodeHeaderWord(a.filename);
    return [
      `Content-Type: ${a.contentType}; name="${name}"`,
      "Content-Transfer-Encoding: base64",
      `Content-Disposition: attachment; filename="${name}"`,
      "",
      base64Lines(a.content),
    ].join(CRLF);
  });
  const body = [
    "This is a multi-part message in MIME format.",
    "",
    `--${mixed}`,
    alternative,
    ...attachments.flatMap((a) => [`--${mixed}`, a]),
    `--${mixed}--`,
    "",
  ].join(CRLF);
  return [...headers, `Content-Type: multipart/mixed; boundary="${mixed}"`, "", body].join(CRLF);
}

export function createEmlMailer(opts: EmlMailerOptions): Mailer {
  const clock = opts.clock ?? systemClock;
  const mailer = {
    async send(msg: OutgoingEmail, { idempotencyKey }: SendOptions): Promise<SendOutcome> {
      const opdId = headerOf(msg, OPD_ID_HEADER);
      const name = emlFileName(idempotencyKey, opdId);
      const path = join(opts.dir, name);
      try {
        await mkdir(opts.dir, { recursive: true });
        // The Message-ID stays the key alone: the same message whatever the file is called.
        const eml = buildEml(msg, {
          messageId: `${emlFileName(idempotencyKey).replace(/\.eml$/, "")}@edaran.local`,
          date: clock.now(),
        });
        // Write then rename: a crash never leaves a half-written .eml behind.
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, eml, "utf8");
        await rename(tmp, path);
      } catch (err) {
        return { ok: false, retryable: true, error: `eml: ${err instanceof Error ? err.message : String(err)}` };
      }
      opts.log?.(`email untuk ${headerOf(msg, OPD_NAME_HEADER) ?? opdId ?? msg.to} → ${path}`);
      return { ok: true, providerId: name };
    },
    /** A loop: each message is its own file under its own key, so a repeated batch overwrites, never adds. */
    async sendBatch(items: readonly BatchItem[]): Promise<BatchOutcome> {
      const providerIds: string[] = [];
      for (const item of items) {
        const r = await mailer.send(item.msg, { idempotencyKey: item.idempotencyKey });
        if (!r.ok) return r;
        providerIds.push(r.providerId);
      }
      return { ok: true, providerIds };
    },
  } satisfies Mailer;
  return mailer;
}
