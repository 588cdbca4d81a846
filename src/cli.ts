#!/usr/bin/env node
// Entry point. `--version` is answered before anything else loads; every other command goes to the
// Commander program, which itself imports heavy modules only in the action that needs them.

import module from "node:module";
import os from "node:os";
import path from "node:path";

declare const __PROTOAGENT_VERSION__: string | undefined;

// Node 22+ can cache the compiled bytecode of the bundle on disk, so later runs skip most parsing and compiling
// before the first request; Node 20 has no such API and runs as before. The cache lives in the user's own cache
// folder, not the shared temp dir, where another local user could plant it (NODE_COMPILE_CACHE still wins).
(module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache?.(
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "protoagent", "compile-cache"),
);

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
await Promise.all(
  [process.stdout, process.stderr].map(
    (s) => new Promise<void>((resolve) => (s.writableLength ? s.write("", () => resolve()) : resolve())),
  ),
);
process.exit(code);
