// `edaran rotate-key [--data-dir DIR]`: makes a new signing key for the Node runtime. The old key's public
// half stays in the key file and in the key set (marked retired), so letters it signed keep verifying.
// Stop the server first: a running server keeps signing with the key it loaded until it restarts.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../domain/clock.js";
import { keyFileSource } from "../sign/key-file.js";
import type { CommandIo } from "./render-command.js";

export const rotateKeyUsage = "rotate-key [--data-dir .data]   (hentikan server dulu)";

export async function rotateKeyCommand(args: string[], io: CommandIo): Promise<number> {
  let dataDir: string;
  try {
    const { values } = parseArgs({ args, options: { "data-dir": { type: "string" } } });
    dataDir = resolve(values["data-dir"] ?? process.env.DATA_DIR ?? ".data");
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\nPemakaian: edaran ${rotateKeyUsage}`);
    return 2;
  }
  const keys = keyFileSource({ dir: join(dataDir, "keys"), clock: systemClock });
  const before = await keys.current();
  const after = await keys.rotate();
  io.out(`Kunci penandatangan diganti: ${before.kid} (pensiun, tetap memverifikasi surat lamanya) → ${after.kid}`);
  io.out("Jalankan ulang server agar kunci baru dipakai dan diterbitkan di /.well-known/edaran-keys.json.");
  return 0;
}
