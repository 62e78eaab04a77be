// `npm run bench [section]`: runs each bench section in order and prints its figures. Targets are checked by
// reading these figures, never by a timed test. Sections: scripts/bench/sections.ts.
import { SECTIONS } from "./bench/sections.js";

const only = process.argv[2];
for (const section of SECTIONS) {
  if (only && !section.name.includes(only)) continue;
  console.log(`\n== ${section.name}`);
  await section.run({ log: (line) => console.log(`  ${line}`), size: "full" });
}
// maxRSS is in kilobytes on Linux.
console.log(`\npeak memory (RSS) of the whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
