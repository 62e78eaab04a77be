// `npm run bench`: runs each bench section in order. Add a section by appending to SECTIONS.
import * as render from "./bench/render.js";

interface BenchSection {
  name: string;
  run: (log: (line: string) => void) => Promise<void>;
}

const SECTIONS: BenchSection[] = [{ name: "render surat edaran", run: render.run }];

for (const section of SECTIONS) {
  console.log(`\n== ${section.name}`);
  await section.run((line) => console.log(`  ${line}`));
}
// maxRSS is in kilobytes on Linux.
console.log(`\npuncak memori (RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
