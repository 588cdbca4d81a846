// The one mapping from parsed command-line options to runtime options (headless, the TUI and ACP used to
// each copy it).
import type { CliOptions } from "../cli/options.js";
import type { Env } from "../config/paths.js";
import type { RuntimeOptions } from "./assemble.js";

export function runtimeOptionsFromCli(
  cli: CliOptions,
  env: Env,
  opts: { headless: boolean; version: string },
): RuntimeOptions {
  return {
    cwd: cli.cwd,
    env,
    headless: opts.headless,
    model: cli.model,
    mode: cli.dangerouslySkipPermissions ? "bypass" : cli.mode,
    sandbox: { mode: cli.sandbox },
    maxTurns: cli.maxTurns,
    allow: cli.allow,
    deny: cli.deny,
    trustProject: cli.trustProject,
    logLevel: cli.logLevel,
    resume: { session: cli.session, continue: cli.continue, fork: cli.forkSession },
    version: opts.version,
    limitFlags: { maxCost: cli.maxCost, maxTokens: cli.maxTokens, timeout: cli.timeout },
  };
}
