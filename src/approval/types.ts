// Contracts between tools, the approval engine and whoever answers prompts (the TUI, or nobody in headless).
// The engine decides from hard rules, config rules, the mode and session grants; only what remains is asked.
// Tools import this file (types and ToolDeniedError) and nothing else from approval/.

/**
 * What a call asks the approval engine to allow: built by a tool that judges its own risk (write, edit, bash,
 * webfetch, sub_agent) or by the executor from the tool's describe() for every other tool. `detail` is shown in
 * full, never truncated.
 */
export interface ApprovalRequest {
  tool: string;
  kind: "write" | "edit" | "shell" | "fetch" | "other";
  /** One line: "Edit src/app.ts", "Run: npm test". */
  title: string;
  /** The exact command, or the full unified diff, or the URL, or the arguments as JSON. */
  detail: string;
  /** Absolute path of the file or folder the call is about. */
  path?: string;
  command?: string;
  url?: string;
  /** Why this could not be auto-approved (shown to the user, recorded in the audit trail). */
  reason?: string;
  /** A protected path (.git/, .env*, …): asks even in accept-edits or when a session approval exists. */
  protectedPath?: boolean;
  /**
   * Shell only: the command prefix the classifier suggests for "approve commands starting with …"
   * (e.g. "npm test", "git commit"). Used only if the command really starts with it and is one plain command.
   */
  prefix?: string;
  /**
   * The caller's own verdict: it would run this without asking (a read-only tool, a command the shell classifier
   * auto-runs, a trusted MCP server). Deny and ask rules, plan mode and protected paths still apply; otherwise
   * the call is allowed without a prompt and without an audit record (nothing was decided).
   */
  safe?: boolean;
  /** The call itself changes nothing, so plan mode lets it through to the rest of the policy. */
  readOnly?: boolean;
  /**
   * Shell only: the classifier's sole objection is "not on the read-only list". Only then may a skill's
   * allowed-tools or a prefix allow rule lift the question (never a denied option, an outside path, a credential
   * file or a config risk).
   */
  onlyUnlisted?: boolean;
  /**
   * Shell only: each simple command's decoded words (redirect targets included), and why the command cannot be
   * decoded statically. Deny rules match these and fail closed on an opaque command.
   */
  commands?: string[][];
  opaque?: string;
  /**
   * Shell only: the command asks to run outside the OS sandbox (`sandbox: false`). Only the user (a prompt, never
   * a rule, skill grant or session approval) or bypass mode may allow it; headless without bypass it is denied.
   */
  unsandboxed?: boolean;
  /** The tool call this request is about (stamped by the session), so a front-end can attach the prompt to it. */
  callId?: string;
  /**
   * A PreToolUse hook's answer (stamped by the executor): `allow` may lift a prompt (like an allow rule: never a
   * deny or ask rule, plan mode, a protected path or leaving the sandbox); `ask` always prompts (headless: denied
   * unless an allow rule names the call).
   */
  hook?: { decision: "allow" | "ask"; reason?: string };
}

/**
 * How a call came to run or not, for the audit trail: a typed union, so no consumer parses `by` strings. The
 * engine reports one with every outcome; a hook (PreToolUse) reports its own kinds through the same outcome or
 * through `ToolDeniedError`. Whether the call ran inside the OS sandbox is not a decision: the audit entry
 * carries it alongside.
 */
export type AuditDecision =
  /** Allowed without a prompt by the policy: the tool's own safe verdict, the mode (bypass, accept-edits). */
  | { kind: "policy"; by: "safe" | "mode bypass" | "mode accept-edits" | "tool" }
  /** Allowed by an allow rule (config or --allow), as written. */
  | { kind: "rule"; rule: string }
  /** Allowed by an active skill's allowed-tools. */
  | { kind: "skill"; skill: string; rule: string }
  | { kind: "approved_once" }
  /** Approved for the session now, or covered by such an approval given earlier (`scope` is its key). */
  | { kind: "approved_session"; scope: string }
  | { kind: "denied"; by: DeniedBy; detail?: string }
  | { kind: "hook_blocked"; hook: string; reason?: string }
  | { kind: "hook_allowed"; hook: string };

/** Who said no: the user, a deny rule, nobody to ask (headless), the policy (plan mode), an abort or an error. */
export type DeniedBy = "user" | "rule" | "headless" | "policy" | "aborted" | "error";

export type ApprovalOutcome =
  | { approved: true; by: string; decision?: AuditDecision }
  | { approved: false; reason: string; feedback?: string; decision?: AuditDecision };

/** Thrown by a tool (or the executor) when an action was denied by policy, rule, mode or the user. */
export class ToolDeniedError extends Error {
  constructor(
    message: string,
    readonly feedback?: string,
    /** What denied it, for the audit trail (a hook that blocks names itself here). */
    readonly decision?: AuditDecision,
  ) {
    super(message);
    this.name = "ToolDeniedError";
  }
}

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
  /** Set when a PreToolUse hook took part in the decision (see HookDecisionKind). */
  hook?: HookDecisionKind;
}

/**
 * How a PreToolUse hook took part in a decision: `blocked-by-hook` (it denied the call; the tool did not run),
 * `allowed-by-hook` (its allow lifted the prompt), `asked-by-hook` (its ask made the prompt; `decision`/`by` say
 * how the user or the headless policy answered).
 */
export type HookDecisionKind = "blocked-by-hook" | "allowed-by-hook" | "asked-by-hook";
