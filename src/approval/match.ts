// Rule ↔ subject matching and subject extraction. `side` makes matching asymmetric: "allow" rules must
// cover the whole action (strict), "restrict" rules (deny and ask) fire on any part of it (generous).
import path from "node:path";
import type { ApprovalRequest } from "../tools/tool.js";
import { matchesAnywhere, matchesExact, matchesPrefixStrict, tokens } from "./command-match.js";
import type { Rule, Subject } from "./rules.js";

export type MatchSide = "allow" | "restrict";

function ancestors(rel: string): string[] {
  const parts = rel.split("/");
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join("/"));
  return out;
}

function matchPath(rule: Extract<Rule, { kind: "path" }>, s: Subject, side: MatchSide): boolean {
  const target = rule.absolute ? s.absPath : s.relPath;
  if (target === undefined) return false;
  // A relative rule speaks about the workspace only; it never reaches "../" paths.
  if (!rule.absolute && (target === ".." || target.startsWith("../"))) return false;
  if (side === "allow") return rule.re.test(target);
  // Deny/ask on a folder covers everything inside it.
  return ancestors(target).some((p) => rule.re.test(p));
}

export function matchRule(rule: Rule, s: Subject, side: MatchSide): boolean {
  if (!rule.toolRe.test(s.tool)) return false;
  switch (rule.kind) {
    case "tool":
      return true;
    case "command": {
      if (s.command === undefined) return false;
      if (side === "restrict") return matchesAnywhere(s.command, tokens(rule.command), !rule.prefix);
      return rule.prefix
        ? matchesPrefixStrict(s.command, rule.command)
        : matchesExact(s.command, rule.command);
    }
    case "path":
      return matchPath(rule, s, side);
    case "domain":
      return s.host !== undefined && (s.host === rule.domain || s.host.endsWith(`.${rule.domain}`));
  }
}

export function firstMatch(rules: readonly Rule[], s: Subject, side: MatchSide): Rule | undefined {
  return rules.find((r) => matchRule(r, s, side));
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

export function relPosix(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join("/") || ".";
}

function withPath(s: Subject, cwd: string, p: string | undefined): Subject {
  if (p === undefined) return s;
  const abs = path.resolve(cwd, p);
  return { ...s, absPath: abs, relPath: relPosix(cwd, abs) };
}

export function subjectOfRequest(req: ApprovalRequest, cwd: string): Subject {
  const s: Subject = { tool: req.tool };
  const command = req.command ?? (req.kind === "shell" ? req.detail : undefined);
  if (command !== undefined) s.command = command;
  const url = req.url ?? (req.kind === "fetch" ? req.detail : undefined);
  const host = url === undefined ? undefined : hostOf(url);
  if (host !== undefined) s.host = host;
  return withPath(s, cwd, req.path);
}

const str = (o: Record<string, unknown>, key: string): string | undefined =>
  typeof o[key] === "string" ? (o[key] as string) : undefined;

/** Subject from raw tool arguments (executor pre-check, MCP calls): the usual argument names only. */
export function subjectOfArgs(tool: string, args: unknown, cwd: string): Subject {
  const o = args !== null && typeof args === "object" ? (args as Record<string, unknown>) : {};
  const s: Subject = { tool };
  const command = str(o, "command");
  if (command !== undefined) s.command = command;
  const url = str(o, "url");
  const host = url === undefined ? undefined : hostOf(url);
  if (host !== undefined) s.host = host;
  return withPath(s, cwd, str(o, "file_path") ?? str(o, "directory_path") ?? str(o, "path"));
}

/** Identity of an action for the pre-check hand-off: tool plus command, path and host. */
export const subjectKey = (s: Subject): string =>
  [s.tool, s.command?.trim() ?? "", s.absPath ?? "", s.host ?? ""].join("\0");

/** The request shown for a call that did not build its own (MCP tools, skills, ask-rule pre-checks). */
export function requestForToolCall(name: string, args: unknown, title?: string): ApprovalRequest {
  const command = name === "bash" ? (args as { command?: unknown } | null)?.command : undefined;
  if (typeof command === "string") {
    return { tool: name, kind: "shell", title: title ?? `Run: ${command}`, detail: command, command };
  }
  let detail: string;
  try {
    detail = JSON.stringify(args, null, 2) ?? "";
  } catch {
    detail = String(args);
  }
  return {
    tool: name,
    kind: name.startsWith("mcp_") ? "mcp" : "other",
    title: title ?? `Call ${name}`,
    detail,
  };
}
