// The Commander program: parses the command line and dispatches. Everything heavy (OpenAI SDK, Ink, MCP)
// is imported lazily inside the action that needs it, so --help stays fast.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { dataDir, projectConfigPath, userConfigPath } from "../config/paths.js";
import { isTrusted } from "../config/trust.js";
import { errorMessage, UserError } from "../errors.js";
import { SANDBOX_MODES } from "../sandbox/types.js";
import { LOG_LEVELS, type LogLevel } from "../utils/logger.js";
import { version } from "../version.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { modelsCommand } from "./commands/models.js";
import { sessionsCommand } from "./commands/sessions.js";
import type { CliOptions } from "./options.js";

const positiveInt = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`${flag} needs a positive whole number.`);
  return n;
};
const positiveNumber = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} needs a positive number.`);
  return n;
};
const collect = (v: string, prev: string[]) => [...prev, v];

function projectTrusted(cwd: string): boolean {
  const file = projectConfigPath(cwd);
  const data = dataDir(process.env);
  const ok = (p: string) => !existsSync(p) || isTrusted(p, readFileSync(p, "utf8"), data);
  return ok(file) && ok(path.join(cwd, ".mcp.json"));
}

function registerSubcommands(program: Command): void {
  const cwd = () => path.resolve((program.opts().cwd as string | undefined) ?? process.cwd());
  registerMcpCommand(program, () => ({
    cwd: cwd(),
    userConfigPath: userConfigPath(process.env),
    projectConfigPath: projectConfigPath(cwd()),
    projectTrusted: projectTrusted(cwd()),
    dataDir: dataDir(process.env),
    out: (line) => process.stdout.write(`${line}\n`),
  }));
  program
    .command("configure")
    .description("choose provider, model and API key (writes protoagent.jsonc, keeping its comments)")
    .option("--project", "write the project config (.protoagent/protoagent.jsonc)")
    .option("--user", "write the user config (default)")
    .option("--provider <id>", "provider id, e.g. openai")
    .option("--model <id>", "model id, or provider/model")
    .option("--api-key <key>", "store this key for the provider")
    .action(async (o: Record<string, unknown>) => {
      const { runConfigure } = await import("./commands/configure.js");
      process.exitCode = await runConfigure({ ...o, cwd: cwd() });
    });
  program
    .command("init")
    .description("create a commented protoagent.jsonc template")
    .option("--project", "in this project (.protoagent/protoagent.jsonc)")
    .option("--user", "in the user config folder")
    .option("--force", "overwrite an existing file")
    .action(async (o: Record<string, unknown>) => {
      const { runInit } = await import("./commands/init.js");
      process.exitCode = await runInit({ ...o, cwd: cwd() });
    });
  program.addCommand(sessionsCommand({ env: process.env, write: (t) => process.stdout.write(t), cwd }));
  program
    .command("agents")
    .description("list the specialist agents sub_agent can use (source, file, model, tools, problems)")
    .action(async () => {
      const { listAgentsText } = await import("../runtime/index.js");
      process.stdout.write(`${listAgentsText({ cwd: cwd(), env: process.env })}\n`);
    });
  program.addCommand(
    modelsCommand({
      env: process.env,
      cwd,
      write: (t) => process.stdout.write(t),
      writeErr: (t) => process.stderr.write(t),
    }),
  );
  program
    .command("acp")
    .description("serve the Agent Client Protocol on stdio (for editors such as Zed)")
    .option("-m, --model <provider/model>", "model for new sessions")
    .addOption(
      new Option("--mode <mode>", "permission mode to start in").choices(["default", "accept-edits", "plan"]),
    )
    .option("--max-turns <n>", "stop a prompt after this many model requests", positiveInt("--max-turns"))
    .addOption(
      new Option("--log-level <level>", "log file verbosity").choices([...LOG_LEVELS]).default("warn"),
    )
    .option("--trust-project", "trust this project's .protoagent config as it is now")
    .action(async (o: Record<string, unknown>) => {
      const { runAcp } = await import("../acp/run.js");
      process.exitCode = await runAcp({
        version: version(),
        base: {
          env: process.env,
          version: version(),
          model: o.model as string | undefined,
          mode: o.mode as CliOptions["mode"],
          maxTurns: o.maxTurns as number | undefined,
          logLevel: o.logLevel as LogLevel,
          trustProject: Boolean(o.trustProject),
        },
      });
    });
}

export function buildProgram(run: (opts: CliOptions) => Promise<number>): Command {
  const program = new Command("protoagent")
    .description("A fast, safe terminal coding agent for any OpenAI-compatible provider.")
    .version(version(), "-v, --version", "print the version")
    .argument("[prompt...]", "with -p: the task to run")
    .option("-p, --print [prompt]", "headless: run one task, print the result and exit")
    .option("-m, --model <provider/model>", "model to use, e.g. openai/gpt-5-mini")
    .addOption(
      new Option("--output-format <format>", "headless output")
        .choices(["text", "json", "stream-json"])
        .default("text"),
    )
    .option(
      "--max-turns <n>",
      "stop after this many model requests (default 100)",
      positiveInt("--max-turns"),
    )
    .addOption(
      new Option("--log-level <level>", "log file verbosity").choices([...LOG_LEVELS]).default("warn"),
    )
    .option("--dangerously-skip-permissions", "approve every action that would ask (hard blocks still apply)")
    .addOption(new Option("--dangerously-accept-all", "alias of --dangerously-skip-permissions").hideHelp())
    .option("--cwd <dir>", "workspace folder (default: the current folder)")
    .addOption(new Option("--mode <mode>", "permission mode").choices(["default", "accept-edits", "plan"]))
    .addOption(
      new Option(
        "--sandbox <mode>",
        "OS sandbox for shell commands: read-only (default), workspace-write (run sandboxed without asking), off",
      ).choices([...SANDBOX_MODES]),
    )
    .option(
      "--allow <rule>",
      "permission rule to allow, e.g. 'bash(npm test)' (repeatable)",
      collect,
      [] as string[],
    )
    .option("--deny <rule>", "permission rule to deny (repeatable)", collect, [])
    .option("--trust-project", "trust this project's .protoagent config as it is now")
    .option("--session <id>", "resume a session by id or unique prefix")
    .option("-c, --continue", "resume the latest session in this folder")
    .option("--fork-session", "with --session/--continue: continue in a new copy")
    .option("--max-cost <usd>", "stop when the session cost reaches this", positiveNumber("--max-cost"))
    .option("--max-tokens <n>", "stop when input+output tokens reach this", positiveInt("--max-tokens"))
    .option("--timeout <duration>", "stop after this long, e.g. 90s, 10m")
    .showHelpAfterError("(run protoagent --help for usage)")
    .action(async (words: string[], raw: Record<string, unknown>) => {
      const printArg = raw.print;
      const extra = words.join(" ").trim();
      const print =
        printArg === undefined
          ? undefined
          : typeof printArg === "string"
            ? [printArg, extra].filter(Boolean).join(" ")
            : extra || true;
      if (print === undefined && extra)
        throw new UserError(
          `Unexpected argument "${extra}". To run a task headless use: protoagent -p "${extra}"`,
        );
      const opts: CliOptions = {
        print,
        model: raw.model as string | undefined,
        outputFormat: raw.outputFormat as CliOptions["outputFormat"],
        maxTurns: raw.maxTurns as number | undefined,
        logLevel: raw.logLevel as LogLevel,
        dangerouslySkipPermissions: Boolean(raw.dangerouslySkipPermissions || raw.dangerouslyAcceptAll),
        cwd: (raw.cwd as string | undefined) ?? process.cwd(),
        mode: raw.mode as CliOptions["mode"],
        sandbox: raw.sandbox as CliOptions["sandbox"],
        allow: raw.allow as string[],
        deny: raw.deny as string[],
        trustProject: Boolean(raw.trustProject),
        session: raw.session as string | undefined,
        continue: Boolean(raw.continue),
        forkSession: Boolean(raw.forkSession),
        maxCost: raw.maxCost as number | undefined,
        maxTokens: raw.maxTokens as number | undefined,
        timeout: raw.timeout as string | undefined,
      };
      process.exitCode = await run(opts);
    });
  // Root options are read before a subcommand only, so `configure --model x` belongs to configure.
  program.enablePositionalOptions();
  registerSubcommands(program);
  program.exitOverride();
  return program;
}

async function dispatch(opts: CliOptions): Promise<number> {
  if (opts.print !== undefined) return (await import("./headless.js")).runHeadless(opts);
  return (await import("../tui/interactive.js")).runInteractive(opts);
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.some(
    (a, i) => (a === "--log-level" && argv[i + 1] === "debug") || a === "--log-level=debug",
  );
  try {
    await buildProgram(dispatch).parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === "commander.helpDisplayed" ||
        err.code === "commander.version" ||
        err.code === "commander.help"
        ? 0
        : 2;
    }
    if (err instanceof UserError) {
      process.stderr.write(`protoagent: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`protoagent: ${debug && err instanceof Error ? err.stack : errorMessage(err)}\n`);
    return 1;
  }
}
