// Node-only Mailer for running offline: each message becomes an RFC 5322 .eml file (any mail client
// opens it) named after the idempotency key, so a retry overwrites its own file and never adds one.
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { systemClock, type Clock } from "../domain/clock.js";
import type { Mailer, OutgoingEmail, SendOptions, SendOutcome } from "./mailer.js";

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
  if (!m || !m[1]) return value.trim();
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

/** The file name for a key: only safe characters, so a key can never climb out of the folder. */
export function emlFileName(idempotencyKey: string): string {
  return `${idempotencyKey.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;
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
  const enc = new TextEncoder();
  const textPart = (type: string, body: string) =>
    [`Content-Type: ${type}; charset=UTF-8`, "Content-Transfer-Encoding: base64", "", base64Lines(enc.encode(body))].join(CRLF);
  const alternative = [
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    textPart("text/plain", msg.text),
    `--${alt}`,
    textPart("text/html", msg.html),
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
  return {
    async send(msg: OutgoingEmail, { idempotencyKey }: SendOptions): Promise<SendOutcome> {
      const name = emlFileName(idempotencyKey);
      const path = join(opts.dir, name);
      try {
        await mkdir(opts.dir, { recursive: true });
        const eml = buildEml(msg, { messageId: `${name.replace(/\.eml$/, "")}@edaran.local`, date: clock.now() });
        // Write then rename: a crash never leaves a half-written .eml behind.
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, eml, "utf8");
        await rename(tmp, path);
      } catch (err) {
        return { ok: false, retryable: true, error: `eml: ${err instanceof Error ? err.message : String(err)}` };
      }
      opts.log?.(`email to ${msg.to} written to ${path}`);
      return { ok: true, providerId: name };
    },
  };
}
