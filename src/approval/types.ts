// Contracts between tools, the approval engine and whoever answers prompts (the TUI, or nobody in headless).
// The engine decides from hard rules, config rules, the mode and session grants; only what remains is asked.
import type { ApprovalRequest } from "../tools/tool.js";

/** A scope the user may grant for the rest of the session ("this file", "commands starting with npm test"). */
export interface SessionScope {
  /** Stable key the engine matches later requests against, e.g. "bash:prefix:npm test". */
  key: string;
  /** Spelled out for the user, e.g. "commands starting with `npm test`". */
  label: string;
}

/** What the UI is asked: the request in full plus the session scopes it may offer under "approve for session". */
export interface ApprovalPrompt {
  request: ApprovalRequest;
  scopes: SessionScope[];
}

export type ApprovalAnswer =
  | { kind: "once" }
  | { kind: "session"; scope: SessionScope }
  | { kind: "reject"; feedback?: string };

/** Registered by the UI. Absent (headless) → everything that would ask is denied. */
export type ApprovalHandler = (prompt: ApprovalPrompt, signal: AbortSignal) => Promise<ApprovalAnswer>;

/** One decision, for the audit trail (persisted in the session log). */
export interface ApprovalRecord {
  at: string;
  tool: string;
  /** Short summary of the arguments: path, command or URL. */
  subject: string;
  decision: "allow" | "deny";
  /** What decided: "rule allow bash(npm test)", "mode bypass", "user once", "policy: hard block", … */
  by: string;
  feedback?: string;
}
