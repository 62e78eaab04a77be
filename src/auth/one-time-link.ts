// The tokens of setup and activation links: random, handed out once inside a URL, stored only as SHA-256.
import { sha256Hex } from "../domain/encoding.js";
import type { OneTimeLinkPurpose } from "../store/database.js";
import type { OneTimeLink } from "../store/one-time-links-repo.js";
import { randomToken } from "./tokens.js";

/** The first admin's setup link: long enough to reach the printed URL after a night's deployment. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;
/** An account's activation link: time for a message on WhatsApp to be read, short enough to go stale. */
export const ACTIVATION_LINK_TTL_MS = 72 * 60 * 60 * 1000;

export interface IssuedLink {
  /** Goes into the URL; never stored. */
  token: string;
  row: OneTimeLink;
}

export const linkTokenHash = (token: string): Promise<string> => sha256Hex(token);

export async function newLink(
  purpose: OneTimeLinkPurpose,
  userId: string | null,
  createdBy: string,
  now: Date,
  ttlMs: number,
): Promise<IssuedLink> {
  const token = randomToken();
  return {
    token,
    row: {
      token_hash: await linkTokenHash(token),
      purpose,
      user_id: userId,
      created_by: createdBy,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlMs).toISOString(),
    },
  };
}

/** A token as it may appear in a URL path: base64url, bounded, so nothing odd reaches a query. */
export const isLinkTokenShape = (token: string): boolean => /^[A-Za-z0-9_-]{20,100}$/.test(token);
