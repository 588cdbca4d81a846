// Types of the TUI state: transcript items, the live turn, usage and the actions the reducer accepts.
// Items are immutable records; once an item leaves `live` for `pending` it is printed to scrollback exactly once.

import type {
  AgentEvent,
  ApprovalPrompt,
  StopReason,
  ToolCallDescription,
  ToolDetails,
  ToolStatus,
  UserShellResult,
} from "../../runtime/index.js";
import type { RetryView } from "./retry-view.js";

export type PermissionModeName = "default" | "accept-edits" | "plan" | "bypass";

export interface ToolView {
  callId: string;
  name: string;
  /** What the tool says the call is about (from tool_start, or recomputed the same way for replayed history). */
  description: ToolCallDescription;
  status: "running" | ToolStatus;
  summary?: string;
  details?: ToolDetails;
  /** What the model received (used when there are no details). */
  content?: string;
  /** Output streamed so far by tool_update (shell). */
  live: string;
  startedAt: number;
  endedAt?: number;
  /** Time spent waiting for the user's approval: not the tool's own time, so elapsed leaves it out. */
  waitedMs?: number;
  /** The sub-agent this call runs (sub_agent), while it reports progress. */
  agent?: SubAgentView;
}

/** One running sub-agent: its label, requests so far, tokens spent and the call it is making. */
export interface SubAgentView {
  label: string;
  turns: number;
  tokens: number;
  /** "read_file src/a.ts" (model-supplied text: sanitised when rendered). */
  current?: string;
}

export type Item =
  | { kind: "banner"; id: number }
  /** `command`: a slash command the user typed, echoed like a prompt but styled as a command. */
  | { kind: "user"; id: number; text: string; command?: boolean }
  | { kind: "markdown"; id: number; text: string }
  /** `expanded` prints long reasoning in full (otherwise a preview; the full text is in `collapsed`). */
  | { kind: "reasoning"; id: number; text: string; expanded?: boolean }
  | { kind: "tool"; id: number; tool: ToolView; expanded: boolean }
  | { kind: "notice"; id: number; level: "info" | "warn" | "error"; text: string }
  /** `table`: lines are clipped to the width, not wrapped (a wrapped table row is unreadable). */
  | { kind: "output"; id: number; title: string; body: string; table?: boolean }
  | { kind: "interrupted"; id: number };

/** Item without its id (the reducer assigns ids). */
export type NewItem = Item extends infer T ? (T extends Item ? Omit<T, "id"> : never) : never;

export interface UsageView {
  lastInput: number;
  lastOutput: number;
  totalInput: number;
  totalOutput: number;
  contextTokens: number;
  contextWindow: number;
  costUsd: number;
  seen: boolean;
}

export interface AppState {
  nextId: number;
  /** Finished items waiting to be printed to scrollback (then dropped, keeping memory bounded). */
  pending: Item[];
  live: { text: string; reasoning: string; tools: ToolView[] };
  /** A failed request waiting to be retried: shown as one live line, gone when the stream resumes. */
  retry: RetryView | null;
  /** Blocks of the current request's answer were already printed (a retry then says they are void). */
  streamPrinted: boolean;
  running: boolean;
  turnStartedAt: number | null;
  lastTurnMs: number | null;
  /** How the last run ended; a new object per run (notifications key on it: several runs can end in one batch). */
  lastRun: { reason: StopReason; ms: number | null } | null;
  queue: string[];
  approval: { id: number; prompt: ApprovalPrompt; openedAt: number } | null;
  usage: UsageView;
  sessionId: string;
  model: string;
  mode: PermissionModeName;
  cwd: string;
  expandAll: boolean;
  /** Full text of recent collapsed outputs, newest last (bounded), for /expand and the key toggle. */
  collapsed: { title: string; body: string }[];
  /** A second Ctrl-C within the window exits. */
  ctrlCArmed: boolean;
  /** Start-up problem shown above the input (the app keeps working). */
  fatal: string | null;
}

export type Action =
  | { type: "event"; event: AgentEvent; at: number }
  | { type: "submit"; text: string; at: number }
  | { type: "enqueue"; text: string }
  | { type: "dequeue" }
  | { type: "approval_open"; id: number; prompt: ApprovalPrompt; at: number }
  | { type: "approval_close"; id: number; at: number }
  | { type: "set_expand"; expand: boolean }
  | { type: "expand_last" }
  | { type: "print"; item: NewItem }
  /** Items with id ≤ upTo have been written to scrollback. */
  | { type: "static_printed"; upTo: number }
  | { type: "set_mode"; mode: PermissionModeName }
  | {
      type: "set_session";
      sessionId: string;
      model: string;
      cwd: string;
      contextWindow: number;
      /** Totals restored with a resumed session. */
      usage?: Partial<AppState["usage"]>;
      /** The switched-to session's permission mode. */
      mode?: PermissionModeName;
    }
  /** The context figure counted for a resumed or forked session (ignored once a request has reported). */
  | { type: "context_counted"; sessionId: string; contextTokens: number; contextWindow: number }
  | { type: "ctrl_c"; armed: boolean }
  /** The user's own `!command` started / ended (shown live like a shell tool call). */
  | { type: "shell_start"; callId: string; command: string; at: number }
  | { type: "shell_end"; callId: string; at: number; result?: UserShellResult; error?: string }
  | { type: "fatal"; message: string | null };
