#!/usr/bin/env node
// Entry point. `--version` is answered before anything else loads; every other command goes to the
// Commander program, which itself imports heavy modules only in the action that needs them.

declare const __PROTOAGENT_VERSION__: string | undefined;

const args = process.argv.slice(2);
let code: number;
if (
  args.length === 1 &&
  (args[0] === "--version" || args[0] === "-v") &&
  typeof __PROTOAGENT_VERSION__ === "string"
) {
  process.stdout.write(`${__PROTOAGENT_VERSION__}\n`);
  code = 0;
} else {
  code = await (await import("./cli/program.js")).main(process.argv);
}
// Exit explicitly: idle keep-alive sockets of the HTTP client must not hold the process open. But first let
// stdout and stderr drain: once a pipe is full (64 KB) Node queues the rest of a write, and process.exit drops the
// queue (`protoagent -p … | less` lost every byte of a long answer after the first 64 KB).
const drained = (s: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => (s.writableLength ? s.write("", () => resolve()) : resolve()));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
