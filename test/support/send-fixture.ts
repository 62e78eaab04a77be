// A signed letter ready to send, with N OPDs, written straight into a real SQLite store.
import kotaBengkulu from "../../data/pemda-profile-kota-bengkulu.json" with { type: "json" };
import { type DeliveryMode, pemdaProfileSchema } from "../../src/domain/pemda-profile.js";
import type { BlobStore } from "../../src/store/blob-store.js";
import { insertPemdaProfileVersionQuery, pemdaProfileVersion } from "../../src/store/pemda-profile-repo.js";
import type { Store } from "../../src/store/store.js";
import { partialStoredInput } from "./stored-input-fixture.js";

export function makeMemoryBlobStore(): BlobStore & { readonly blobs: Map<string, Uint8Array> } {
  const blobs = new Map<string, Uint8Array>();
  return {
    blobs,
    async put(key, bytes) {
      blobs.set(key, bytes);
    },
    async get(key) {
      return blobs.get(key) ?? null;
    },
  };
}

export interface SignedLetterFixture {
  letterId: string;
  documentId: string;
  opdIds: string[];
  docx: Uint8Array;
  /** The signed PDF stored beside the DOCX; null when seeded without one (as signed before PDFs, or without a CA). */
  pdf: Uint8Array | null;
  nomor: string;
  tentang: string;
}

export interface SeedOptions {
  opdCount: number;
  /** OPD indexes (0-based) that get no email address. */
  withoutEmail?: number[];
  now?: string;
  letterId?: string;
  deadline?: string | null;
  /** Also store a signed PDF (documents row kind signed_pdf), as the sign step does with a local CA. */
  withPdf?: boolean;
}

/** Deterministic pseudo-DOCX bytes: a zip signature followed by every byte value, so base64 round trips are tested. */
export function makeSampleDocx(size = 4096): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x50, 0x4b, 0x03, 0x04]);
  for (let i = 4; i < size; i++) bytes[i] = (i * 31 + 7) % 256;
  return bytes;
}

/** Deterministic pseudo-PDF bytes: a PDF header then every byte value, distinct from makeSampleDocx's. */
export function makeSamplePdf(size = 6000): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode("%PDF-1.7\n"));
  for (let i = 9; i < size; i++) bytes[i] = (i * 17 + 3) % 256;
  return bytes;
}

/** A new current profile version (the kota Bengkulu sample) with delivery `mode` (attach unless said) and `attachDocx`. */
export async function seedDeliverySetting(
  store: Store,
  attachDocx: boolean,
  now = "2024-10-01T01:30:00.000Z",
  mode: DeliveryMode = "attach",
) {
  const current = await store.db
    .selectFrom("pemda_profile_versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .executeTakeFirst();
  const version = Number(current?.v ?? 0) + 1;
  const profile = pemdaProfileSchema.parse({ ...kotaBengkulu, delivery: { mode, attachDocx } });
  await store.atomic([insertPemdaProfileVersionQuery(store, { version, profile, createdBy: "u-setda" }, now)]);
}

export async function seedSignedLetter(
  store: Store,
  blobs: BlobStore,
  opts: SeedOptions,
): Promise<SignedLetterFixture> {
  const now = opts.now ?? "2024-10-01T01:00:00.000Z";
  const letterId = opts.letterId ?? "letter-1";
  const nomor = `800.1.2.3/${letterId.length}7/BKPSDM.II/2024`;
  const tentang = "Netralitas Aparatur Sipil Negara pada Pemilihan Kepala Daerah Tahun 2024";
  const without = new Set(opts.withoutEmail ?? []);
  const opdIds = Array.from({ length: opts.opdCount }, (_, i) => `OPD-${String(i + 1).padStart(3, "0")}`);
  const docx = makeSampleDocx();
  const storageKey = `letters/${letterId}/signed.docx`;
  await blobs.put(storageKey, docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  await store.db
    .insertInto("users")
    .values({
      id: "u-setda",
      username: "setda",
      display_name: "Sekretariat",
      role: "sekretariat",
      password_hash: "x",
      created_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await store.db
    .insertInto("registers")
    .values({ id: "BKPSDM.II", name: "BKPSDM Bidang II", created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const [i, id] of opdIds.entries()) {
    await store.db
      .insertInto("opd")
      .values({
        id,
        name: `Dinas Nomor ${i + 1}`,
        kind: "dinas",
        head_title: `Kepala Dinas Nomor ${i + 1} Kota Bengkulu`,
        head_name: null,
        email: without.has(i) ? null : `kepala.${id.toLowerCase()}@bengkulukota.example`,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  // The Pemda profile the letter was drafted under (its government names the emails), as start-up seeds it.
  if (!(await pemdaProfileVersion(store, 1)))
    await store.atomic([
      insertPemdaProfileVersionQuery(
        store,
        { version: 1, profile: pemdaProfileSchema.parse(kotaBengkulu), createdBy: "u-setda" },
        now,
      ),
    ]);
  await store.db
    .insertInto("letters")
    .values({
      id: letterId,
      status: "signed",
      profile_version: 1,
      register_id: "BKPSDM.II",
      tentang,
      input_json: partialStoredInput({}),
      revision: 1,
      nomor,
      nomor_seq: 7,
      nomor_year: 2024,
      created_by: "u-setda",
      created_at: now,
      updated_at: now,
      signed_at: now,
      sent_at: null,
      ack_deadline: opts.deadline === undefined ? "2024-10-07" : opts.deadline,
    })
    .execute();
  const documentId = `doc-${letterId}`;
  await store.db
    .insertInto("documents")
    .values({
      id: documentId,
      letter_id: letterId,
      kind: "signed",
      sha256: "00",
      size: docx.length,
      storage_key: storageKey,
      created_at: now,
    })
    .execute();
  const pdf = opts.withPdf ? makeSamplePdf() : null;
  if (pdf) {
    const pdfKey = `letters/${letterId}/signed.pdf`;
    await blobs.put(pdfKey, pdf, "application/pdf");
    await store.db
      .insertInto("documents")
      .values({
        id: `${documentId}-pdf`,
        letter_id: letterId,
        kind: "signed_pdf",
        sha256: "01",
        size: pdf.length,
        storage_key: pdfKey,
        created_at: now,
      })
      .execute();
  }
  return { letterId, documentId, opdIds, docx, pdf, nomor, tentang };
}
