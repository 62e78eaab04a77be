// `npm run bench`: runs each bench section in order and prints its figures. Targets are checked by
// reading these figures, never by a timed test. Add a section by appending to SECTIONS; a section is
// imported only when it runs, so one section's set-up cost does not count against another.
interface BenchSection {
  name: string;
  run: (log: (line: string) => void) => Promise<void>;
}

const SECTIONS: BenchSection[] = [
  { name: "render surat edaran (issue #2)", run: async (log) => (await import("./bench/render.js")).run(log) },
  {
    name: "fan-out to 60 OPDs through the outbox (issue #5)",
    run: async () => (await import("./bench/send.js")).benchSend(),
  },
  {
    name: "acknowledgements under concurrent load (issue #5)",
    run: async () => (await import("./bench/acknowledge.js")).benchAcknowledge(),
  },
  {
    name: "http: read and write routes against a bare Hono app (issue #3)",
    run: async (log) => (await import("./bench/http.js")).run(log),
  },
  {
    name: "worker bundle size from wrangler deploy --dry-run (issue #3)",
    run: async (log) => void (await (await import("./bench/worker-bundle.js")).benchWorkerBundle(log)),
  },
];

const only = process.argv[2];
for (const section of SECTIONS) {
  if (only && !section.name.includes(only)) continue;
  console.log(`\n== ${section.name}`);
  await section.run((line) => console.log(`  ${line}`));
}
// maxRSS is in kilobytes on Linux.
console.log(`\npeak memory (RSS) of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

export {};
