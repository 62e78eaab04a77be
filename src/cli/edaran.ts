// The `edaran` command line: a small map of subcommands, so others add theirs (verify, …) with one line.
import { pathToFileURL } from "node:url";
import { renderCommand, type CommandIo } from "./render-command.js";
import { rotateKeyCommand, rotateKeyUsage } from "./rotate-key-command.js";
import { verifyCommand, verifyUsage } from "./verify-command.js";

export type Command = (args: string[], io: CommandIo) => Promise<number>;

export const commands: Record<string, { run: Command; summary: string }> = {
  render: { run: renderCommand, summary: "render <input.json> -o <berkas.docx> [--nomor 123] [--f4]" },
  verify: { run: verifyCommand, summary: verifyUsage },
  "rotate-key": { run: rotateKeyCommand, summary: rotateKeyUsage },
};

function usage(): string {
  return ["Pemakaian: edaran <perintah> …", ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)].join(
    "\n",
  );
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    io.err(name ? `Perintah tidak dikenal: ${name}\n${usage()}` : usage());
    return 1;
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
