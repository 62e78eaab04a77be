// signer_certificates: what the local CA issued to each penandatangan.

import type { Selectable } from "kysely";
import { base64ToBytes, bytesToBase64 } from "../../domain/encoding.js";
import type { EncryptedSignerKey } from "../../domain/encrypted-signer-key.js";
import { encryptedSignerKeySchema } from "../../domain/encrypted-signer-key.js";
import type { SignerCertificatesTable } from "../../store/database.js";
import { decodeJson, encodeJson } from "../../store/json-text.js";
import type { Store } from "../../store/store.js";

export interface SignerCertificate {
  id: string;
  userId: string;
  caId: string;
  certificate: Uint8Array;
  encryptedKey: EncryptedSignerKey;
  subjectName: string;
  jabatan: string;
  nip: string | null;
  notBefore: string;
  notAfter: string;
  createdAt: string;
  supersededAt: string | null;
  revokedAt: string | null;
}

type Row = Selectable<SignerCertificatesTable>;

function toCertificate(row: Row): SignerCertificate {
  return {
    id: row.id,
    userId: row.user_id,
    caId: row.ca_id,
    certificate: base64ToBytes(row.certificate_der),
    encryptedKey: decodeJson(encryptedSignerKeySchema, row.encrypted_key),
    subjectName: row.subject_name,
    jabatan: row.jabatan,
    nip: row.nip,
    notBefore: row.not_before,
    notAfter: row.not_after,
    createdAt: row.created_at,
    supersededAt: row.superseded_at,
    revokedAt: row.revoked_at,
  };
}

export function signerCertificateRepo(store: Store) {
  const { db } = store;
  return {
    /** The certificate the user signs with now: neither superseded nor revoked. */
    async current(userId: string): Promise<SignerCertificate | null> {
      const row = await db
        .selectFrom("signer_certificates")
        .selectAll()
        .where("user_id", "=", userId)
        .where("superseded_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return row ? toCertificate(row) : null;
    },
    async get(id: string): Promise<SignerCertificate | null> {
      const row = await db.selectFrom("signer_certificates").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toCertificate(row) : null;
    },
    async listForUser(userId: string): Promise<SignerCertificate[]> {
      const rows = await db
        .selectFrom("signer_certificates")
        .selectAll()
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toCertificate);
    },
    /** Supersedes the user's current certificate and adds the new one, in one atomic step. */
    async replaceCurrent(cert: Omit<SignerCertificate, "supersededAt" | "revokedAt">): Promise<void> {
      await store.atomic([
        db
          .updateTable("signer_certificates")
          .set({ superseded_at: cert.createdAt })
          .where("user_id", "=", cert.userId)
          .where("superseded_at", "is", null)
          .where("revoked_at", "is", null),
        db.insertInto("signer_certificates").values({
          id: cert.id,
          user_id: cert.userId,
          ca_id: cert.caId,
          certificate_der: bytesToBase64(cert.certificate),
          encrypted_key: encodeJson(cert.encryptedKey),
          subject_name: cert.subjectName,
          jabatan: cert.jabatan,
          nip: cert.nip,
          not_before: cert.notBefore,
          not_after: cert.notAfter,
          created_at: cert.createdAt,
          superseded_at: null,
          revoked_at: null,
        }),
      ]);
    },
    /** False when it was revoked already or does not exist. */
    async revoke(id: string, at: string): Promise<boolean> {
      const r = await db
        .updateTable("signer_certificates")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
