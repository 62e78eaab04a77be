// The `sign` transition: render the final DOCX with its nomor and the visible electronic-signature
// block (QR to the verify page), sign its bytes, store them, then record the signed document and the
// status change in one guarded batch. The stored bytes never change afterwards.

import { AppError } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import { formatTanggalWaktuWib } from "../domain/indonesian-date.js";
import { DOCX_CONTENT_TYPE } from "../domain/letter-file-name.js";
import type { LetterView } from "../drafting/letter-view.js";
import { checkTransition, transitionLetter, type WorkflowActorRef } from "../drafting/transition-letter.js";
import { letterRendering } from "../pemda/letter-profile.js";
import { renderEdaranDocx } from "../render/docx.js";
import type { BlobStore } from "../store/blob-store.js";
import { letterInput } from "../store/letter-json.js";
import type { Store } from "../store/store.js";
import type { KeySource } from "./key-source.js";
import { addOoxmlSignature } from "./ooxml/ooxml-signature.js";
import type { OoxmlSignerSource } from "./ooxml/ooxml-signer.js";
import { qrPng } from "./qr.js";
import { registerJsonContentType, signDocx } from "./sign-docx.js";

export interface SignLetterDeps {
  store: Store;
  clock: Clock;
  blobs: BlobStore;
  keys: KeySource;
  config: { publicUrl: string };
  /** When set, the DOCX also carries an Office digital signature (shown by Word and LibreOffice). */
  ooxml?: OoxmlSignerSource;
}

export const verifyUrlFor = (publicUrl: string, letterId: string) => `${publicUrl.replace(/\/+$/, "")}/v/${letterId}`;

export async function signLetter(deps: SignLetterDeps, actor: WorkflowActorRef, id: string): Promise<LetterView> {
  const { row } = await checkTransition(deps, actor, id, { action: "sign" });
  if (!row.nomor || row.nomor_seq === null) throw new AppError("not_numbered", "Surat belum mendapat nomor");
  // The letter's own profile version: the kop, paper (F4 in the profile means an F4 letter) and images it was drafted with.
  const { input, options } = await letterRendering(deps, letterInput(row), row.profile_version);
  const key = await deps.keys.current();
  const now = deps.clock.now();
  const signedAt = now.toISOString();
  const verifyUrl = verifyUrlFor(deps.config.publicUrl, id);
  const docx = await renderEdaranDocx(input, {
    ...options,
    nomorText: row.nomor,
    signature: { qrPng: await qrPng(verifyUrl), signedAtText: formatTanggalWaktuWib(now), verifyUrl, keyId: key.kid },
  });
  // The Office signature goes first, over the final content types, so edaran's signature covers it too.
  const withOoxml = deps.ooxml
    ? await addOoxmlSignature(docx, await deps.ooxml.current(), {
        signedAt,
        comments: `Surat Edaran nomor ${row.nomor} ditandatangani secara elektronik`,
        editContentTypes: registerJsonContentType,
      })
    : docx;
  const signed = await signDocx(withOoxml, {
    privateKey: key.privateKey,
    kid: key.kid,
    alg: key.alg,
    letterId: id,
    nomor: row.nomor,
    signedAt,
  });
  // Content-addressed key: a losing concurrent signer leaves an unreferenced blob, never overwrites the winner's.
  const storageKey = `letters/${id}/signed-${signed.sha256}.docx`;
  await deps.blobs.put(storageKey, signed.bytes, DOCX_CONTENT_TYPE);
  return transitionLetter(
    deps,
    actor,
    id,
    { action: "sign" },
    {
      set: { signed_at: signedAt },
      queries: (eventId) => [
        // Written only together with this transition's event, so a stale signer records nothing.
        deps.store.db
          .insertInto("documents")
          .columns([
            "id",
            "letter_id",
            "kind",
            "sha256",
            "size",
            "storage_key",
            "key_id",
            "signature",
            "signed_at",
            "created_at",
          ])
          .expression(
            deps.store.db
              .selectFrom("letter_events")
              .select((eb) => [
                eb.val(globalThis.crypto.randomUUID()).as("id"),
                eb.val(id).as("letter_id"),
                eb.val("signed").as("kind"),
                eb.val(signed.sha256).as("sha256"),
                eb.val(signed.bytes.byteLength).as("size"),
                eb.val(storageKey).as("storage_key"),
                eb.val(key.kid).as("key_id"),
                eb.val(signed.signature).as("signature"),
                eb.val(signedAt).as("signed_at"),
                eb.val(signedAt).as("created_at"),
              ])
              .where("id", "=", eventId),
          ),
      ],
      auditData: { sha256: signed.sha256, keyId: key.kid, nomor: row.nomor },
    },
  );
}
