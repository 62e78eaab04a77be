// Signs a DOCX the PDF-ByteRange way, so the signature travels inside the file:
// 1. rewrite the zip with a STORED last entry edaran/signature.json holding a fixed-size placeholder
//    (and a json content type registered), 2. hash the whole file with the placeholder and that entry's
//    two CRC fields zeroed, 3. sign, 4. write the payload and its CRC into the reserved bytes.
// Every byte outside the masked ranges is under the digest; the masked ones are fixed by the signed
// payload (canonical encoding) and its CRC, so changing any byte breaks verification.
import { deflateSync, inflateSync } from "fflate";
import { bytesToBase64Url, sha256Hex } from "../domain/encoding.js";
import { type SigningAlg, signBytes } from "./keys.js";
import {
  encodePayload,
  maskedDigest,
  SIGNATURE_ENTRY,
  SIGNATURE_PAYLOAD_SIZE,
  type SignedStatement,
  statementBytes,
} from "./signature-entry.js";
import {
  CENTRAL_CRC_AT,
  crc32,
  entryData,
  LOCAL_CRC_AT,
  readZipLayout,
  writeUint32,
  writeZip,
  type ZipEntryInput,
  ZipFormatError,
} from "./zip-layout.js";

export interface SignDocxOptions {
  privateKey: CryptoKey;
  kid: string;
  alg: SigningAlg;
  letterId: string;
  nomor: string;
  /** ISO-8601 time of signing (from the Clock port). */
  signedAt: string;
}

export interface SignedDocx {
  bytes: Uint8Array;
  /** SHA-256 (hex) of the complete final file: what documents.sha256 stores. */
  sha256: string;
  /** SHA-256 (hex) of the file with the signature payload and its CRCs zeroed: what is signed. */
  digest: string;
  /** base64url signature over the signed statement (which carries the digest). */
  signature: string;
}

export class AlreadySignedError extends Error {
  override readonly name = "AlreadySignedError";
  constructor() {
    super("dokumen ini sudah ditandatangani");
  }
}

const CONTENT_TYPES = "[Content_Types].xml";
const JSON_DEFAULT = '<Default Extension="json" ContentType="application/json"/>';

/** Adds a Default for the json extension unless one is there already. */
export function registerJsonContentType(xml: string): string {
  if (/<Default\s[^>]*Extension="json"/i.test(xml)) return xml;
  const open = /<Types\b[^>]*>/.exec(xml);
  if (!open) throw new ZipFormatError("[Content_Types].xml has no <Types> element");
  const at = open.index + open[0].length;
  return xml.slice(0, at) + JSON_DEFAULT + xml.slice(at);
}

/** Copies every entry's compressed bytes as they are, except [Content_Types].xml, and appends the placeholder. */
function prepareEntries(docx: Uint8Array): ZipEntryInput[] {
  const layout = readZipLayout(docx);
  if (layout.entries.some((e) => e.name === SIGNATURE_ENTRY)) throw new AlreadySignedError();
  if (!layout.entries.some((e) => e.name === CONTENT_TYPES)) throw new ZipFormatError("not an OOXML package");
  const out: ZipEntryInput[] = layout.entries.map((e) => {
    if (e.flags & 0x0001) throw new ZipFormatError(`${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`${e.name} uses compression method ${e.method}`);
    const raw = entryData(docx, e);
    if (e.name !== CONTENT_TYPES) {
      return {
        name: e.name,
        method: e.method,
        data: raw,
        crc: e.crc,
        uncompressedSize: e.uncompressedSize,
        time: e.time,
        date: e.date,
        externalAttrs: e.externalAttrs,
      };
    }
    const xml = new TextDecoder().decode(e.method === 8 ? inflateSync(raw) : raw);
    const updated = new TextEncoder().encode(registerJsonContentType(xml));
    return {
      name: e.name,
      method: 8,
      data: deflateSync(updated),
      crc: crc32(updated),
      uncompressedSize: updated.length,
      time: e.time,
      date: e.date,
      externalAttrs: e.externalAttrs,
    };
  });
  out.push({
    name: SIGNATURE_ENTRY,
    method: 0,
    data: new Uint8Array(SIGNATURE_PAYLOAD_SIZE).fill(0x20),
    crc: 0,
    uncompressedSize: SIGNATURE_PAYLOAD_SIZE,
  });
  return out;
}

export async function signDocx(docx: Uint8Array, opts: SignDocxOptions): Promise<SignedDocx> {
  const { bytes, layout } = writeZip(prepareEntries(docx));
  const entry = layout.entries[layout.entries.length - 1]!;
  const digest = await maskedDigest(bytes, entry);
  const statement: SignedStatement = {
    v: 1,
    alg: opts.alg,
    kid: opts.kid,
    letterId: opts.letterId,
    nomor: opts.nomor,
    signedAt: opts.signedAt,
    digest,
  };
  const signature = bytesToBase64Url(await signBytes(opts.alg, opts.privateKey, statementBytes(statement)));
  const payload = encodePayload({ ...statement, sig: signature });
  bytes.set(payload, entry.dataOffset);
  const crc = crc32(payload);
  writeUint32(bytes, entry.localOffset + LOCAL_CRC_AT, crc);
  writeUint32(bytes, entry.centralOffset + CENTRAL_CRC_AT, crc);
  return { bytes, sha256: await sha256Hex(bytes), digest, signature };
}
