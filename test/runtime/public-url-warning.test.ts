// `npm start` warns loudly when emails and QR codes would link to this machine only.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadNodeConfig, publicUrlWarning } from "../../src/runtime/node-config.js";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "edaran-start-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const warningFor = (env: Record<string, string>) =>
  publicUrlWarning(loadNodeConfig({ DATA_DIR: dataDir, ...env }))?.join("\n") ?? null;

describe("public url warning", () => {
  it("warns when PUBLIC_URL is not set, naming the localhost url links will use and the settings to change", () => {
    const text = warningFor({ PORT: "8787" });
    expect(text).toContain("will point to http://localhost:8787");
    expect(text).toContain("set PUBLIC_URL to the address OPD heads can reach");
    expect(text).toContain("HOST=0.0.0.0 (now 127.0.0.1) or put a reverse proxy in front");
  });

  it("warns for a PUBLIC_URL on localhost, 127.x or ::1", () => {
    for (const url of [
      "http://127.0.0.1:8787",
      "http://127.1.2.3",
      "http://LOCALHOST:3000/",
      "http://[::1]:8787",
      "http://edaran.localhost",
    ]) {
      expect(warningFor({ PUBLIC_URL: url }), url).toContain("WARNING");
    }
  });

  it("says nothing when PUBLIC_URL is an address others can reach", () => {
    expect(warningFor({ PUBLIC_URL: "https://edaran.bengkulukota.go.id" })).toBeNull();
    expect(warningFor({ PUBLIC_URL: "http://192.168.1.20:8787", HOST: "0.0.0.0" })).toBeNull();
  });

  it("is printed by npm start", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/runtime/node.ts"], {
      cwd: join(import.meta.dirname, "../.."),
      env: {
        ...process.env,
        PUBLIC_URL: "",
        DATA_DIR: dataDir,
        PORT: "0",
        SEED_PASSWORD: "rahasia123",
        PASSWORD_ITERATIONS: "1000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("reverse proxy in front")) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    child.kill("SIGTERM");
    await exited;
    expect(output).toContain("edaran is serving on http://localhost:0");
    expect(output).toContain("WARNING: PUBLIC_URL is not an address OPD heads can reach.");
  });
});
