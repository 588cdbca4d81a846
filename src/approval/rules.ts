// Permission rules (`bash(npm test)`, `bash(git commit:*)`, `write_file(src/**)`, `webfetch(domain:docs.rs)`,
// `mcp_github_*`): parsed once into data, matched against a request's subject. Parsing is pure and total:
// an invalid rule returns an error message config loading can show; it is never silently ignored. Which tools
// take which specifier is not known here: each tool declares it (Tool.ruleSpecifier) and the caller passes
// that lookup in, so a new tool gets path/command/domain rules without touching this file.
import { globToRegExp, isGlob } from "./glob.js";

/** What a tool's rule specifier names; undefined: the tool takes none (MCP tools, skills, todos, unknown names). */
export type SpecifierOf = (tool: string) => "path" | "command" | "domain" | undefined;

/** Claude-Code-style names a skill's `allowed-tools`, a user's muscle memory or a pasted hook matcher may use. */
export const CLAUDE_TOOL_ALIASES: Readonly<Record<string, string>> = {
  Bash: "bash",
  Read: "read_file",
  Write: "write_file",
  Edit: "edit_file",
  MultiEdit: "edit_file",
  WebFetch: "webfetch",
  Grep: "search_files",
  Glob: "list_directory",
  LS: "list_directory",
  TodoRead: "todo_read",
  TodoWrite: "todo_write",
  Task: "sub_agent",
};

/** Our name for a Claude-Code-style tool name (`Read` → read_file); other names are returned unchanged. */
export const canonicalToolName = (name: string): string => CLAUDE_TOOL_ALIASES[name] ?? name;

interface RuleBase {
  /** The rule as written, for audit records and messages. */
  source: string;
  /** Tool name or glob (`mcp_github_*`). */
  tool: string;
  toolRe: RegExp;
}

export type Rule =
  | (RuleBase & { kind: "tool" })
  | (RuleBase & { kind: "command"; command: string; prefix: boolean })
  | (RuleBase & { kind: "path"; pattern: string; re: RegExp; literal: boolean; absolute: boolean })
  | (RuleBase & { kind: "domain"; domain: string });

export interface RuleSet {
  allow: Rule[];
  ask: Rule[];
  deny: Rule[];
}

/** What a rule is matched against, extracted from an approval request or tool arguments. */
export interface Subject {
  tool: string;
  command?: string;
  /** Absolute path, and the same path relative to the workspace with "/" separators. */
  absPath?: string;
  relPath?: string;
  /** Lower-case host name without brackets. */
  host?: string;
}

const fail = (source: string, why: string): { error: string } => ({
  error: `Invalid permission rule "${source}": ${why}`,
});

function braceBalanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === "{") depth++;
    else if (ch === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/** Parses one rule string against the tools' declared specifiers. Never throws. */
export function parseRule(input: string, specifierOf: SpecifierOf): Rule | { error: string } {
  const source = input.trim();
  if (source === "") return { error: "Invalid permission rule: it is empty." };
  const m = /^([A-Za-z0-9_*.-]+)(?:\((.*)\))?$/s.exec(source);
  if (!m) {
    return fail(
      source,
      'expected Tool or Tool(specifier), e.g. "bash(npm test)", "write_file(src/**)", "webfetch(domain:docs.rs)".',
    );
  }
  const rawTool = m[1] as string;
  const tool = canonicalToolName(rawTool);
  const toolRe = globToRegExp(tool);
  const spec = m[2];
  if (spec === undefined) return { source, tool, toolRe, kind: "tool" };
  if (spec.includes("\0")) return fail(source, "the specifier contains a NUL byte.");
  if (spec.trim() === "")
    return fail(source, `the specifier is empty; write just "${rawTool}" to match every call.`);
  if (tool.includes("*")) return fail(source, "a tool-name glob cannot take a specifier.");
  const takes = specifierOf(tool);
  if (takes === "command") {
    const prefixMatch = /^(.*?)(?::\*| \*)$/s.exec(spec);
    const command = (prefixMatch ? prefixMatch[1] : spec)?.trim() ?? "";
    if (command === "") return fail(source, 'the command prefix before ":*" is empty.');
    return { source, tool, toolRe, kind: "command", command, prefix: prefixMatch !== null };
  }
  if (takes === "path") {
    let pattern = spec.trim();
    if (pattern.startsWith("~"))
      return fail(source, '"~" is not expanded; use a workspace-relative path or glob.');
    if (!braceBalanced(pattern)) return fail(source, 'unbalanced "{" or "}" in the path glob.');
    const absolute = pattern.startsWith("/");
    if (!absolute) pattern = pattern.replace(/^(?:\.\/)+/, "");
    pattern = pattern.replace(/(.)\/+$/, "$1");
    return {
      source,
      tool,
      toolRe,
      kind: "path",
      pattern,
      re: globToRegExp(pattern),
      literal: !isGlob(pattern),
      absolute,
    };
  }
  if (takes === "domain") {
    const d = /^domain:\s*(?:\*\.)?([A-Za-z0-9.-]+)$/.exec(spec.trim());
    if (!d) return fail(source, `${tool} rules take "domain:<host>", e.g. "${tool}(domain:docs.rs)".`);
    return {
      source,
      tool,
      toolRe,
      kind: "domain",
      domain: (d[1] as string).toLowerCase().replace(/\.$/, ""),
    };
  }
  return fail(
    source,
    `"${rawTool}" takes no specifier; write just "${rawTool}". Only tools that take a command, path or domain (bash, the file tools, webfetch) take one.`,
  );
}

/** Parses a list; collects every error (config loading reports them all at once). */
export function parseRules(
  list: readonly string[],
  specifierOf: SpecifierOf,
): { rules: Rule[]; errors: string[] } {
  const rules: Rule[] = [];
  const errors: string[] = [];
  for (const s of list) {
    const r = parseRule(s, specifierOf);
    if ("error" in r) errors.push(r.error);
    else rules.push(r);
  }
  return { rules, errors };
}

/** Parses `{allow, ask, deny}` string lists; throws one Error listing every invalid rule. */
export function compileRuleSet(
  lists: { allow?: readonly string[]; ask?: readonly string[]; deny?: readonly string[] },
  specifierOf: SpecifierOf,
): RuleSet {
  const allow = parseRules(lists.allow ?? [], specifierOf);
  const ask = parseRules(lists.ask ?? [], specifierOf);
  const deny = parseRules(lists.deny ?? [], specifierOf);
  const errors = [...deny.errors, ...ask.errors, ...allow.errors];
  if (errors.length > 0) throw new Error(errors.join("\n"));
  return { allow: allow.rules, ask: ask.rules, deny: deny.rules };
}
