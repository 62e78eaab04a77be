// The few zip facts signing needs: where each entry's headers and data sit, and a writer whose
// output layout we know byte for byte (fflate hides offsets). Classic zip only: no zip64, one disk.

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const LOCAL_FIXED = 30;
const CENTRAL_FIXED = 46;
const EOCD_FIXED = 22;
/** The CRC-32 field sits 14 bytes into a local header and 16 bytes into a central header. */
export const LOCAL_CRC_AT = 14;
export const CENTRAL_CRC_AT = 16;

export class ZipFormatError extends Error {
  override readonly name = "ZipFormatError";
}

export interface ZipEntryLayout {
  name: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  externalAttrs: number;
  /** Offset of the entry's local header. */
  localOffset: number;
  /** Offset of the entry's central-directory header. */
  centralOffset: number;
  /** Offset of the (compressed) data, after the local header's name and extra field. */
  dataOffset: number;
}

export interface ZipLayout {
  entries: ZipEntryLayout[];
  centralOffset: number;
  centralSize: number;
  eocdOffset: number;
}

const utf8 = new TextDecoder("utf-8");
const utf8Encoder = new TextEncoder();

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Parses EOCD → central directory → each local header. Throws ZipFormatError on anything unexpected. */
export function readZipLayout(bytes: Uint8Array): ZipLayout {
  const dv = view(bytes);
  if (bytes.length < EOCD_FIXED) throw new ZipFormatError("too short to be a zip");
  // The EOCD is the last record; a trailing comment of up to 65535 bytes may follow it.
  let eocdOffset = -1;
  const lowest = Math.max(0, bytes.length - EOCD_FIXED - 0xffff);
  for (let i = bytes.length - EOCD_FIXED; i >= lowest; i--) {
    if (dv.getUint32(i, true) === EOCD_SIG && i + EOCD_FIXED + dv.getUint16(i + 20, true) === bytes.length) {
      eocdOffset = i;
      break;
    }
  }
  if (eocdOffset < 0) throw new ZipFormatError("no end-of-central-directory record");
  const diskNo = dv.getUint16(eocdOffset + 4, true);
  const cdDisk = dv.getUint16(eocdOffset + 6, true);
  const countOnDisk = dv.getUint16(eocdOffset + 8, true);
  const count = dv.getUint16(eocdOffset + 10, true);
  const centralSize = dv.getUint32(eocdOffset + 12, true);
  const centralOffset = dv.getUint32(eocdOffset + 16, true);
  if (diskNo !== 0 || cdDisk !== 0 || countOnDisk !== count) throw new ZipFormatError("multi-disk zip");
  if (count === 0xffff || centralOffset === 0xffffffff || centralSize === 0xffffffff) {
    throw new ZipFormatError("zip64 is not supported");
  }
  if (centralOffset + centralSize !== eocdOffset) throw new ZipFormatError("central directory is not before EOCD");

  const entries: ZipEntryLayout[] = [];
  let p = centralOffset;
  for (let n = 0; n < count; n++) {
    if (p + CENTRAL_FIXED > eocdOffset || dv.getUint32(p, true) !== CENTRAL_SIG) {
      throw new ZipFormatError("bad central directory header");
    }
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const localOffset = dv.getUint32(p + 42, true);
    const compressedSize = dv.getUint32(p + 20, true);
    if (p + CENTRAL_FIXED + nameLen + extraLen + commentLen > eocdOffset)
      throw new ZipFormatError("bad central header length");
    const name = utf8.decode(bytes.subarray(p + CENTRAL_FIXED, p + CENTRAL_FIXED + nameLen));
    if (localOffset + LOCAL_FIXED > centralOffset || dv.getUint32(localOffset, true) !== LOCAL_SIG) {
      throw new ZipFormatError(`bad local header for ${name}`);
    }
    const dataOffset =
      localOffset + LOCAL_FIXED + dv.getUint16(localOffset + 26, true) + dv.getUint16(localOffset + 28, true);
    if (dataOffset + compressedSize > centralOffset)
      throw new ZipFormatError(`data of ${name} runs past the central directory`);
    entries.push({
      name,
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      time: dv.getUint16(p + 12, true),
      date: dv.getUint16(p + 14, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize,
      uncompressedSize: dv.getUint32(p + 24, true),
      externalAttrs: dv.getUint32(p + 38, true),
      localOffset,
      centralOffset: p,
      dataOffset,
    });
    p += CENTRAL_FIXED + nameLen + extraLen + commentLen;
  }
  if (p !== eocdOffset) throw new ZipFormatError("central directory size does not match its entries");
  return { entries, centralOffset, centralSize, eocdOffset };
}

export interface ZipEntryInput {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: 0 | 8;
  /** The bytes as they go into the file (already deflated when method is 8). */
  data: Uint8Array;
  crc: number;
  uncompressedSize: number;
  time?: number;
  date?: number;
  externalAttrs?: number;
}

/** DOS date for 1980-01-01, the zip epoch: a fixed stamp keeps the output reproducible. */
const DOS_EPOCH_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Writes a classic zip: local entries in the given order, then the central directory and EOCD,
 * no data descriptors, no extra fields, no comments. Returns the bytes and their layout.
 */
export function writeZip(entries: readonly ZipEntryInput[]): { bytes: Uint8Array; layout: ZipLayout } {
  const names = entries.map((e) => utf8Encoder.encode(e.name));
  let localSize = 0;
  let centralSize = 0;
  entries.forEach((e, i) => {
    localSize += LOCAL_FIXED + names[i]!.length + e.data.length;
    centralSize += CENTRAL_FIXED + names[i]!.length;
  });
  const total = localSize + centralSize + EOCD_FIXED;
  if (total > 0xffffffff || entries.length >= 0xffff) throw new ZipFormatError("too large for a classic zip");
  const out = new Uint8Array(total);
  const dv = view(out);
  const layoutEntries: ZipEntryLayout[] = [];
  let p = 0;
  entries.forEach((e, i) => {
    const name = names[i]!;
    // Bit 11: the name is UTF-8.
    const flags = /^[\x20-\x7e]*$/.test(e.name) ? 0 : 0x0800;
    const time = e.time ?? 0;
    const date = e.date ?? DOS_EPOCH_DATE;
    dv.setUint32(p, LOCAL_SIG, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, flags, true);
    dv.setUint16(p + 8, e.method, true);
    dv.setUint16(p + 10, time, true);
    dv.setUint16(p + 12, date, true);
    dv.setUint32(p + 14, e.crc >>> 0, true);
    dv.setUint32(p + 18, e.data.length, true);
    dv.setUint32(p + 22, e.uncompressedSize, true);
    dv.setUint16(p + 26, name.length, true);
    dv.setUint16(p + 28, 0, true);
    out.set(name, p + LOCAL_FIXED);
    out.set(e.data, p + LOCAL_FIXED + name.length);
    layoutEntries.push({
      name: e.name,
      flags,
      method: e.method,
      time,
      date,
      crc: e.crc >>> 0,
      compressedSize: e.data.length,
      uncompressedSize: e.uncompressedSize,
      externalAttrs: e.externalAttrs ?? 0,
      localOffset: p,
      centralOffset: 0,
      dataOffset: p + LOCAL_FIXED + name.length,
    });
    p += LOCAL_FIXED + name.length + e.data.length;
  });
  const centralOffset = p;
  layoutEntries.forEach((e, i) => {
    const name = names[i]!;
    dv.setUint32(p, CENTRAL_SIG, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 20, true);
    dv.setUint16(p + 8, e.flags, true);
    dv.setUint16(p + 10, e.method, true);
    dv.setUint16(p + 12, e.time, true);
    dv.setUint16(p + 14, e.date, true);
    dv.setUint32(p + 16, e.crc, true);
    dv.setUint32(p + 20, e.compressedSize, true);
    dv.setUint32(p + 24, e.uncompressedSize, true);
    dv.setUint16(p + 28, name.length, true);
    // extra, comment, disk start, internal attributes: all zero.
    dv.setUint32(p + 38, e.externalAttrs, true);
    dv.setUint32(p + 42, e.localOffset, true);
    out.set(name, p + CENTRAL_FIXED);
    e.centralOffset = p;
    p += CENTRAL_FIXED + name.length;
  });
  dv.setUint32(p, EOCD_SIG, true);
  dv.setUint16(p + 8, entries.length, true);
  dv.setUint16(p + 10, entries.length, true);
  dv.setUint32(p + 12, centralSize, true);
  dv.setUint32(p + 16, centralOffset, true);
  return { bytes: out, layout: { entries: layoutEntries, centralOffset, centralSize, eocdOffset: p } };
}

/** Raw (possibly compressed) data of one entry. */
export function entryData(bytes: Uint8Array, entry: ZipEntryLayout): Uint8Array {
  return bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
}

export function readUint32(bytes: Uint8Array, at: number): number {
  return view(bytes).getUint32(at, true);
}

export function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  view(bytes).setUint32(at, value >>> 0, true);
}

// fflate keeps its CRC-32 internal, so a small table implementation (IEEE 802.3 polynomial).
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
