// Rule ↔ subject matching and subject extraction. `side` makes matching asymmetric: "allow" rules must
// cover the whole action (strict), "restrict" rules (deny and ask) fire on any part of it (generous).
import path from "node:path";
import { matchesAnywhere, matchesExact, matchesPrefixStrict, tokens } from "./command-match.js";
import type { Rule, Subject } from "./rules.js";
import type { ApprovalRequest } from "./types.js";

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
    // Normalised as DNS sees it: lower case, no brackets, no trailing root dot (`evil.test.` is `evil.test`).
    return new URL(url).hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, "")
      .replace(/\.+$/, "");
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

/** What a rule can match in a call: the facts a tool's describe() or approval request states, never guessed. */
export interface CallFacts {
  path?: string;
  command?: string;
  url?: string;
}

export function subjectOf(tool: string, facts: CallFacts, cwd: string): Subject {
  const s: Subject = { tool };
  if (facts.command !== undefined) s.command = facts.command;
  const host = facts.url === undefined ? undefined : hostOf(facts.url);
  if (host !== undefined) s.host = host;
  return withPath(s, cwd, facts.path);
}

export function subjectOfRequest(req: ApprovalRequest, cwd: string): Subject {
  return subjectOf(
    req.tool,
    {
      path: req.path,
      command: req.command ?? (req.kind === "shell" ? req.detail : undefined),
      url: req.url ?? (req.kind === "fetch" ? req.detail : undefined),
    },
    cwd,
  );
}
