// `protoagent init`: writes the commented config template to the project (.protoagent/protoagent.jsonc) or
// user config. Non-interactive with --project/--user (never overwrites without --force); otherwise asks which
// file, and whether to overwrite an existing one.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Env } from "../../config/paths.js";
import { CONFIG_TEMPLATE, writePrivateFile } from "../../config/write.js";
import { UserError } from "../../errors.js";
import { targetPath } from "./configure.js";

export interface InitOptions {
  project?: boolean;
  user?: boolean;
  force?: boolean;
  cwd?: string;
  env?: Env;
  out?: (line: string) => void;
}

export async function runInit(opts: InitOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const out = opts.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  let project = opts.project;
  let force = opts.force ?? false;
  if (!opts.project && !opts.user) {
    if (!process.stdin.isTTY) throw new UserError("Non-interactive init requires --project or --user.");
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const where = (
        await rl.question(`Create the config for this (p)roject or your (u)ser account? [p/u] `)
      ).trim();
      if (!/^[pu]/i.test(where)) {
        out("Nothing written.");
        return 1;
      }
      project = /^p/i.test(where);
      const file = targetPath({ project, user: !project, cwd, env });
      if (existsSync(file) && !force) {
        force = /^y/i.test((await rl.question(`${file} exists. Overwrite it? (y/n) `)).trim());
        if (!force) {
          out(`protoagent config already exists: ${file}`);
          return 0;
        }
      }
    } finally {
      rl.close();
    }
  }
  const file = targetPath({ project, user: !project, cwd, env });
  const existed = existsSync(file);
  if (existed && !force) {
    out(`protoagent config already exists: ${file} (use --force to overwrite)`);
    return 0;
  }
  writePrivateFile(file, CONFIG_TEMPLATE);
  out(`${existed ? "Overwrote" : "Created"} protoagent config: ${file}`);
  return 0;
}
