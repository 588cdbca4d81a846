// Deny rules speak about resources, not about the text of one tool's call. A path deny rule covers that path
// for every tool that reaches it (a rule on a reading tool — `read_file(secrets/**)` — for every access, a rule
// on a writing tool for every write) and for every bash command that mentions it; a bash deny rule covers the
// decoded words of every command (`$'\x74ouch'` is `touch`); and a command that cannot be decoded statically
// (expansions, substitutions, text run as code) fails closed while such rules exist. Pure.
import path from "node:path";
import { resolveExisting } from "../utils/path-policy.js";
import { firstMatch, matchRule, relPosix } from "./match.js";
import type { Rule, RuleSet, Subject } from "./rules.js";
import type { ApprovalRequest } from "./types.js";

export interface ResourceFacts {
  /** Path subjects of the words a bash command mentions (resolved like any tool path). */
  mentioned: Subject[];
  /** Each decoded simple command as a command subject. */
  decoded: Subject[];
}

/** Resolved paths (an alias is judged by what it points to) and decoded commands of a request. */
export function resourceFacts(req: ApprovalRequest, cwd: string): ResourceFacts {
  const mentioned: Subject[] = [];
  const decoded: Subject[] = [];
  if (req.path !== undefined) {
    // The request's own path as the file system resolves it (a symlinked alias is judged by its target).
    const abs = resolveExisting(path.resolve(cwd, req.path));
    mentioned.push({ tool: req.tool, absPath: abs, relPath: relPosix(cwd, abs) });
  }
  for (const words of req.commands ?? []) {
    decoded.push({ tool: req.tool, command: words.join(" ") });
    for (const w of words) {
      if (w === "" || w.includes("\0")) continue;
      const abs = resolveExisting(path.resolve(cwd, w));
      mentioned.push({ tool: req.tool, absPath: abs, relPath: relPosix(cwd, abs) });
    }
  }
  return { mentioned, decoded };
}

/**
 * A folder at or below the fixed part of a path rule (`secrets` for `secrets/**`): a search or listing there, or a
 * bash command naming it, reaches what the rule guards. A rule with no fixed folder (`**\/*.key`) is judged per
 * file only, or every command naming `.` would be refused.
 */
function insideRuleBase(rule: Rule, s: Subject): boolean {
  if (rule.kind !== "path" || s.relPath === undefined) return false;
  const glob = rule.pattern.search(/[*?[{]/);
  // A literal rule names one file or folder itself; a glob's fixed part ends at the last "/" before the glob.
  const fixed = glob === -1 ? rule.pattern : rule.pattern.slice(0, glob).replace(/\/[^/]*$/, "");
  if (fixed === "" || fixed === ".") return false;
  const target = rule.absolute ? s.absPath : s.relPath;
  return target !== undefined && (target === fixed || target.startsWith(`${fixed}/`));
}

/**
 * The deny rule that covers this request as a resource, if any. `readsOnly(tool)` tells whether a rule's tool
 * only reads (its path rule then guards every access; otherwise only writes).
 */
export function resourceDeny(
  rules: RuleSet,
  req: ApprovalRequest,
  s: Subject,
  facts: ResourceFacts,
  readsOnly: (tool: string) => boolean,
): { rule: Rule; why?: string } | undefined {
  const shell = req.kind === "shell";
  for (const rule of rules.deny) {
    if (rule.kind !== "path") continue;
    // The rule's own tool is matched by the ordinary deny check; here: every other tool reaching the path.
    const guards = readsOnly(rule.tool) || shell || !req.readOnly;
    if (!guards) continue;
    const candidates = [
      ...(s.absPath !== undefined ? [{ ...s, tool: rule.tool }] : []),
      ...facts.mentioned.map((m) => ({ ...m, tool: rule.tool })),
    ];
    if (candidates.some((c) => matchRule(rule, c, "restrict") || insideRuleBase(rule, c))) return { rule };
  }
  if (!shell) return undefined;
  const hit = facts.decoded.map((d) => firstMatch(rules.deny, d, "restrict")).find((r) => r !== undefined);
  if (hit) return { rule: hit };
  if (req.opaque) {
    const applies = rules.deny.find(
      (r) => r.kind === "path" || (r.kind === "command" && r.toolRe.test(req.tool)),
    );
    if (applies) return { rule: applies, why: req.opaque };
  }
  return undefined;
}
