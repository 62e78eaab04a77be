// Signed session cookies and API tokens → the digest their row is stored under, remembered for later requests.
// A browser sends the same cookie with every request; verifying its HMAC and hashing its token again each time
// is work on every read that gives nothing new. Only a credential that verified is remembered, so a forged one
// is checked in full each time; the row itself is still read on every request, so revocation, expiry and a
// disabled account take effect at once. The raw credentials sit in this process's memory, beside the secret
// that signs them, never in the database.

export interface CredentialMemo {
  /** The digest of `credential`: remembered, or `compute`d (and remembered when not null). */
  digest(credential: string, compute: (credential: string) => Promise<string | null>): Promise<string | null>;
  readonly size: number;
}

export const DEFAULT_CREDENTIAL_MEMO_SIZE = 1000;

/** A bounded memo; the least recently used credential is forgotten first. */
export function credentialMemo(max = DEFAULT_CREDENTIAL_MEMO_SIZE): CredentialMemo {
  const digests = new Map<string, string>();
  return {
    async digest(credential, compute) {
      const hit = digests.get(credential);
      if (hit !== undefined) {
        digests.delete(credential);
        digests.set(credential, hit);
        return hit;
      }
      const digest = await compute(credential);
      if (digest !== null) {
        digests.set(credential, digest);
        if (digests.size > max) {
          const oldest = digests.keys().next();
          if (!oldest.done) digests.delete(oldest.value);
        }
      }
      return digest;
    },
    get size() {
      return digests.size;
    },
  };
}
