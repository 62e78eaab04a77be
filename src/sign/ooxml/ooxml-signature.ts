// Adds an Office (OPC / XML-DSig) digital signature to a DOCX: _xmlsignatures/origin.sigs, its relationship
// from /_rels/.rels, and _xmlsignatures/sig1.xml signing a Manifest of SHA-256 digests of every part, so
// Word and LibreOffice show the document as digitally signed. WebCrypto only: runs on Node and in workerd.
import { deflateSync, inflateSync } from "fflate";
import { arrayBufferView } from "../../domain/encoding.js";
import { crc32, entryData, readZipLayout, writeZip, type ZipEntryInput, ZipFormatError } from "../zip-layout.js";
import { OOXML_KEY_PARAMS } from "./certificate.js";
import { contentTypeOf, readContentTypes, registerSignatureContentTypes } from "./content-types.js";
import { RELATIONSHIPS_NS, readRelationships, relationshipTransform } from "./relationship-transform.js";
import { base64, buildSignatureXml, type ManifestReference } from "./signature-xml.js";
import { escapeAttr } from "./xml-text.js";

export interface OoxmlSigner {
  /** RSASSA-PKCS1-v1_5 / SHA-256 private key. */
  privateKey: CryptoKey;
  /** DER X.509 certificate of that key. */
  certificateDer: Uint8Array;
}

export interface OoxmlSignOptions {
  /** ISO-8601 time of signing (from the Clock port). */
  signedAt: string;
  /** Shown by Office as the purpose of signing. */
  comments?: string;
  /** Further edits to [Content_Types].xml that must be in place before signing. */
  editContentTypes?: (xml: string) => string;
}

export class AlreadyOoxmlSignedError extends Error {
  override readonly name = "AlreadyOoxmlSignedError";
  constructor() {
    super("dokumen ini sudah memiliki tanda tangan digital Office");
  }
}

const CONTENT_TYPES = "[Content_Types].xml";
const ROOT_RELS = "_rels/.rels";
const ORIGIN = "_xmlsignatures/origin.sigs";
const ORIGIN_RELS = "_xmlsignatures/_rels/origin.sigs.rels";
const SIGNATURE = "_xmlsignatures/sig1.xml";
const REL_ORIGIN = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin";
const REL_SIGNATURE = "http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/signature";
const RELS_CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml";

// Parts and package relationships Office leaves unsigned because they may change after signing.
const UNSIGNED_PARTS = [CONTENT_TYPES, "docProps/app.xml", "docProps/core.xml", "_xmlsignatures/"];
const UNSIGNED_RELATION_TYPES = new Set([
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
  "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  REL_ORIGIN,
]);

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

interface Part {
  name: string;
  /** Uncompressed bytes. */
  content: Uint8Array;
  /** The original zip entry, reused as is when the part is unchanged. */
  original?: ZipEntryInput;
}

function readParts(docx: Uint8Array): Part[] {
  return readZipLayout(docx).entries.map((e) => {
    if (e.flags & 0x0001) throw new ZipFormatError(`${e.name} is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw new ZipFormatError(`${e.name} uses compression method ${e.method}`);
    const raw = entryData(docx, e);
    return {
      name: e.name,
      content: e.method === 8 ? inflateSync(raw) : raw,
      original: {
        name: e.name,
        method: e.method,
        data: raw,
        crc: e.crc,
        uncompressedSize: e.uncompressedSize,
        time: e.time,
        date: e.date,
        externalAttrs: e.externalAttrs,
      },
    };
  });
}

function toEntry(p: Part): ZipEntryInput {
  if (p.original) return p.original;
  return {
    name: p.name,
    method: 8,
    data: deflateSync(p.content),
    crc: crc32(p.content),
    uncompressedSize: p.content.length,
  };
}

function uniqueRelId(existing: ReadonlySet<string>): string {
  for (let i = 0; ; i++) {
    const id = i === 0 ? "rIdOoxmlSig" : `rIdOoxmlSig${i}`;
    if (!existing.has(id)) return id;
  }
}

function addOriginRelationship(relsXml: string): string {
  const ids = new Set(readRelationships(relsXml).map((r) => r.id));
  const rel = `<Relationship Id="${uniqueRelId(ids)}" Type="${REL_ORIGIN}" Target="${escapeAttr(ORIGIN)}"/>`;
  const close = relsXml.lastIndexOf("</Relationships>");
  if (close < 0) throw new ZipFormatError("_rels/.rels has no </Relationships>");
  return relsXml.slice(0, close) + rel + relsXml.slice(close);
}

/** Part URI as a reference names it: leading slash, each segment percent-encoded. */
function partUri(name: string): string {
  return `/${name.split("/").map(encodeURIComponent).join("/")}`;
}

async function sha256Base64(bytes: Uint8Array): Promise<string> {
  return base64(new Uint8Array(await crypto.subtle.digest("SHA-256", arrayBufferView(bytes))));
}

async function manifestReferences(parts: readonly Part[], contentTypesXml: string): Promise<ManifestReference[]> {
  const types = readContentTypes(contentTypesXml);
  const refs: ManifestReference[] = [];
  for (const p of parts) {
    if (p.name.endsWith("/") || UNSIGNED_PARTS.some((u) => p.name === u || (u.endsWith("/") && p.name.startsWith(u))))
      continue;
    const uri = partUri(p.name);
    const type = contentTypeOf(types, uri);
    if (type === undefined) throw new ZipFormatError(`no content type for ${uri}`);
    const ref = `${uri}?ContentType=${type}`;
    if (type === RELS_CONTENT_TYPE) {
      const rels = readRelationships(utf8Decoder.decode(p.content));
      const ids = rels.filter((r) => p.name !== ROOT_RELS || !UNSIGNED_RELATION_TYPES.has(r.type)).map((r) => r.id);
      const canonical = relationshipTransform(rels, new Set(ids));
      refs.push({ uri: ref, digest: await sha256Base64(utf8.encode(canonical)), relationshipIds: ids });
    } else {
      refs.push({ uri: ref, digest: await sha256Base64(p.content) });
    }
  }
  return refs;
}

/** Returns a new DOCX carrying the package parts of one Office digital signature. */
export async function addOoxmlSignature(
  docx: Uint8Array,
  signer: OoxmlSigner,
  opts: OoxmlSignOptions,
): Promise<Uint8Array> {
  const parts = readParts(docx);
  if (parts.some((p) => p.name.startsWith("_xmlsignatures/"))) throw new AlreadyOoxmlSignedError();
  const contentTypes = parts.find((p) => p.name === CONTENT_TYPES);
  const rootRels = parts.find((p) => p.name === ROOT_RELS);
  if (!contentTypes || !rootRels) throw new ZipFormatError("not an OOXML package");

  const edit = opts.editContentTypes ?? ((xml: string) => xml);
  const typesXml = registerSignatureContentTypes(edit(utf8Decoder.decode(contentTypes.content)), `/${SIGNATURE}`);
  contentTypes.content = utf8.encode(typesXml);
  delete contentTypes.original;
  rootRels.content = utf8.encode(addOriginRelationship(utf8Decoder.decode(rootRels.content)));
  delete rootRels.original;

  const references = await manifestReferences(parts, typesXml);
  const signatureXml = await buildSignatureXml({
    references,
    signatureTime: new Date(opts.signedAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    comments: opts.comments ?? "",
    certificateBase64: base64(signer.certificateDer),
    sign: async (data) =>
      new Uint8Array(await crypto.subtle.sign(OOXML_KEY_PARAMS.name, signer.privateKey, arrayBufferView(data))),
  });
  const originRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<Relationships xmlns="${RELATIONSHIPS_NS}"><Relationship Id="rId1" Type="${REL_SIGNATURE}" Target="sig1.xml"/></Relationships>`;
  const added: Part[] = [
    { name: ORIGIN, content: new Uint8Array(0) },
    { name: ORIGIN_RELS, content: utf8.encode(originRels) },
    { name: SIGNATURE, content: utf8.encode(signatureXml) },
  ];
  return writeZip([...parts, ...added].map(toEntry)).bytes;
}
