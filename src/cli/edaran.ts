// The `edaran` command line: a small map of subcommands, so others add theirs (verify, …) with one line.
import { pathToFileURL } from "node:url";
import { makeKeyCommand, makeKeyUsage } from "./make-key-command.js";
import { type CommandIo, renderCommand } from "./render-command.js";
import { rotateKeyCommand, rotateKeyUsage } from "./rotate-key-command.js";
import { verifyCommand, verifyUsage } from "./verify-command.js";

export type Command = (args: string[], io: CommandIo) => Promise<number>;

export const commands: Record<string, { run: Command; summary: string }> = {
  render: { run: renderCommand, summary: "render <input.json> -o <berkas.docx> [--nomor 123] [--f4]" },
  verify: { run: verifyCommand, summary: verifyUsage },
  "rotate-key": { run: rotateKeyCommand, summary: rotateKeyUsage },
  "make-key": { run: makeKeyCommand, summary: makeKeyUsage },
};

const HELP = new Set(["help", "--help", "-h"]);

export function usage(): string {
  return [
    "Pemakaian: edaran <perintah> …",
    // Summaries usually begin with the command's name; one that does not gets it in front.
    ...Object.entries(commands).map(
      ([name, c]) => `  edaran ${c.summary.startsWith(name) ? c.summary : `${name} ${c.summary}`}`,
    ),
    "  edaran help   tampilkan bantuan ini (juga --help, -h)",
  ].join("\n");
}

/** Runs one subcommand. Help exits 0 with the usage on stdout; no or an unknown command is a usage error (2). */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name !== undefined && HELP.has(name)) {
    io.out(usage());
    return 0;
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    io.err(name ? `Perintah tidak dikenal: ${name}\n${usage()}` : usage());
    return 2;
  }
  return command.run(rest, io);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
  });
  process.exitCode = code;
}
