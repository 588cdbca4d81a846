// Entry of the interactive TUI (`protoagent` in a terminal): opens the runtime, falls back to the inline
// setup when no usable model is configured, or to an error screen that still accepts /help and /quit, renders
// the App, and after Ink unmounts prints how to resume. Returns the process exit code.
import { render } from "ink";
import type { CliOptions } from "../cli/options.js";
import { App, type AppProps } from "../components/App.js";
import { errorMessage, UserError } from "../errors.js";
import { type Env, Runtime, runtimeOptionsFromCli, setupFor } from "../runtime/index.js";
import { version } from "../version.js";
import { createPathCompleter } from "./input/completion.js";
import { historyFile, openHistory } from "./input/history.js";
import { resolveNotify } from "./notify.js";
import { colorEnabled } from "./render/ansi.js";
import { loadHighlighter } from "./render/highlight.js";
import { createRenderStats } from "./render/render-stats.js";
import { sanitizeForTerminal } from "./render/sanitize.js";
import { guardStdout } from "./render/terminal-out.js";
import { makeUi } from "./render/theme.js";
import { warmRenderers } from "./render/warm-up.js";
import { appServices, sessionPort } from "./state/runtime-port.js";
import type { ExitResult } from "./state/use-controller.js";
import { createFrameClock } from "./viewer/screen.js";

const VERSION = version();

const BRACKETED_PASTE_ON = "\u001b[?2004h";
const BRACKETED_PASTE_OFF = "\u001b[?2004l";

export async function runInteractive(options: CliOptions, env: Env = process.env): Promise<number> {
  if (!process.stdin.isTTY)
    throw new UserError('The interactive TUI needs a terminal. Run headless with: protoagent -p "task"');
  const cwd = options.cwd;
  const runtimeOptions = runtimeOptionsFromCli(options, env, { headless: false, version: VERSION });
  let runtime: Runtime | null = null;
  let fatal: string | undefined;
  let setup: AppProps["setup"];
  try {
    runtime = await Runtime.open(runtimeOptions);
  } catch (err) {
    const offer = setupFor(err, cwd, env);
    if (!offer) fatal = sanitizeForTerminal(errorMessage(err));
    else
      setup = {
        choices: offer.choices,
        target: offer.target,
        reason: errorMessage(err),
        async complete(choice) {
          offer.save(choice.ref, choice.apiKey);
          runtime = await Runtime.open({ ...runtimeOptions, model: options.model ?? choice.ref });
          return sessionPort(runtime);
        },
      };
  }
  // Services go through whichever runtime exists now (the setup creates one later).
  const services = appServices(() => runtime);
  const color = colorEnabled(env as NodeJS.ProcessEnv, Boolean(process.stdout.isTTY));
  const props: AppProps = {
    session: runtime ? sessionPort(runtime) : null,
    services,
    ui: makeUi(color),
    version: VERSION,
    fatal,
    setup,
    warnings: runtime?.warnings ?? [],
    extras: runtime ? extrasLine(runtime) : undefined,
    sandbox: runtime?.sandbox,
    history: await openHistory(historyFile(env, runtime?.cwd ?? cwd)),
    completer: createPathCompleter(runtime?.cwd ?? cwd),
    notify: resolveNotify(runtime?.tuiConfig, env),
    frames: createFrameClock(),
  };
  process.stdout.write(BRACKETED_PASTE_ON);
  const stats = env.PROTOAGENT_TUI_STATS ? createRenderStats(env.PROTOAGENT_TUI_STATS) : undefined;
  const app = render(<App {...props} />, {
    // Never erases the user's scrollback (see terminal-out.ts); stripped sequences are counted in the stats.
    stdout: guardStdout(process.stdout, stats?.onScrollbackErase),
    exitOnCtrlC: false,
    maxFps: 30,
    incrementalRendering: env.PROTOAGENT_TUI_INCREMENTAL === "1",
    onRender: (m) => {
      stats?.onRender(m);
      props.frames?.tick();
    },
  });
  // Highlighting (highlight.js) loads once the first frame has reached the terminal, so the prompt appears at once;
  // then the renderers warm up while the user types (the first streamed frame would otherwise pay for it).
  let cancelWarmUp = () => {};
  setTimeout(() => {
    void (color ? loadHighlighter(props.ui.painter) : Promise.resolve(undefined))
      .then((highlight) => {
        if (highlight) app.rerender(<App {...props} ui={makeUi(color, highlight)} />);
        cancelWarmUp = warmRenderers(props.ui.painter, highlight);
      })
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
    cancelWarmUp();
    process.stdout.write(BRACKETED_PASTE_OFF);
  }
  await (runtime as Runtime | null)?.close();
  if (result?.sessionId) {
    process.stdout.write(
      `${result.saved ? "Session saved. " : ""}Resume with:\n  protoagent --session ${result.sessionId}\n`,
    );
  }
  return result?.code ?? 0;
}

/** Header summary of MCP servers and skills, e.g. "MCP: 2 server(s) (github, docs) · skills: 3". */
function extrasLine(rt: Runtime): string | undefined {
  const servers = rt.mcpStatus().map((s) => s.name);
  const skills = rt.skillNames().length;
  const parts = [
    servers.length ? `MCP: ${servers.length} server(s) (${servers.join(", ")})` : "",
    skills ? `skills: ${skills}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : undefined;
}
