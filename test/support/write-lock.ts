// Holds the write lock of a SQLite file from a second, real process (test/support/write-lock-holder.mjs).
import { spawn } from "node:child_process";

export interface WriteLock {
  /** Lets the other process roll back and exit; resolves once it has. */
  release(): Promise<void>;
}

export async function holdWriteLock(dbPath: string): Promise<WriteLock> {
  const child = spawn(process.execPath, ["test/support/write-lock-holder.mjs", dbPath], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      if (d.toString().includes("locked")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`lock holder exited (${code}): ${stderr}`)));
  });
  return {
    async release() {
      child.stdin.write("go\n");
      await exited;
    },
  };
}
