// House rule of CODE_STYLE.md, checked: imports point down (runtime/cli → http → capabilities → store →
// domain), and no two folders import each other, directly or round a circle.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycle, importEdges, topFolder } from "./import-graph.js";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

/** Higher may import lower or equal; equal ranks (the capabilities) must stay acyclic. */
const RANK: Record<string, number> = {
  domain: 0,
  store: 1,
  audit: 2,
  auth: 2,
  drafting: 2,
  emails: 2,
  opd: 2,
  pemda: 2,
  render: 2,
  send: 2,
  sign: 2,
  signer: 2,
  track: 2,
  work: 2,
  http: 3,
  cli: 4,
  runtime: 4,
};

const edges = importEdges(SRC);

describe("imports between the folders of src/", () => {
  it("reads the imports at all (the check is not vacuous)", () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => e.from.startsWith("http/") && e.to.startsWith("domain/"))).toBe(true);
  });

  it("knows every folder's layer", () => {
    const folders = new Set(edges.flatMap((e) => [topFolder(e.from), topFolder(e.to)]).filter((f) => f !== ".."));
    expect([...folders].filter((f) => !(f in RANK))).toEqual([]);
  });

  it("never points up a layer", () => {
    const upward = edges
      .filter((e) => topFolder(e.to) !== "..")
      .filter((e) => (RANK[topFolder(e.from)] ?? -1) < (RANK[topFolder(e.to)] ?? -1))
      .map((e) => `${e.from} → ${e.to}`);
    expect(upward).toEqual([]);
  });

  it("leaves src/ only for the data/ folder", () => {
    const outside = edges.filter((e) => e.to.startsWith("..") && !e.to.startsWith("../data/"));
    expect(outside.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  it("has no cycle between folders", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      const [a, b] = [topFolder(e.from), topFolder(e.to)];
      if (a === b || b === "..") continue;
      graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    expect(findCycle(graph)).toBeNull();
  });
});

describe("findCycle", () => {
  it("finds a circle of three and none in a chain", () => {
    const g = (pairs: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of pairs) m.set(a, (m.get(a) ?? new Set()).add(b));
      return m;
    };
    expect(
      findCycle(
        g([
          ["send", "track"],
          ["track", "audit"],
          ["audit", "send"],
        ]),
      ),
    ).toEqual(["send", "track", "audit", "send"]);
    expect(
      findCycle(
        g([
          ["http", "send"],
          ["send", "track"],
          ["http", "track"],
        ]),
      ),
    ).toBeNull();
  });
});

describe("the HTTP layer", () => {
  it("builds no SQL: pages and routes call services", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(`${dir}/${n}`).isDirectory() ? files(`${dir}/${n}`) : [`${dir}/${n}`]));
    const withSql = files(`${SRC}/http`).filter((f) =>
      /\.(selectFrom|updateTable|insertInto|deleteFrom)\(|\.db\b/.test(readFileSync(f, "utf8")),
    );
    expect(withSql).toEqual([]);
  });
});
