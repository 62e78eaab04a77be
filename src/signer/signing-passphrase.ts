// The signer sets his own signing passphrase (nobody else can: not even an admin). Replacing one asks for the
// current one, so a session left open is not enough. Kept only as a slow salted hash; the audit row says that
// it was set, never what it is. A signer who forgot his passphrase asks the admin to reset it: that only clears
// it (audited), so the signer sets a new one himself; with the local CA his next signature gets a new
// certificate, since his key was encrypted under the forgotten one (sign/signed-pdf-letter.ts).
import { atomicWithAudit } from "../audit/audit-log.js";
import { hashPassword, verifyPassword } from "../auth/password.js";
import { AppError, forbidden, invalid } from "../domain/app-error.js";
import { passphraseBodySchema } from "../domain/signer-account.js";
import { toValidationIssues } from "../domain/validation-issues.js";
import { clearPassphraseHashQuery, getSignerProfile, setPassphraseHashQuery } from "../store/signers-repo.js";
import { signerUser } from "./signer-account.js";
import type { SignerDeps, SignerViewer } from "./signer-deps.js";

export async function setSigningPassphrase(
  deps: SignerDeps,
  viewer: SignerViewer,
  userId: string,
  raw: unknown,
): Promise<{ passphraseSet: true }> {
  if (viewer.id !== userId) throw forbidden("Frasa sandi tanda tangan hanya dapat diatur oleh penandatangan sendiri");
  await signerUser(deps, viewer, userId);
  const parsed = passphraseBodySchema.safeParse(raw);
  if (!parsed.success) throw invalid(toValidationIssues(parsed.error), "Frasa sandi tanda tangan belum benar");
  const profile = await getSignerProfile(deps.store, userId);
  if (!profile) throw invalid([{ path: "passphrase", message: "Data penandatangan belum diisi admin" }]);
  const current = profile.passphrase_hash;
  if (current !== null) {
    const given = parsed.data.currentPassphrase ?? "";
    if (!(await verifyPassword(given, current)))
      throw new AppError("signing_passphrase_wrong", "Frasa sandi tanda tangan yang sekarang salah", [
        { path: "currentPassphrase", message: "Frasa sandi yang sekarang salah" },
      ]);
  }
  const it = deps.config.passwordIterations;
  const hash = await hashPassword(parsed.data.passphrase, it === undefined ? {} : { iterations: it });
  const now = deps.clock.now().toISOString();
  const { audit } = await atomicWithAudit(
    deps.store,
    deps.clock,
    [setPassphraseHashQuery(deps.store, userId, hash, current, now)],
    { actor: viewer.id, action: "signer.passphrase_set", subject: userId, data: { replaced: current !== null } },
    { onlyIfLastChanged: true },
  );
  if (!audit)
    throw new AppError("stale_state", "Frasa sandi diubah bersamaan di tempat lain; muat ulang lalu coba lagi");
  return { passphraseSet: true };
}

/** The admin clears a signer's passphrase; nothing to clear is a validation error, a concurrent change is stale. */
export async function resetSigningPassphrase(
  deps: SignerDeps,
  viewer: SignerViewer,
  userId: string,
): Promise<{ passphraseSet: false }> {
  if (viewer.role !== "admin") throw forbidden("Hanya admin yang dapat menyetel ulang frasa sandi tanda tangan");
  await signerUser(deps, viewer, userId);
  const current = (await getSignerProfile(deps.store, userId))?.passphrase_hash ?? null;
  if (current === null)
    throw invalid(
      [{ path: "passphrase", message: "Penandatangan ini belum mengatur frasa sandi" }],
      "Tidak ada frasa sandi untuk disetel ulang",
    );
  const now = deps.clock.now().toISOString();
  const { audit } = await atomicWithAudit(
    deps.store,
    deps.clock,
    [clearPassphraseHashQuery(deps.store, userId, current, now)],
    { actor: viewer.id, action: "signer.passphrase_reset", subject: userId, data: {} },
    { onlyIfLastChanged: true },
  );
  if (!audit)
    throw new AppError("stale_state", "Frasa sandi diubah bersamaan di tempat lain; muat ulang lalu coba lagi");
  return { passphraseSet: false };
}
