// The bench sections, in the order `npm run bench` runs them. A section is imported only when it runs, so one
// section's set-up cost does not count against another.
import type { BenchContext } from "./context.js";

export interface BenchSection {
  name: string;
  run: (ctx: BenchContext) => Promise<void>;
}

export const SECTIONS: BenchSection[] = [
  { name: "render surat edaran (issue #2)", run: async (ctx) => (await import("./render.js")).run(ctx) },
  {
    name: "render surat edaran as PDF, against LibreOffice (issue #12)",
    run: async (ctx) => (await import("./render-pdf.js")).run(ctx),
  },
  { name: "fan-out to OPDs through the outbox (issue #5)", run: async (ctx) => (await import("./send.js")).run(ctx) },
  {
    name: "acknowledgements under concurrent load (issue #5)",
    run: async (ctx) => (await import("./acknowledge.js")).run(ctx),
  },
  {
    name: "http: read and write routes against a bare Hono app (issue #3)",
    run: async (ctx) => (await import("./http.js")).run(ctx),
  },
  {
    name: "audit chain check: incremental and full job against a bare hashing loop (issue #13)",
    run: async (ctx) => (await import("./audit-check.js")).run(ctx),
  },
  {
    name: "hot paths on a seeded history (100, 1,000, 5,000 letters × 60 OPDs) against bare Hono + better-sqlite3 (issue #13)",
    run: async (ctx) => (await import("./history-paths.js")).run(ctx),
  },
  {
    name: "render + PAdES sign of the letter with the local CA, against LibreOffice (issue #12)",
    run: async (ctx) => (await import("./pades.js")).run(ctx),
  },
  {
    name: "sign step inside workerd, against Node (issue #12)",
    run: async (ctx) => (await import("./pades-workerd.js")).run(ctx),
  },
  {
    name: "one reminder round with the policy, against the unbounded round (issue #13)",
    run: async (ctx) => (await import("./reminders.js")).run(ctx),
  },
  {
    name: "worker bundle size from wrangler deploy --dry-run (issue #3)",
    run: async (ctx) => (await import("./worker-bundle.js")).run(ctx),
  },
];
