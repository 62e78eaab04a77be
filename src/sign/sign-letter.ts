// The `sign` transition: render the final DOCX with its nomor and the visible electronic-signature
// block (QR to the verify page), sign its bytes, store them, then record the signed document and the
// status change in one guarded batch. The stored bytes never change afterwards.

import { appendAudit } from "../audit/audit-log.js";
import { AppError } from "../domain/app-error.js";
import type { Clock } from "../domain/clock.js";
import type { EdaranInput } from "../domain/edaran-input.js";
import { DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE } from "../domain/letter-file-name.js";
import type { SignerIdentity, SignerSnapshot } from "../domain/signer-account.js";
import { signerCapacityText } from "../domain/signer-block.js";
import type { LetterView } from "../drafting/letter-view.js";
import { checkTransition, transitionLetter, type WorkflowActorRef } from "../drafting/transition-letter.js";
import { letterRendering } from "../pemda/letter-profile.js";
import { type RenderOptions, renderEdaranDocx } from "../render/docx.js";
import { resolveSigner } from "../signer/letter-signer.js";
import { type SigningConfirmation, storedPassphraseConfirmation } from "../signer/signing-confirmation.js";
import type { BlobStore } from "../store/blob-store.js";
import type { DocumentKind } from "../store/database.js";
import { encodeJson } from "../store/json-text.js";
import { letterInput } from "../store/letter-json.js";
import { getSignerProfile, identityOf } from "../store/signers-repo.js";
import type { Store } from "../store/store.js";
import type { KeySource } from "./key-source.js";
import type { LocalCaDeps } from "./local-ca/local-ca-deps.js";
import { addOoxmlSignature } from "./ooxml/ooxml-signature.js";
import type { OoxmlSignerSource } from "./ooxml/ooxml-signer.js";
import { registerJsonContentType, signDocx } from "./sign-docx.js";
import { signLetterPdfAs } from "./signed-pdf-letter.js";
import { signedRenderOptions } from "./signed-render-options.js";

export interface SignLetterDeps {
  store: Store;
  clock: Clock;
  blobs: BlobStore;
  keys: KeySource;
  config: { publicUrl: string };
  /** When set, the DOCX also carries an Office digital signature (shown by Word and LibreOffice). */
  ooxml?: OoxmlSignerSource;
  /** Confirms the signer's passphrase; default: the hash kept with his account (signer/signing-confirmation.ts). */
  confirmation?: SigningConfirmation;
  /**
   * The instance's own CA: when set, the letter is also made as a PDF and PAdES-signed with the signer's own
   * certificate, his key opened with the passphrase he just confirmed (sign/signed-pdf-letter.ts).
   */
  localCa?: LocalCaDeps;
}

/** Why a sign was refused, as the audit row says it (never the passphrase). */
type SignRefusal =
  | "not_the_signer"
  | "passphrase_missing"
  | "passphrase_not_set"
  | "passphrase_wrong"
  | "signer_not_valid";

async function refuse(
  deps: SignLetterDeps,
  actor: WorkflowActorRef,
  letterId: string,
  reason: SignRefusal,
  error: AppError,
): Promise<never> {
  await appendAudit(deps.store, deps.clock, {
    actor: actor.id,
    action: "letter.sign_refused",
    letterId,
    data: { reason },
  });
  throw error;
}

/**
 * The input to sign (its issuer filled again from the account) and the snapshot of who signs, once the actor is
 * the letter's signer and has confirmed with his passphrase. A letter drafted before signer accounts (no
 * `signer` in its input) keeps its issuer; the penandatangan who signs it still confirms with his passphrase.
 */
async function confirmedSigner(
  deps: SignLetterDeps,
  actor: WorkflowActorRef,
  letterId: string,
  input: EdaranInput,
  passphrase: string,
  options: RenderOptions,
): Promise<{ input: EdaranInput; snapshot: Omit<SignerSnapshot, "at"> }> {
  const named = input.signer?.userId;
  if (named !== undefined && named !== actor.id) {
    const who = input.issuer.name;
    return refuse(
      deps,
      actor,
      letterId,
      "not_the_signer",
      new AppError(
        "not_the_signer",
        `Surat ini ditandatangani oleh ${who} (${signerCapacityText(input.issuer)}); hanya penandatangan itu yang dapat menandatanganinya`,
      ),
    );
  }
  if (passphrase === "")
    return refuse(
      deps,
      actor,
      letterId,
      "passphrase_missing",
      new AppError("signing_passphrase_required", "Masukkan frasa sandi tanda tangan Anda", [
        { path: "passphrase", message: "Frasa sandi tanda tangan wajib diisi" },
      ]),
    );
  const profile = await getSignerProfile(deps.store, actor.id);
  const confirmation = deps.confirmation ?? storedPassphraseConfirmation(deps.store);
  const verdict = profile ? await confirmation.verify(identityOf(profile), passphrase) : "not_set";
  if (verdict === "not_set" || !profile)
    return refuse(
      deps,
      actor,
      letterId,
      "passphrase_not_set",
      new AppError(
        "signing_passphrase_not_set",
        "Anda belum mengatur frasa sandi tanda tangan; atur dulu di halaman Akun penandatangan, lalu tanda tangani surat ini",
      ),
    );
  if (verdict === "wrong")
    return refuse(
      deps,
      actor,
      letterId,
      "passphrase_wrong",
      new AppError("signing_passphrase_wrong", "Frasa sandi tanda tangan salah; surat belum ditandatangani", [
        { path: "passphrase", message: "Frasa sandi tanda tangan salah" },
      ]),
    );
  const identity = identityOf(profile);
  if (input.signer === undefined) {
    return {
      input,
      snapshot: { userId: actor.id, capacityId: null, identity: identitySnapshot(identity), issuer: input.issuer },
    };
  }
  const resolved = await resolveSigner(
    deps.store,
    input.signer,
    input.date,
    options.pemda?.signerRules ?? NO_PROFILE_RULES,
  );
  if (!resolved.ok)
    return refuse(
      deps,
      actor,
      letterId,
      "signer_not_valid",
      new AppError(
        "signer_not_valid",
        "Kapasitas penandatangan surat ini tidak berlaku lagi; kembalikan surat untuk memilih kapasitas lain",
        resolved.issues,
      ),
    );
  const issuer = resolved.value.issuer;
  return {
    input: { ...input, issuer },
    snapshot: {
      userId: actor.id,
      capacityId: resolved.value.capacity.id,
      identity: identitySnapshot(resolved.value.identity),
      issuer,
    },
  };
}

// letterRendering always sets the letter's profile; the renderer's own defaults stand in should it not.
const NO_PROFILE_RULES = { sekdaShowsIdentity: true, gelarForOfficials: true };

const identitySnapshot = (i: SignerIdentity) => ({
  name: i.name,
  jabatan: i.jabatan,
  nip: i.nip,
  pangkat: i.pangkat,
  nik: i.nik,
});

export { verifyUrlFor } from "./signed-render-options.js";

/**
 * Signs as the letter's named signer, confirmed by his passphrase (SigningConfirmation). Anyone else, a wrong or
 * missing passphrase, or a capacity that no longer holds is refused with an audit row (`letter.sign_refused`,
 * the reason only) and the letter stays approved. The issuer is filled again from the account and stored with
 * the signed letter as its snapshot.
 */
export async function signLetter(
  deps: SignLetterDeps,
  actor: WorkflowActorRef,
  id: string,
  passphrase: string,
): Promise<LetterView> {
  const { row } = await checkTransition(deps, actor, id, { action: "sign" });
  if (!row.nomor || row.nomor_seq === null) throw new AppError("not_numbered", "Surat belum mendapat nomor");
  // The letter's own profile version: the kop, paper (F4 in the profile means an F4 letter) and images it was drafted with.
  const rendering = await letterRendering(deps, letterInput(row), row.profile_version);
  const { input, snapshot } = await confirmedSigner(deps, actor, id, rendering.input, passphrase, rendering.options);
  const { options } = rendering;
  const key = await deps.keys.current();
  const now = deps.clock.now();
  const signedAt = now.toISOString();
  // The DOCX and the PDF print the same nomor, TTE box and QR code.
  const signedOptions = await signedRenderOptions(options, {
    letterId: id,
    nomor: row.nomor,
    signedAt: now,
    keyId: key.kid,
    publicUrl: deps.config.publicUrl,
  });
  const docx = await renderEdaranDocx(input, signedOptions);
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
  const pdf = deps.localCa
    ? await signLetterPdfAs(
        deps.localCa,
        snapshot,
        options.pemda?.governmentName ?? "",
        passphrase,
        input,
        signedOptions,
      )
    : null;
  const pdfDoc = pdf
    ? {
        kind: "signed_pdf" as const,
        sha256: pdf.sha256,
        size: pdf.bytes.byteLength,
        key: `letters/${id}/signed-${pdf.sha256}.pdf`,
      }
    : null;
  if (pdf && pdfDoc) await deps.blobs.put(pdfDoc.key, pdf.bytes, PDF_CONTENT_TYPE);
  const documentRow = (eventId: string, doc: { kind: DocumentKind; sha256: string; size: number; key: string }) =>
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
            eb.val(doc.kind).as("kind"),
            eb.val(doc.sha256).as("sha256"),
            eb.val(doc.size).as("size"),
            eb.val(doc.key).as("storage_key"),
            eb.val(doc.kind === "signed" ? key.kid : null).as("key_id"),
            eb.val(doc.kind === "signed" ? signed.signature : null).as("signature"),
            eb.val(signedAt).as("signed_at"),
            eb.val(signedAt).as("created_at"),
          ])
          .where("id", "=", eventId),
      );
  return transitionLetter(
    deps,
    actor,
    id,
    { action: "sign" },
    {
      // The issuer printed is the account's at signing: kept in the input (every reader prints it) and as the
      // snapshot of who signed in which capacity.
      set: {
        signed_at: signedAt,
        input_json: encodeJson(input),
        signer_json: encodeJson({ ...snapshot, at: signedAt }),
      },
      queries: (eventId) => [
        // Written only together with this transition's event, so a stale signer records nothing.
        documentRow(eventId, { kind: "signed", sha256: signed.sha256, size: signed.bytes.byteLength, key: storageKey }),
        ...(pdfDoc ? [documentRow(eventId, pdfDoc)] : []),
      ],
      auditData: {
        sha256: signed.sha256,
        ...(pdf ? { pdfSha256: pdf.sha256 } : {}),
        keyId: key.kid,
        nomor: row.nomor,
        signer: snapshot.userId,
        capacityId: snapshot.capacityId,
      },
    },
  );
}
