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
import type { ApprovalRequest, AuditDecision } from "./types.js";

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
  | { type: "allow"; by: string; decision: AuditDecision; quiet?: boolean }
  | { type: "deny"; by: string; reason: string; decision: AuditDecision }
  /** `grantable`: a session approval may answer it (false for protected paths and ask rules, which always ask). */
  | { type: "ask"; why: string; grantable: boolean };

const isFileKind = (r: ApprovalRequest): boolean => r.kind === "write" || r.kind === "edit";
const inWorkspace = (s: Subject): boolean =>
  s.relPath !== undefined && s.relPath !== ".." && !s.relPath.startsWith("../");

function ask(input: DecideInput, why: string, askRule?: string): Verdict {
  if (input.canAsk) return { type: "ask", why, grantable: askRule === undefined };
  const by = askRule === undefined ? "headless" : `headless (rule ask ${askRule})`;
  return {
    type: "deny",
    by,
    reason: headlessDenial(input.request, input.subject, askRule),
    decision: { kind: "denied", by: "headless", detail: askRule === undefined ? why : `rule ask ${askRule}` },
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
  if (deny) {
    return {
      type: "deny",
      by: `rule deny ${deny.source}`,
      reason: ruleDenial(req, s, deny.source),
      decision: { kind: "denied", by: "rule", detail: deny.source },
    };
  }
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
    return {
      type: "deny",
      by: `rule deny ${resource.rule.source}`,
      reason: ruleDenial(req, s, source),
      decision: { kind: "denied", by: "rule", detail: resource.rule.source },
    };
  }

  // Fetching reads; read-only tool calls change nothing: plan mode lets them through to the normal policy.
  if (mode === "plan" && req.kind !== "fetch" && !req.readOnly) {
    return {
      type: "deny",
      by: "mode plan",
      reason: planDenial(req, s),
      decision: { kind: "denied", by: "policy", detail: "mode plan" },
    };
  }

  if (req.protectedPath) {
    if (input.canAsk) return { type: "ask", why: "protected path", grantable: false };
    const exact = [...rules.allow, ...input.temporary.flatMap((t) => t.rules)].find(
      (r) =>
        r.kind === "path" && r.literal && r.toolRe.test(s.tool) && firstMatch([r], s, "allow") !== undefined,
    );
    if (exact) {
      return {
        type: "allow",
        by: `rule allow ${exact.source} (protected path named exactly)`,
        decision: { kind: "rule", rule: exact.source },
      };
    }
    return {
      type: "deny",
      by: "protected path (headless)",
      reason: protectedDenial(req, s),
      decision: { kind: "denied", by: "headless", detail: "protected path" },
    };
  }

  // Leaving the OS sandbox is the user's call: no rule, skill grant or session approval answers it; bypass may.
  if (req.unsandboxed && mode !== "bypass") {
    if (input.canAsk) return { type: "ask", why: "outside the sandbox", grantable: false };
    return {
      type: "deny",
      by: "outside the sandbox (headless)",
      reason: unsandboxedDenial(req, s),
      decision: { kind: "denied", by: "headless", detail: "outside the sandbox" },
    };
  }

  const askRule = firstMatch(rules.ask, s, "restrict");
  if (askRule) return ask(input, `rule ask ${askRule.source}`, askRule.source);
  const allow = rules.allow.find((r) => firstMatch([r], s, "allow") && lifts(req, r, "config"));
  // A hook's "ask" prompts even for what would run quietly; with nobody to ask only an allow rule answers it.
  if (req.hook?.decision === "ask") {
    if (input.canAsk) return { type: "ask", why: hookWhy("asks", req), grantable: false };
    if (allow) {
      return {
        type: "allow",
        by: `rule allow ${allow.source} (hook asked)`,
        decision: { kind: "rule", rule: allow.source },
      };
    }
    return {
      type: "deny",
      by: "headless (hook ask)",
      reason: headlessDenial(req, s),
      decision: { kind: "denied", by: "headless", detail: "a PreToolUse hook asked" },
    };
  }
  if (req.safe) return { type: "allow", by: "safe", quiet: true, decision: { kind: "policy", by: "safe" } };

  if (allow)
    return {
      type: "allow",
      by: `rule allow ${allow.source}`,
      decision: { kind: "rule", rule: allow.source },
    };
  for (const t of input.temporary) {
    const hit = t.rules.find((r) => firstMatch([r], s, "allow") && lifts(req, r, "skill"));
    if (hit) {
      return {
        type: "allow",
        by: `${t.source} allows ${hit.source}`,
        decision: { kind: "skill", skill: t.source, rule: hit.source },
      };
    }
  }
  // A hook's "allow" stands where an allow rule would: after every deny, ask and sandbox step above.
  if (req.hook?.decision === "allow") {
    return {
      type: "allow",
      by: hookWhy("allow", req),
      decision: { kind: "hook_allowed", hook: "PreToolUse" },
    };
  }

  if (mode === "bypass")
    return { type: "allow", by: "mode bypass", decision: { kind: "policy", by: "mode bypass" } };
  if (mode === "accept-edits" && isFileKind(req) && inWorkspace(s))
    return { type: "allow", by: "mode accept-edits", decision: { kind: "policy", by: "mode accept-edits" } };

  const grant = input.grantKeys.find((k) => grantCovers(k, req, s));
  if (grant) {
    return {
      type: "allow",
      by: `session grant ${grant}`,
      decision: { kind: "approved_session", scope: grant },
    };
  }

  return ask(input, req.reason ?? "needs approval");
}
