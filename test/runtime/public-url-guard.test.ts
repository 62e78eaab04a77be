// A Worker deployed with wrangler.toml's dev PUBLIC_URL (localhost) refuses requests instead of mailing dead links.
import { describe, expect, it } from "vitest";
import { localPublicUrlProblem } from "../../src/runtime/public-url-guard.js";

describe("local PUBLIC_URL guard", () => {
  it("refuses a request at a real hostname while PUBLIC_URL is local, naming the --var to deploy with", () => {
    for (const local of ["http://localhost:8787", "http://127.0.0.1:8787", "http://[::1]:8787"]) {
      const problem = localPublicUrlProblem(local, "https://edaran.bengkulukota.go.id/login");
      expect(problem, local).toContain("--var PUBLIC_URL:https://edaran.bengkulukota.go.id");
    }
    expect(localPublicUrlProblem("http://localhost:8787", "https://edaran.pemda.workers.dev/")).not.toBeNull();
  });

  it("lets wrangler dev serve a local PUBLIC_URL to local requests", () => {
    expect(localPublicUrlProblem("http://localhost:8787", "http://localhost:8787/login")).toBeNull();
    expect(localPublicUrlProblem("http://localhost:8787", "http://127.0.0.1:8787/")).toBeNull();
  });

  it("says nothing when PUBLIC_URL is a real address, or unset (the settings check names that)", () => {
    expect(localPublicUrlProblem("https://edaran.bengkulukota.go.id", "https://edaran.bengkulukota.go.id/")).toBeNull();
    expect(localPublicUrlProblem(undefined, "https://edaran.bengkulukota.go.id/")).toBeNull();
  });
});
