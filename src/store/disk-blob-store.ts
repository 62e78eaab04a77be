// BlobStore on the local disk (Node runtime). Writes go to a temp file and are renamed into
// place, so a crash never leaves a half-written document under its final key.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { errorCode } from "../domain/thrown.js";
import type { BlobStore } from "./blob-store.js";

export function diskBlobStore(root: string): BlobStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const p = resolve(join(base, key));
    // Keys come from our own code, but never let one escape the folder.
    if (!p.startsWith(base + sep)) throw new Error(`blob key escapes the store: ${key}`);
    return p;
  };
  return {
    async put(key, bytes) {
      const p = pathOf(key);
      await mkdir(dirname(p), { recursive: true });
      // Unique per write: two concurrent puts of one key (two audit checks writing the same checkpoint) must
      // not share a temp file, or the second rename finds it gone.
      const tmp = `${p}.${process.pid}.${globalThis.crypto.randomUUID()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, p);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (e) {
        if (errorCode(e) === "ENOENT") return null;
        throw e;
      }
    },
  };
}
