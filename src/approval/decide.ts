// The pure policy step: request + rules + mode + grants → allow, deny or ask. No IO, no handler, no clock.
// Order: deny rules (and resources: resolved paths, decoded commands) → plan mode → protected path → outside the
// sandbox → ask rules → a hook's "ask" → the caller's own "safe" verdict (read-only tools, auto-run commands, trusted
// MCP servers) → allow rules (config, then skill) → a hook's "allow" → mode (bypass, accept-edits) → session grants
// → ask. Deny beats ask beats allow.
import type { PermissionMode } from "../config/schema.js";
import { firstMatch } from "./match.js";
import { headlessDenial, planDenial, protectedDenial, ruleDenial, unsandboxedDenial } from "./messages.js";
import { type ResourceFacts, resourceDeny } from "./resource.js";
import type { Rule, RuleSet, Subject } from "./rules.js";
import { grantCovers } from "./scopes.js";
import type { ApprovalRequest } from "./types.js";

export interface TemporaryAllow {
  source: string;
  rules: Rule[];
}

export interface DecideInput {
  request: ApprovalRequest;
  subject: Subject;
  mode: PermissionMode;
  rules: RuleSet;
  temporary: readonly TemporaryAllow[];
  grantKeys: readonly string[];
  /** False when headless or no handler is registered: anything that would ask is denied. */
  canAsk: boolean;
  /** What the call reaches beyond its own subject (resolved paths, a command's decoded words). */
  facts?: ResourceFacts;
  /** Whether a tool only reads (a path deny rule on it then guards every access to the path). */
  readsOnly?: (tool: string) => boolean;
}

export type Verdict =
  /** `quiet`: nothing was decided (the caller's own safe verdict stood), so no audit record is written. */
  | { type: "allow"; by: string; quiet?: boolean }
  | { type: "deny"; by: string; reason: string }
  /** `grantable`: a session approval may answer it (false for protected paths and ask rules, which always ask). */
  | { type: "ask"; why: string; grantable: boolean };

const isFileKind = (r: ApprovalRequest): boolean => r.kind === "write" || r.kind === "edit";
const inWorkspace = (s: Subject): boolean =>
  s.relPath !== undefined && s.relPath !== ".." && !s.relPath.startsWith("../");

function ask(input: DecideInput, why: string, askRule?: string): Verdict {
  if (input.canAsk) return { type: "ask", why, grantable: askRule === undefined };
  return {
    type: "deny",
    by: askRule === undefined ? "headless" : `headless (rule ask ${askRule})`,
    reason: headlessDenial(input.request, input.subject, askRule),
  };
}

/**
 * Whether an allow rule may answer a shell request the classifier asked about. The user's exact command and
 * whole-tool rules do; a prefix rule (`bash(git diff:*)`) and anything a skill grants only lift "not on the
 * read-only list" — never a denied option, an outside path, a credential file or a config risk.
 */
function lifts(req: ApprovalRequest, rule: Rule, from: "config" | "skill"): boolean {
  if (req.kind !== "shell" || req.onlyUnlisted) return true;
  if (from === "skill") return false;
  return rule.kind !== "command" || !rule.prefix;
}

/** "hook allow" / "hook asks", with the hook's reason when it gave one. */
const hookWhy = (verb: string, req: ApprovalRequest): string =>
  `hook ${verb}${req.hook?.reason ? `: ${req.hook.reason}` : ""}`;

export function decide(input: DecideInput): Verdict {
  const { request: req, subject: s, rules, mode } = input;
  const deny = firstMatch(rules.deny, s, "restrict");
  if (deny) return { type: "deny", by: `rule deny ${deny.source}`, reason: ruleDenial(req, s, deny.source) };
  const resource = resourceDeny(
    rules,
    req,
    s,
    input.facts ?? { mentioned: [], decoded: [] },
    input.readsOnly ?? (() => false),
  );
  if (resource) {
    const source = resource.why
      ? `${resource.rule.source} (${resource.why}, so it cannot be checked)`
      : resource.rule.source;
    return { type: "deny", by: `rule deny ${resource.rule.source}`, reason: ruleDenial(req, s, source) };
  }

  // Fetching reads; read-only tool calls change nothing: plan mode lets them through to the normal policy.
  if (mode === "plan" && req.kind !== "fetch" && !req.readOnly) {
    return { type: "deny", by: "mode plan", reason: planDenial(req, s) };
  }

  if (req.protectedPath) {
    if (input.canAsk) return { type: "ask", why: "protected path", grantable: false };
    const exact = [...rules.allow, ...input.temporary.flatMap((t) => t.rules)].find(
      (r) =>
        r.kind === "path" && r.literal && r.toolRe.test(s.tool) && firstMatch([r], s, "allow") !== undefined,
    );
    if (exact) return { type: "allow", by: `rule allow ${exact.source} (protected path named exactly)` };
    return { type: "deny", by: "protected path (headless)", reason: protectedDenial(req, s) };
  }

  // Leaving the OS sandbox is the user's call: no rule, skill grant or session approval answers it; bypass may.
  if (req.unsandboxed && mode !== "bypass") {
    if (input.canAsk) return { type: "ask", why: "outside the sandbox", grantable: false };
    return { type: "deny", by: "outside the sandbox (headless)", reason: unsandboxedDenial(req, s) };
  }

  const askRule = firstMatch(rules.ask, s, "restrict");
  if (askRule) return ask(input, `rule ask ${askRule.source}`, askRule.source);
  const allow = rules.allow.find((r) => firstMatch([r], s, "allow") && lifts(req, r, "config"));
  // A hook's "ask" prompts even for what would run quietly; with nobody to ask only an allow rule answers it.
  if (req.hook?.decision === "ask") {
    if (input.canAsk) return { type: "ask", why: hookWhy("asks", req), grantable: false };
    if (allow) return { type: "allow", by: `rule allow ${allow.source} (hook asked)` };
    return { type: "deny", by: "headless (hook ask)", reason: headlessDenial(req, s) };
  }
  if (req.safe) return { type: "allow", by: "safe", quiet: true };

  if (allow) return { type: "allow", by: `rule allow ${allow.source}` };
  for (const t of input.temporary) {
    const hit = t.rules.find((r) => firstMatch([r], s, "allow") && lifts(req, r, "skill"));
    if (hit) return { type: "allow", by: `${t.source} allows ${hit.source}` };
  }
  // A hook's "allow" stands where an allow rule would: after every deny, ask and sandbox step above.
  if (req.hook?.decision === "allow") return { type: "allow", by: hookWhy("allow", req) };

  if (mode === "bypass") return { type: "allow", by: "mode bypass" };
  if (mode === "accept-edits" && isFileKind(req) && inWorkspace(s))
    return { type: "allow", by: "mode accept-edits" };

  const grant = input.grantKeys.find((k) => grantCovers(k, req, s));
  if (grant) return { type: "allow", by: `session grant ${grant}` };

  return ask(input, req.reason ?? "needs approval");
}
