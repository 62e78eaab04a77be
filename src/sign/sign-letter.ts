// The `sign` transition: render the final DOCX with its nomor and the visible electronic-signature
// block (QR to the verify page), sign its bytes, store them, then record the signed document and the
// status change in one guarded batch. The stored bytes never change afterwards. When the instance has a
// LetterPdfSigner (local CA or BSrE), the signed PDF is made first, so a refusal by BSrE leaves nothing behind.

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
import type { LetterPdfRequest, LetterPdfSigner } from "./letter-pdf-signer.js";
import { addOoxmlSignature } from "./ooxml/ooxml-signature.js";
import type { OoxmlSignerSource } from "./ooxml/ooxml-signer.js";
import type { SigningCredential } from "./pades/pdf-signer-port.js";
import { registerJsonContentType, signDocx } from "./sign-docx.js";
import type { SignedLetterPdf } from "./signed-letter-pdf.js";
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
   * When set, the letter is also made as a PAdES-signed PDF: with the local CA (sign/signed-pdf-letter.ts, after
   * edaran checked his passphrase) or through BSrE (sign/bsre/bsre-letter-pdf-signer.ts, BSrE checks it).
   */
  pdfSigner?: LetterPdfSigner;
}

/** Why a sign was refused, as the audit row says it (never the passphrase). */
type SignRefusal =
  | "not_the_signer"
  | "passphrase_missing"
  | "passphrase_not_set"
  | "passphrase_wrong"
  | "signer_not_valid"
  | "totp_not_offered"
  | "bsre_credential_wrong"
  | "bsre_not_registered"
  | "bsre_no_certificate"
  | "nik_missing";

/** The PDF signer's refusals that are the signer's to fix (audited); anything else (BSrE down) is thrown as is. */
const PDF_REFUSALS: Partial<Record<AppError["code"], SignRefusal>> = {
  bsre_credential_wrong: "bsre_credential_wrong",
  bsre_not_registered: "bsre_not_registered",
  bsre_no_certificate: "bsre_no_certificate",
  signer_nik_missing: "nik_missing",
};

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
  credential: SigningCredential,
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
  const byBsre = deps.pdfSigner?.confirmedBy === "bsre";
  if (credential.kind === "totp" && !byBsre)
    return refuse(
      deps,
      actor,
      letterId,
      "totp_not_offered",
      new AppError("validation_failed", "Kode TOTP hanya dipakai bila surat ditandatangani melalui BSrE", [
        { path: "passphrase", message: "Masukkan frasa sandi tanda tangan Anda" },
      ]),
    );
  const secret = credential.kind === "totp" ? credential.totp : credential.passphrase;
  if (secret === "")
    return refuse(
      deps,
      actor,
      letterId,
      "passphrase_missing",
      credential.kind === "totp"
        ? new AppError("signing_passphrase_required", "Masukkan kode TOTP BSrE Anda", [
            { path: "totp", message: "Kode TOTP wajib diisi" },
          ])
        : new AppError(
            "signing_passphrase_required",
            byBsre ? "Masukkan passphrase BSrE Anda" : "Masukkan frasa sandi tanda tangan Anda",
            [
              {
                path: "passphrase",
                message: byBsre ? "Passphrase BSrE wajib diisi" : "Frasa sandi tanda tangan wajib diisi",
              },
            ],
          ),
    );
  const profile = await getSignerProfile(deps.store, actor.id);
  if (!profile && byBsre)
    return refuse(
      deps,
      actor,
      letterId,
      "nik_missing",
      new AppError(
        "signer_nik_missing",
        "Data penandatangan Anda (nama, jabatan, NIK) belum diisi; admin mengisinya di halaman Akun penandatangan",
      ),
    );
  // With BSrE, BSrE itself checks the passphrase or TOTP when it signs (the PDF step below).
  const confirmation = deps.confirmation ?? storedPassphraseConfirmation(deps.store);
  const verdict = !profile
    ? "not_set"
    : byBsre || credential.kind === "totp"
      ? "ok"
      : await confirmation.verify(identityOf(profile), credential.passphrase);
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
 * Signs as the letter's named signer, confirmed by his passphrase (SigningConfirmation), or, when the PDF signer
 * is BSrE's, by BSrE itself (his BSrE passphrase or TOTP). Anyone else, a wrong or missing credential, a capacity
 * that no longer holds, or what BSrE refuses for the signer to fix is refused with an audit row
 * (`letter.sign_refused`, the reason only) and the letter stays approved; so does a BSrE outage (a 5xx). The issuer is filled again from the account and stored with
 * the signed letter as its snapshot.
 */
export async function signLetter(
  deps: SignLetterDeps,
  actor: WorkflowActorRef,
  id: string,
  /** A string is a passphrase; a TOTP code is offered only with BSrE. */
  given: string | SigningCredential,
): Promise<LetterView> {
  const credential: SigningCredential = typeof given === "string" ? { kind: "passphrase", passphrase: given } : given;
  const { row } = await checkTransition(deps, actor, id, { action: "sign" });
  if (!row.nomor || row.nomor_seq === null) throw new AppError("not_numbered", "Surat belum mendapat nomor");
  // The letter's own profile version: the kop, paper (F4 in the profile means an F4 letter) and images it was drafted with.
  const rendering = await letterRendering(deps, letterInput(row), row.profile_version);
  const { input, snapshot } = await confirmedSigner(deps, actor, id, rendering.input, credential, rendering.options);
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
  const pdf = deps.pdfSigner
    ? await signedPdf(deps, deps.pdfSigner, actor, id, {
        signer: snapshot,
        pemda: options.pemda?.governmentName ?? "",
        credential,
        input,
        options: signedOptions,
      })
    : null;
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

/** The signed PDF; a refusal the signer can fix (BSrE: wrong credential, not registered, ...) is audited. */
async function signedPdf(
  deps: SignLetterDeps,
  signer: LetterPdfSigner,
  actor: WorkflowActorRef,
  letterId: string,
  request: LetterPdfRequest,
): Promise<SignedLetterPdf> {
  try {
    return await signer.sign(request);
  } catch (err) {
    const reason = err instanceof AppError ? PDF_REFUSALS[err.code] : undefined;
    if (err instanceof AppError && reason) return refuse(deps, actor, letterId, reason, err);
    throw err;
  }
}
