// A small reader of the .eml files the offline mailer writes: headers unfolded, multiparts split by boundary,
// base64 and quoted-printable bodies decoded, each checked against the line limits of RFC 5322 / 2045.
import { expect } from "vitest";

export interface Part {
  headers: Map<string, string>;
  body: string;
}

/** A small RFC 5322 / MIME reader: unfolds headers, splits multiparts by boundary. */
export function parsePart(raw: string): Part {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

export function children(part: Part): Part[] {
  const boundary = /boundary="([^"]+)"/.exec(part.headers.get("content-type") ?? "")?.[1];
  if (!boundary) throw new Error("not multipart");
  const end = part.body.indexOf(`\r\n--${boundary}--`);
  return part.body
    .slice(0, end)
    .split(`--${boundary}\r\n`)
    .slice(1)
    .map((p) => parsePart(p.replace(/\r\n$/, "")));
}

export function decodeWords(value: string): string {
  return value.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b64: string) => Buffer.from(b64, "base64").toString("utf8"));
}

/** The text/plain body as sent: readable text (7bit/8bit) or quoted-printable decoded. */
export function textBody(part: Part): string {
  const cte = part.headers.get("content-transfer-encoding");
  if (cte === "quoted-printable") {
    const bytes = Buffer.from(
      part.body
        .replace(/=\r\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    );
    return bytes.toString("utf8");
  }
  expect(["7bit", "8bit"]).toContain(cte);
  for (const line of part.body.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(998);
  return part.body;
}

export function base64Body(part: Part): Buffer {
  expect(part.headers.get("content-transfer-encoding")).toBe("base64");
  for (const line of part.body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
  return Buffer.from(part.body.replace(/\r\n/g, ""), "base64");
}
