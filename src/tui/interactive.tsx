// Entry of the interactive TUI (`protoagent` in a terminal): bootstraps the session, falls back to the inline
// setup when no usable model is configured, or to an error screen that still accepts /help and /quit, renders
// the App, and after Ink unmounts prints how to resume. Returns the process exit code.
import { render } from "ink";
import { modelChoices, saveModelChoice } from "../cli/commands/configure.js";
import type { CliOptions } from "../cli/options.js";
import { App, type AppProps } from "../components/App.js";
import { loadConfig } from "../config/load.js";
import { type Env, userConfigPath } from "../config/paths.js";
import { resolveModel } from "../config/resolve.js";
import { errorMessage, UserError } from "../errors.js";
import { formatMcpStatus } from "../mcp/status-text.js";
import { createStreamFn } from "../providers/openai-stream.js";
import { bootstrap } from "../runtime/assemble.js";
import { initAgentsMdPrompt } from "../session/agents-md.js";
import type { Session } from "../session/session.js";
import { listSkillResources } from "../skills/activate.js";
import { describeSkills, parseSkillCommand, skillInvocationPrompt } from "../skills/catalog.js";
import { recordTitle } from "../store/recorder.js";
import type { SessionStore } from "../store/store.js";
import { version } from "../version.js";
import { createPathCompleter } from "./input/completion.js";
import { historyFile, openHistory } from "./input/history.js";
import { colorEnabled } from "./render/ansi.js";
import { loadHighlighter } from "./render/highlight.js";
import { createRenderStats } from "./render/render-stats.js";
import { makeUi } from "./render/theme.js";
import type { AppServices, SessionPort } from "./state/session-port.js";
import type { ExitResult } from "./state/use-controller.js";

const VERSION = version();

const BRACKETED_PASTE_ON = "\u001b[?2004h";
const BRACKETED_PASTE_OFF = "\u001b[?2004l";

/** Errors the inline setup can fix by choosing a model or entering a key. */
const fixableBySetup = (msg: string) => /^No model configured|^Missing API key/.test(msg);

export async function runInteractive(options: CliOptions, env: Env = process.env): Promise<number> {
  if (!process.stdin.isTTY)
    throw new UserError('The interactive TUI needs a terminal. Run headless with: protoagent -p "task"');
  const cwd = options.cwd;
  const start = (
    model?: string,
    resume: { session?: string; continue?: boolean; fork?: boolean } = {
      session: options.session,
      continue: options.continue,
      fork: options.forkSession,
    },
  ) =>
    bootstrap({
      cwd,
      env,
      headless: false,
      model: model ?? options.model,
      mode: options.dangerouslySkipPermissions ? "bypass" : options.mode,
      maxTurns: options.maxTurns,
      allow: options.allow,
      deny: options.deny,
      trustProject: options.trustProject,
      logLevel: options.logLevel,
      resume,
      version: VERSION,
      limitFlags: { maxCost: options.maxCost, maxTokens: options.maxTokens, timeout: options.timeout },
    });
  let session: Session | null = null;
  let boot: Awaited<ReturnType<typeof start>> | null = null;
  let fatal: string | undefined;
  let setup: AppProps["setup"];
  let warnings: string[] = [];
  try {
    boot = await start();
    session = boot.session;
    warnings = boot.warnings;
  } catch (err) {
    const msg = errorMessage(err);
    let config: ReturnType<typeof loadConfig>["config"] | null = null;
    try {
      config = loadConfig({ cwd, env }).config;
    } catch {
      config = null;
    }
    if (config && err instanceof UserError && fixableBySetup(msg)) {
      const target = userConfigPath(env);
      setup = {
        choices: modelChoices(config, env),
        target,
        reason: msg,
        async complete(choice) {
          saveModelChoice(target, choice.ref, choice.apiKey);
          boot = await start(options.model ? undefined : choice.ref);
          return boot.session;
        },
      };
    } else fatal = msg;
  }
  const closeCurrent = async () => {
    boot?.sessionLog.close();
    await boot?.mcp.close().catch(() => undefined);
  };

  const services: AppServices = {
    listModels: () => {
      try {
        return modelChoices(loadConfig({ cwd, env }).config, env).map((c) => c.ref);
      } catch {
        return [];
      }
    },
    switchModel(s: SessionPort, ref: string) {
      const resolved = resolveModel(loadConfig({ cwd, env }).config, ref, env);
      (s as Session).setModel(resolved, createStreamFn(resolved));
    },
    async newSession(opts) {
      const model = boot?.session.model.ref;
      await closeCurrent();
      boot = await start(opts?.resume ? undefined : model, {
        session: opts?.resume,
        continue: false,
        fork: opts?.fork,
      });
      return boot.session;
    },
    rename(title) {
      const writer = boot?.sessionLog.currentWriter;
      if (!writer) throw new Error("No session to rename.");
      recordTitle(writer, title);
    },
    skillPrompt(name, args) {
      const hit = boot && parseSkillCommand(`/${name} ${args}`, boot.skills.skills);
      if (!hit || !boot) return undefined;
      boot.activateSkill(hit.skill);
      return skillInvocationPrompt(hit.skill, hit.args, listSkillResources(hit.skill.dir));
    },
    initPrompt: () => initAgentsMdPrompt(),
    listSessions: () =>
      boot
        ? boot.sessionLog.store
            .list({ cwd: boot.session.cwd })
            .slice(0, 20)
            .map((x) => x.id)
        : [],
    describe(what) {
      if (what === "mcp") return boot ? formatMcpStatus(boot.mcp.status()) : "No session.";
      if (what === "skills") return boot ? describeSkills(boot.skills) : "No session.";
      if (what === "sessions")
        return boot ? describeSavedSessions(boot.sessionLog.store, boot.session) : "No session.";
      if (!boot) return "No session.";
      const p = boot.session.approvals.listRules();
      const rules = (k: "allow" | "ask" | "deny") => `${k}: ${p[k].join(", ") || "(none)"}`;
      const grants = boot.session.approvals.grants().map((g) => `  ${g.label}`);
      return [
        rules("allow"),
        rules("ask"),
        rules("deny"),
        `approved for this session:${grants.length ? `\n${grants.join("\n")}` : " (none)"}`,
      ].join("\n");
    },
  };

  const color = colorEnabled(env as NodeJS.ProcessEnv, Boolean(process.stdout.isTTY));
  const props: AppProps = {
    session,
    services,
    ui: makeUi(color),
    version: VERSION,
    fatal,
    setup,
    warnings,
    extras: boot ? extrasLine(boot) : undefined,
    history: await openHistory(historyFile(env, session?.cwd ?? cwd)),
    completer: createPathCompleter(session?.cwd ?? cwd),
  };
  process.stdout.write(BRACKETED_PASTE_ON);
  const stats = env.PROTOAGENT_TUI_STATS ? createRenderStats(env.PROTOAGENT_TUI_STATS) : undefined;
  const app = render(<App {...props} />, {
    exitOnCtrlC: false,
    maxFps: 30,
    incrementalRendering: env.PROTOAGENT_TUI_INCREMENTAL === "1",
    onRender: stats?.onRender,
  });
  // Highlighting (highlight.js) loads once the first frame has reached the terminal, so the prompt appears at once.
  if (color)
    setTimeout(() => {
      void loadHighlighter(props.ui.painter)
        .then((highlight) => app.rerender(<App {...props} ui={makeUi(color, highlight)} />))
        .catch(() => undefined);
    }, 100).unref();
  const onTerm = () => app.unmount();
  process.once("SIGTERM", onTerm);
  // The terminal went away (window closed, tmux killed): writes now fail with EIO. Leave quietly instead of
  // crashing with a stack trace; the session log already has every message.
  const onGone = () => process.exit(129);
  const onWriteError = (err: NodeJS.ErrnoException) => {
    if (err.code === "EIO" || err.code === "EPIPE") onGone();
  };
  process.once("SIGHUP", onGone);
  process.stdout.on("error", onWriteError);
  let result: ExitResult | undefined;
  try {
    result = (await app.waitUntilExit()) as ExitResult | undefined;
  } finally {
    process.off("SIGTERM", onTerm);
    process.off("SIGHUP", onGone);
    process.stdout.off("error", onWriteError);
    stats?.stop();
    process.stdout.write(BRACKETED_PASTE_OFF);
  }
  await closeCurrent();
  if (result?.sessionId) {
    process.stdout.write(
      `${result.saved ? "Session saved. " : ""}Resume with:\n  protoagent --session ${result.sessionId}\n`,
    );
  }
  return result?.code ?? 0;
}

/** /sessions: the saved sessions of this folder, newest first, numbered for `/sessions <n>`. */
function describeSavedSessions(store: SessionStore, current: Session): string {
  const list = store.list({ cwd: current.cwd }).slice(0, 20);
  if (list.length === 0) return "No saved sessions in this folder.";
  const rows = list.map(
    (s, i) =>
      `${String(i + 1).padStart(2)}${s.id === current.id ? "*" : " "} ${s.id.slice(0, 8)}  ${s.updated.slice(0, 16).replace("T", " ")}  ${String(s.turns).padStart(3)} turns  $${s.costUsd.toFixed(4)}  ${s.title}`,
  );
  return `${rows.join("\n")}\n/sessions <n> or /sessions <id> switches (* is this one); protoagent --session <id> resumes later.`;
}

/** Header summary of MCP servers and skills, e.g. "MCP: 2 server(s) (github, docs) · skills: 3". */
function extrasLine(b: {
  mcp: { status(): Array<{ name: string }> };
  skills: { skills: unknown[] };
}): string | undefined {
  const servers = b.mcp.status().map((s) => s.name);
  const parts = [
    servers.length ? `MCP: ${servers.length} server(s) (${servers.join(", ")})` : "",
    b.skills.skills.length ? `skills: ${b.skills.skills.length}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : undefined;
}
