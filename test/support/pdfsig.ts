// poppler's pdfsig on a PDF in a temp file. -nocert: NSS would otherwise call every test CA "not trusted";
// what is asserted is pdfsig's own check of the signature and of the signed ranges.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function pdfsig(pdf: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "pdfsig-"));
  try {
    const file = join(dir, "signed.pdf");
    await writeFile(file, pdf);
    // pdfsig exits non-zero for an invalid signature; its report is what the tests read either way.
    const out = await run("pdfsig", ["-nocert", file]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? "" }));
    return out.stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
