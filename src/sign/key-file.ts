// Node KeySource: the private key lives in <dataDir>/signing-key.json, created on first use and
// readable only by its owner (0600). Rotation writes a new current key and keeps the old one's
// public half (never its private half) so the key set can go on verifying what it signed.
import { chmod, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import type { Clock } from "../domain/clock.js";
import { errorCode } from "../domain/thrown.js";
import type { CurrentSigningKey, KeySource } from "./key-source.js";
import {
  generateSigningKeyPair,
  importPrivateJwk,
  keyId,
  privateJwkSchema,
  publicJwkSchema,
  type SigningAlg,
  signingAlgSchema,
  toPublicJwk,
} from "./keys.js";

const keyFileSchema = z.object({
  current: z.object({ kid: z.string(), alg: signingAlgSchema, createdAt: z.string(), privateJwk: privateJwkSchema }),
  retired: z.array(
    z.object({
      kid: z.string(),
      alg: signingAlgSchema,
      createdAt: z.string(),
      retiredAt: z.string(),
      publicJwk: publicJwkSchema,
    }),
  ),
});
export type KeyFile = z.infer<typeof keyFileSchema>;
export type RetiredKey = KeyFile["retired"][number];

export interface KeyFileSource extends KeySource {
  readonly path: string;
  /** Makes a new current key; the old one moves to `retired` (public half only). */
  rotate(): Promise<CurrentSigningKey>;
  /** Keys this file signed with before, for registering in signing_keys. */
  retired(): Promise<RetiredKey[]>;
  /** When the current key was made. */
  currentCreatedAt(): Promise<string>;
}

export interface KeyFileOptions {
  dir: string;
  clock: Clock;
  alg?: SigningAlg;
  fileName?: string;
}

const MODE = 0o600;

export function keyFileSource(opts: KeyFileOptions): KeyFileSource {
  const path = join(opts.dir, opts.fileName ?? "signing-key.json");
  let cached: { file: KeyFile; key: CurrentSigningKey } | undefined;

  async function newFile(retired: RetiredKey[]): Promise<KeyFile> {
    const pair = await generateSigningKeyPair(opts.alg ?? "Ed25519");
    return {
      current: { kid: pair.kid, alg: pair.alg, createdAt: opts.clock.now().toISOString(), privateJwk: pair.privateJwk },
      retired,
    };
  }

  async function toKey(file: KeyFile): Promise<CurrentSigningKey> {
    const publicJwk = toPublicJwk(file.current.privateJwk);
    if ((await keyId(publicJwk)) !== file.current.kid) throw new Error(`${path}: kid does not match the key`);
    return {
      kid: file.current.kid,
      alg: file.current.alg,
      privateKey: await importPrivateJwk(file.current.privateJwk),
      publicJwk,
    };
  }

  async function load(): Promise<{ file: KeyFile; key: CurrentSigningKey }> {
    if (cached) return cached;
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    let file: KeyFile;
    try {
      file = keyFileSchema.parse(JSON.parse(await readFile(path, "utf8")));
      // A copied or restored file may have lost its mode; the private key must stay owner-only.
      if (((await stat(path)).mode & 0o777) !== MODE) await chmod(path, MODE);
    } catch (e) {
      if (errorCode(e) !== "ENOENT") throw e;
      file = await newFile([]);
      try {
        // 'wx': if another process created it meanwhile, use theirs rather than overwrite.
        await writeFile(path, JSON.stringify(file, null, 2), { mode: MODE, flag: "wx" });
      } catch (w) {
        if (errorCode(w) !== "EEXIST") throw w;
        file = keyFileSchema.parse(JSON.parse(await readFile(path, "utf8")));
      }
    }
    cached = { file, key: await toKey(file) };
    return cached;
  }

  return {
    path,
    async current() {
      return (await load()).key;
    },
    async retired() {
      return (await load()).file.retired;
    },
    async currentCreatedAt() {
      return (await load()).file.current.createdAt;
    },
    async rotate() {
      const { file } = await load();
      const old = file.current;
      const next = await newFile([
        ...file.retired,
        {
          kid: old.kid,
          alg: old.alg,
          createdAt: old.createdAt,
          retiredAt: opts.clock.now().toISOString(),
          publicJwk: toPublicJwk(old.privateJwk),
        },
      ]);
      const tmp = `${path}.${next.current.kid}.tmp`;
      await writeFile(tmp, JSON.stringify(next, null, 2), { mode: MODE, flag: "wx" });
      await rename(tmp, path);
      cached = { file: next, key: await toKey(next) };
      return cached.key;
    },
  };
}
