// The Worker bundle carries no library edaran never calls (issue #14: "no formatter or other unused library
// shipped"): each one wrangler.toml's [alias] replaces must be absent from what `wrangler deploy --dry-run` builds.
// The size itself is a bench figure (npm run bench "worker bundle"), not a test.
import { describe, expect, it } from "vitest";
import { measureWorkerBundle } from "../../scripts/bench/worker-bundle.js";

const NEVER_SHIPPED = [
  "prettier",
  "postal-mime",
  "brotli",
  "@react-email/code-block",
  "@react-email/tailwind",
  "@react-email/markdown",
  "marked",
  "prismjs",
];

describe("the Worker bundle", () => {
  it("ships none of the libraries it aliases away, and does ship what the Worker uses", {
    timeout: 240_000,
  }, async () => {
    const { contributors } = await measureWorkerBundle({ minify: true });
    const names = contributors.map((c) => c.name);
    expect(names.filter((n) => NEVER_SHIPPED.includes(n))).toEqual([]);
    // The check can fail: the packages the Worker does use are seen by the same reading.
    expect(names).toEqual(expect.arrayContaining(["zod", "docx", "@react-email/text", "resend"]));
  });
});
