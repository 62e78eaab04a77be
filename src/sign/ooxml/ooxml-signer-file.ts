// Node OoxmlSignerSource: <keys dir>/ooxml-signer.json beside the Ed25519 key file, created on first use,
// readable only by its owner (0600).
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../../domain/clock.js";
import { errorCode } from "../../domain/thrown.js";
import type { CertificateSubject } from "./certificate.js";
import type { OoxmlSigner } from "./ooxml-signature.js";
import {
  createOoxmlSignerJson,
  importOoxmlSigner,
  type OoxmlSignerJson,
  type OoxmlSignerSource,
  ooxmlSignerJsonSchema,
} from "./ooxml-signer.js";

export interface OoxmlSignerFileOptions {
  dir: string;
  clock: Clock;
  /** Whom the self-signed certificate names, e.g. the Pemerintah Kota. */
  subject: CertificateSubject;
  fileName?: string;
}

const MODE = 0o600;

export function ooxmlSignerFileSource(opts: OoxmlSignerFileOptions): OoxmlSignerSource & { readonly path: string } {
  const path = join(opts.dir, opts.fileName ?? "ooxml-signer.json");
  let cached: Promise<OoxmlSigner> | undefined;

  async function load(): Promise<OoxmlSigner> {
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    let json: OoxmlSignerJson;
    try {
      json = ooxmlSignerJsonSchema.parse(JSON.parse(await readFile(path, "utf8")));
      if (((await stat(path)).mode & 0o777) !== MODE) await chmod(path, MODE);
    } catch (e) {
      if (errorCode(e) !== "ENOENT") throw e;
      json = await createOoxmlSignerJson(opts.subject, opts.clock.now());
      try {
        // 'wx': another process that got there first wins; use its file.
        await writeFile(path, JSON.stringify(json, null, 2), { mode: MODE, flag: "wx" });
      } catch (w) {
        if (errorCode(w) !== "EEXIST") throw w;
        json = ooxmlSignerJsonSchema.parse(JSON.parse(await readFile(path, "utf8")));
      }
    }
    return importOoxmlSigner(json);
  }

  return {
    path,
    current() {
      cached ??= load().catch((e: unknown) => {
        cached = undefined;
        throw e;
      });
      return cached;
    },
  };
}
