// The hooks area's data contracts: a configured hook command, what one run produced, and what all the hooks of
// one event decided together. Types only.
import type { HookEvent } from "../config/schema.js";

export type { HookEvent };

/** One configured command of one event, with where it came from (for notices). */
export interface HookCommand {
  event: HookEvent;
  /** Anchored regex source; undefined matches everything (absent, "" or "*" in the config). */
  matcher?: RegExp;
  command: string;
  timeoutMs: number;
  /** The file it was configured in. */
  source: string;
}

/** What one hook process did. stdout/stderr are sanitised (no escapes or control characters) and capped. */
export interface HookRun {
  hook: HookCommand;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** The shell could not be started. */
  error?: string;
}

/** The PreToolUse permission answer (Claude's `hookSpecificOutput.permissionDecision`). */
export type HookPermission = "allow" | "ask" | "deny";

/** What every matching hook of one event decided, combined: any block blocks, deny > ask > allow. */
export interface HookOutcome {
  /** Exit 2 or `decision: "block"`: the reason(s), one per line. */
  block?: string;
  /** `continue: false`: the run stops; the `stopReason` (or a default) is shown to the user. */
  stop?: string;
  permission?: HookPermission;
  permissionReason?: string;
  /** `additionalContext` (and plain stdout of UserPromptSubmit/SessionStart) for the model. */
  context: string[];
  /** For the user: failures, timeouts, `systemMessage`. */
  notices: string[];
}
