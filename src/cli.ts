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
// Exit explicitly: idle keep-alive sockets of the HTTP client must not hold the process open.
// (stdout/stderr writes to pipes and files are synchronous on POSIX, so nothing is lost.)
process.exit(code);
