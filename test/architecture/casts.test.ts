// House rule of CODE_STYLE.md, checked: casts (`x as T`, not `as const`) in src/ are few, and each says why in a
// `cast:` comment on its line or just above. Biome's structural search finds them (a real parse, not a regex).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAX_CASTS = 14;

interface Cast {
  where: string;
  text: string;
  reason: boolean;
}

function casts(): Cast[] {
  const out = execFileSync(
    "npx",
    ["biome", "search", "--reporter=github", "--max-diagnostics=5000", "`$x as $t`", "src"],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  );
  const seen = new Set<string>();
  const found: Cast[] = [];
  for (const m of out.matchAll(/file=([^,]+),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+)/g)) {
    const [file = "", line, endLine, col, endCol] = [m[1], ...m.slice(2).map(Number)] as [
      string,
      number,
      number,
      number,
      number,
    ];
    // `x as unknown as T` is two nested matches starting at one place: one cast.
    const key = `${file}:${line}:${col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lines = readFileSync(file, "utf8").split("\n");
    const text =
      line === endLine
        ? (lines[line - 1] ?? "").slice(col - 1, endCol - 1)
        : [
            (lines[line - 1] ?? "").slice(col - 1),
            ...lines.slice(line, endLine - 1),
            (lines[endLine - 1] ?? "").slice(0, endCol - 1),
          ].join("\n");
    if (/\bas\s+const(\s+satisfies\b.*)?\s*$/s.test(text)) continue;
    const near = lines.slice(Math.max(0, line - 3), line).join("\n");
    found.push({
      where: `${file.replace(ROOT, "")}:${line}`,
      text: text.replace(/\s+/g, " ").slice(-80),
      reason: /\bcast:/.test(near),
    });
  }
  return found;
}

describe("casts in src/", () => {
  const all = casts();

  it("finds casts at all (the search works)", () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it(`are at most ${MAX_CASTS}`, () => {
    expect(all.length, all.map((c) => `${c.where} ${c.text}`).join("\n")).toBeLessThanOrEqual(MAX_CASTS);
  });

  it("each say why in a cast: comment", () => {
    expect(all.filter((c) => !c.reason).map((c) => `${c.where} ${c.text}`)).toEqual([]);
  });
});
