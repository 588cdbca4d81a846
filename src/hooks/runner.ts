// The hooks of one session: fires an event's matching commands in parallel with the JSON payload Claude Code
// sends (common fields: session_id, transcript_path, cwd, hook_event_name, permission_mode) and combines what
// they said. State lives in this object (one per session); nothing is module-level.
import type { Env } from "../config/paths.js";
import { combine } from "./outcome.js";
import { runHook } from "./run.js";
import type { HookCommand, HookEvent, HookOutcome } from "./types.js";

export interface HookRunnerOptions {
  commands: readonly HookCommand[];
  /** Project root (realpath): the hooks' cwd and $CLAUDE_PROJECT_DIR / $PROTOAGENT_PROJECT_DIR. */
  cwd: string;
  env: Env;
  sessionId(): string;
  /** The session log file (Claude's transcript_path); empty until the log exists. */
  transcriptPath(): string | undefined;
  permissionMode(): string;
}

export interface FireOptions {
  /** Names the matchers are tested against (tool names, a SessionStart source, a PreCompact trigger). */
  match?: readonly string[];
  signal?: AbortSignal;
}

const EMPTY: HookOutcome = { context: [], notices: [] };

export class HookRunner {
  constructor(private readonly o: HookRunnerOptions) {}

  /** Whether any hook is configured for `event` (callers skip building payloads otherwise). */
  has(event: HookEvent): boolean {
    return this.o.commands.some((c) => c.event === event);
  }

  /** The commands of `event` whose matcher accepts one of `match` (no `match`: every command of the event). */
  matching(event: HookEvent, match?: readonly string[]): HookCommand[] {
    return this.o.commands.filter(
      (c) => c.event === event && (!c.matcher || !match || match.some((m) => c.matcher?.test(m))),
    );
  }

  /** Runs the matching hooks of `event` in parallel and combines their answers. */
  async fire(
    event: HookEvent,
    fields: Record<string, unknown>,
    opts: FireOptions = {},
  ): Promise<HookOutcome> {
    const hooks = this.matching(event, opts.match);
    if (hooks.length === 0) return EMPTY;
    const payload = {
      session_id: this.o.sessionId(),
      transcript_path: this.o.transcriptPath() ?? "",
      cwd: this.o.cwd,
      permission_mode: this.o.permissionMode(),
      hook_event_name: event,
      ...fields,
    };
    const input = JSON.stringify(payload);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.o.env)) if (v !== undefined) env[k] = v;
    env.CLAUDE_PROJECT_DIR = this.o.cwd;
    env.PROTOAGENT_PROJECT_DIR = this.o.cwd;
    const runs = await Promise.all(
      hooks.map((h) => runHook(h, { cwd: this.o.cwd, env, input, signal: opts.signal })),
    );
    return combine(event, runs);
  }
}
