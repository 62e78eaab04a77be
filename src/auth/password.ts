// Password hashes: PBKDF2-HMAC-SHA256 through WebCrypto, so Node and workerd share one implementation.
// Stored as 'pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>'. workerd refuses more than 100 000
// iterations ("Pbkdf2 failed: iteration counts above 100000 are not supported"), so production uses
// exactly that cap; tests pass a lower count to stay fast. The count lives in each hash, so raising
// or lowering it later only affects new hashes (see needsRehash).
import { base64ToBytes, bytesToBase64, constantTimeEqual } from "../domain/encoding.js";

export const PBKDF2_MAX_ITERATIONS = 100_000;
export const PBKDF2_DEFAULT_ITERATIONS = PBKDF2_MAX_ITERATIONS;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const PREFIX = "pbkdf2-sha256";

/**
 * The password_hash of an invited account (0180): no password yet, its owner sets one from a setup or activation
 * link. It is no hash, so verifyPassword never accepts it and login can tell the account apart.
 */
export const NO_PASSWORD_HASH = "";

export const isInvited = (storedHash: string): boolean => storedHash === NO_PASSWORD_HASH;

export interface HashOptions {
  /** 1..100 000; defaults to 100 000. */
  iterations?: number;
}

function checkIterations(iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be an integer in 1..${PBKDF2_MAX_ITERATIONS}, got ${iterations}`);
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, opts: HashOptions = {}): Promise<string> {
  const iterations = opts.iterations ?? PBKDF2_DEFAULT_ITERATIONS;
  checkIterations(iterations);
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}$${iterations}$${bytesToBase64(salt)}$${bytesToBase64(hash)}`;
}

interface ParsedHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array;
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const iterations = Number(parts[1]);
  // A stored count above the cap could not be checked in workerd and would let a crafted row cost
  // unbounded CPU, so such a hash never verifies.
  if (!/^\d+$/.test(parts[1]!) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) return null;
  try {
    const salt = base64ToBytes(parts[2]!);
    const hash = base64ToBytes(parts[3]!);
    if (salt.length === 0 || hash.length !== HASH_BITS / 8) return null;
    return { iterations, salt, hash };
  } catch {
    return null;
  }
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.iterations);
  return constantTimeEqual(candidate, parsed.hash);
}

/** True when `stored` was made with another iteration count (or is malformed): hash again at next login. */
export function needsRehash(stored: string, iterations: number = PBKDF2_DEFAULT_ITERATIONS): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.iterations !== iterations;
}

/**
 * Spends the same work as a real check, for a login whose username does not exist, so the answer time
 * does not tell which usernames exist. Always false.
 */
export async function verifyPasswordOfNobody(
  password: string,
  iterations: number = PBKDF2_DEFAULT_ITERATIONS,
): Promise<false> {
  checkIterations(iterations);
  await derive(password, new Uint8Array(SALT_BYTES), iterations);
  return false;
}
