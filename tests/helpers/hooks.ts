// Hook scripts for tests: small Node programs written into the test's temp folder. Each reads the event's JSON
// from stdin, appends it (with the project-dir variables it saw) to a log file, then does what the test says.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TempEnv } from "./temp.js";

export interface HookScript {
  /** The command to put in a hooks config. */
  command: string;
  /** Every payload the hook received, in order (with `$env` = the project-dir variables). */
  calls(): Array<Record<string, unknown>>;
}

/**
 * `body` is JavaScript run with `input` (the parsed payload) in scope; it may write to stdout/stderr and call
 * process.exit(code).
 */
export function hookScript(t: TempEnv, name: string, body = ""): HookScript {
  const file = path.join(t.root, `${name}.mjs`);
  const log = path.join(t.root, `${name}.log`);
  writeFileSync(
    file,
    `import { appendFileSync, readFileSync } from "node:fs";
const input = JSON.parse(readFileSync(0, "utf8"));
const $env = { CLAUDE_PROJECT_DIR: process.env.CLAUDE_PROJECT_DIR, PROTOAGENT_PROJECT_DIR: process.env.PROTOAGENT_PROJECT_DIR, cwd: process.cwd() };
appendFileSync(${JSON.stringify(log)}, JSON.stringify({ ...input, $env }) + "\\n");
${body}
`,
  );
  return {
    command: `node ${JSON.stringify(file)}`,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as Record<string, unknown>)
        : [],
  };
}

/** A Claude-shaped `hooks` value with one command for `event` (matcher optional). */
export function oneHook(event: string, command: string, matcher?: string, timeout?: number) {
  return {
    [event]: [
      {
        ...(matcher === undefined ? {} : { matcher }),
        hooks: [{ type: "command", command, ...(timeout === undefined ? {} : { timeout }) }],
      },
    ],
  };
}
