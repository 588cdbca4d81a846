// Wording of decisions the model reads (denials) and the audit trail stores. Model-facing text says what was
// refused, why, and the one thing that would allow it, so the model can adapt instead of retrying blindly.

import type { Subject } from "./rules.js";
import type { ApprovalRequest } from "./types.js";

const MAX_SHOWN = 200;

function clip(text: string): string {
  const one = text.replace(/[\r\n]+/g, "⏎");
  return one.length > MAX_SHOWN ? `${one.slice(0, MAX_SHOWN)}…` : one;
}

/** "running `npm test`", "writing src/a.ts", "fetching https://…", "calling mcp_github_create_issue". */
export function describeAction(req: ApprovalRequest, s: Subject): string {
  if (req.kind === "shell" && s.command !== undefined) return `running \`${clip(s.command.trim())}\``;
  if (req.kind === "write") return `writing ${s.relPath ?? req.path ?? req.title}`;
  if (req.kind === "edit") return `editing ${s.relPath ?? req.path ?? req.title}`;
  if (req.kind === "fetch") return `fetching ${clip(req.url ?? req.detail)}`;
  return `calling ${req.tool}`;
}

/** One line for the audit record: the command, path, URL or title. */
export function subjectSummary(req: ApprovalRequest, s: Subject): string {
  const text = s.command ?? s.relPath ?? req.url ?? req.title;
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** A rule that would allow this exact action, or undefined when none can be written safely on one line. */
export function suggestRule(req: ApprovalRequest, s: Subject): string | undefined {
  if (req.kind === "shell" && s.command !== undefined) {
    const cmd = s.command.trim();
    if (cmd.length > MAX_SHOWN || /[\r\n()]/.test(cmd)) return undefined;
    return `${req.tool}(${cmd})`;
  }
  if (
    (req.kind === "write" || req.kind === "edit") &&
    s.relPath !== undefined &&
    !s.relPath.startsWith("..")
  ) {
    if (/[()*?{}]/.test(s.relPath)) return undefined;
    return `${req.tool}(${s.relPath})`;
  }
  if (req.kind === "fetch" && s.host !== undefined) return `webfetch(domain:${s.host})`;
  if (/^[A-Za-z0-9_.-]+$/.test(req.tool)) return req.tool;
  return undefined;
}

function howToAllow(req: ApprovalRequest, s: Subject): string {
  const rule = suggestRule(req, s);
  return rule === undefined
    ? "Allow it with a permissions rule in protoagent.jsonc or an --allow flag."
    : `Allow it with --allow ${shellQuote(rule)} or a permissions rule in protoagent.jsonc.`;
}

/** The shell rule the bash description no longer spells out, told when a command was stopped by it. */
export const SHELL_AUTO_RULE =
  "Only read-only commands run without approval: programs on the read-only list (ls, cat, grep, rg, find, git status/log/diff …) with safe options, literal words (no $, $(…) or redirections except to /dev/null) and every path inside the workspace.";

/** Why the shell classifier did not let a command run by itself, and the rule it applies. */
function shellWhy(req: ApprovalRequest): string {
  if (req.kind !== "shell" || !req.reason || req.safe) return "";
  return ` It was not auto-run because: ${clip(req.reason)} ${SHELL_AUTO_RULE}`;
}

export function headlessDenial(req: ApprovalRequest, s: Subject, askRule?: string): string {
  const why = askRule === undefined ? "needs approval" : `must be confirmed (rule ask \`${askRule}\`)`;
  const shell = askRule === undefined ? shellWhy(req) : "";
  return `Denied: ${describeAction(req, s)} ${why} and protoagent is running headless, so nobody can approve it.${shell} ${howToAllow(req, s)} Do not retry the same action; continue without it or explain what is needed.`;
}

export function protectedDenial(req: ApprovalRequest, s: Subject): string {
  const rule = suggestRule(req, s);
  const named = rule === undefined ? "" : ` (e.g. --allow ${shellQuote(rule)})`;
  return `Denied: ${describeAction(req, s)} touches a protected path (.git/, .protoagent/, .env*, editor settings …), which always needs the user's explicit approval. Headless, it is allowed only by an allow rule naming that exact path${named}. Do not retry; continue without it.`;
}

export function unsandboxedDenial(req: ApprovalRequest, s: Subject): string {
  return `Denied: ${describeAction(req, s)} outside the OS sandbox needs the user's own approval, and protoagent is running headless, so nobody can give it (allow rules do not cover leaving the sandbox). Run it inside the sandbox (without "sandbox": false) or continue without it; the user can rerun protoagent with --sandbox off or --dangerously-skip-permissions.`;
}

export function ruleDenial(req: ApprovalRequest, s: Subject, rule: string): string {
  return `Denied: ${describeAction(req, s)} is blocked by the permission rule deny \`${rule}\`. Do not retry it or work around it; choose another approach or tell the user.`;
}

export function planDenial(req: ApprovalRequest, s: Subject): string {
  return `Denied: protoagent is in plan mode, so ${describeAction(req, s)} was not done. In plan mode only read and explore (read_file, list_directory, search_files, read-only commands), then present your plan; the user switches modes to carry it out.${shellWhy(req)}`;
}

/** The feedback itself travels in `outcome.feedback`; the executor appends it ("The user said: …"). */
export function userRejection(req: ApprovalRequest, s: Subject, feedback?: string): string {
  const next = feedback ? "" : " Ask the user how to proceed or choose another approach.";
  return `The user rejected ${describeAction(req, s)}.${next}`;
}
