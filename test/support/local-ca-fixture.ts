// A local CA on a real SQLite file in a temp folder, its key in a 0600 key file there, and one penandatangan.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../../src/domain/clock.js";
import { keyFileSource } from "../../src/sign/key-file.js";
import type { LocalCaDeps } from "../../src/sign/local-ca/local-ca-deps.js";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

export const SIGNER = {
  userId: "u-walikota",
  name: "Arif Gunadi, S.H., M.Si.",
  jabatan: "Wali Kota Bengkulu",
  nip: "197001011990031001",
  pemda: "Pemerintah Kota Bengkulu",
};

export async function makeLocalCaFixture() {
  const dir = await mkdtemp(join(tmpdir(), "local-ca-"));
  const store = openSqliteStore(join(dir, "edaran.sqlite"));
  const clock = fixedClock("2024-05-01T02:00:00.000Z");
  const caKey = keyFileSource({ dir, clock, alg: "ECDSA-P256", fileName: "ca-key.json" });
  await store.db
    .insertInto("users")
    .values({
      id: SIGNER.userId,
      username: "walikota",
      display_name: SIGNER.name,
      role: "penandatangan",
      password_hash: "x",
      created_at: "2024-01-01T00:00:00.000Z",
    })
    .execute();
  // Few PBKDF2 rounds: the tests open keys often; the iteration count is stored with each key anyway.
  const deps: LocalCaDeps = { store, clock, caKey, caOrganization: SIGNER.pemda, kdfIterations: 1000 };
  return {
    dir,
    deps,
    clock,
    caKeyPath: caKey.path,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
