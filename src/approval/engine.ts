// The session's approval engine: the one route every call takes, once (tools that judge their own risk via
// ctx.approve, the executor for all others), plus a synchronous deny-rule check. Fails closed: no handler,
// headless, a throwing handler, an aborted signal or any internal error all deny. Prompts are serialised so one
// answer can cover the rest; every decision is recorded (a caller's own "safe" verdict that stood is not one).
import { abortable } from "./abortable.js";
import { type DecideInput, decide, type TemporaryAllow, type Verdict } from "./decide.js";
import type { ApprovalEngine, ApprovalEngineOptions } from "./engine-types.js";
import { firstMatch, subjectOf, subjectOfRequest } from "./match.js";
import { ruleDenial, subjectSummary, userRejection } from "./messages.js";
import { resourceDeny, resourceFacts } from "./resource.js";
import { compileRuleSet, parseRules, type Subject } from "./rules.js";
import { scopesFor } from "./scopes.js";
import type {
  ApprovalAnswer,
  ApprovalOutcome,
  ApprovalRecord,
  ApprovalRequest,
  AuditDecision,
  SessionScope,
} from "./types.js";

export type { ApprovalEngine, ApprovalEngineOptions, TemporaryAllowHandle } from "./engine-types.js";

export function createApprovalEngine(opts: ApprovalEngineOptions): ApprovalEngine {
  const rules = compileRuleSet(opts.rules, opts.specifierOf);
  // Resource facts (resolved paths, decoded words) matter only to path and command deny rules; without any, no
  // call pays for realpath lookups on the agent loop's path.
  const resourceRules = rules.deny.some((r) => r.kind === "path" || r.kind === "command");
  const pathDenyRules = rules.deny.some((r) => r.kind === "path");
  const noFacts = { mentioned: [], decoded: [] };
  let mode = opts.mode;
  let handler = opts.handler;
  const granted = new Map<string, SessionScope>();
  const temporary: TemporaryAllow[] = [];
  // Prompts are answered one at a time; a later request re-checks grants made while it waited.
  let promptQueue: Promise<void> = Promise.resolve();

  const record = (req: ApprovalRequest, s: Subject, allowed: boolean, by: string, feedback?: string) => {
    const r: ApprovalRecord = {
      at: new Date().toISOString(),
      tool: req.tool,
      subject: subjectSummary(req, s),
      decision: allowed ? "allow" : "deny",
      by,
    };
    if (feedback !== undefined) r.feedback = feedback;
    if (req.hook?.decision === "ask") r.hook = "asked-by-hook";
    else if (req.hook?.decision === "allow" && by.startsWith("hook allow")) r.hook = "allowed-by-hook";
    try {
      opts.onRecord?.(r);
    } catch {
      // The audit sink failing must not change the decision.
    }
  };

  const verdictFor = (req: ApprovalRequest, s: Subject): Verdict => {
    const input: DecideInput = {
      request: req,
      subject: s,
      mode,
      rules,
      temporary,
      grantKeys: [...granted.keys()],
      canAsk: !opts.headless && handler !== undefined,
      facts: resourceRules ? resourceFacts(req, opts.cwd) : noFacts,
      readsOnly: (tool) => opts.readsOnly?.(tool) ?? false,
    };
    return decide(input);
  };

  /** Waits its turn, re-decides (mode, grants or rules may have changed meanwhile), then asks the handler. */
  async function askUser(
    req: ApprovalRequest,
    s: Subject,
    signal: AbortSignal,
    recheck: () => Verdict,
  ): Promise<{ outcome: ApprovalOutcome; by: string }> {
    const previous = promptQueue;
    let release = () => {};
    promptQueue = new Promise<void>((r) => {
      release = r;
    });
    try {
      await abortable(previous, signal);
      const v = recheck();
      if (v.type === "allow")
        return { outcome: { approved: true, by: v.by, decision: v.decision }, by: v.by };
      if (v.type === "deny")
        return { outcome: { approved: false, reason: v.reason, decision: v.decision }, by: v.by };
      const current = handler;
      if (!current || opts.headless) throw new Error("no approval handler");
      const scopes = v.grantable ? scopesFor(req, s) : [];
      const answer: ApprovalAnswer = await abortable(current({ request: req, scopes }, signal), signal);
      if (answer.kind === "reject") {
        const feedback = answer.feedback?.trim();
        const reason = userRejection(req, s, feedback);
        const decision: AuditDecision = { kind: "denied", by: "user" };
        return {
          outcome: feedback
            ? { approved: false, reason, feedback, decision }
            : { approved: false, reason, decision },
          by: "user reject",
        };
      }
      const offered =
        answer.kind === "session" ? scopes.find((sc) => sc.key === answer.scope.key) : undefined;
      if (offered) granted.set(offered.key, offered);
      const by = offered ? `user session (${offered.label})` : "user once";
      const decision: AuditDecision = offered
        ? { kind: "approved_session", scope: offered.key }
        : { kind: "approved_once" };
      return { outcome: { approved: true, by, decision }, by };
    } finally {
      release();
    }
  }

  async function approve(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalOutcome> {
    let s: Subject = { tool: String(req?.tool) };
    try {
      s = subjectOfRequest(req, opts.cwd);
      const v = verdictFor(req, s);
      if (v.type === "allow") {
        if (!v.quiet) record(req, s, true, v.by);
        return { approved: true, by: v.by, decision: v.decision };
      }
      if (v.type === "deny") {
        record(req, s, false, v.by);
        return { approved: false, reason: v.reason, decision: v.decision };
      }
      const { outcome, by } = await askUser(req, s, signal, () => verdictFor(req, s));
      record(req, s, outcome.approved, by, outcome.approved ? undefined : outcome.feedback);
      return outcome;
    } catch (err) {
      const aborted = signal.aborted;
      const msg = err instanceof Error ? err.message : String(err);
      record(req, s, false, aborted ? "aborted" : `error: ${msg}`);
      const reason = aborted
        ? "Cancelled: the approval was interrupted, so the action was not run."
        : `Denied: the approval could not be completed (${msg}); the action was not run.`;
      const decision: AuditDecision = aborted
        ? { kind: "denied", by: "aborted" }
        : { kind: "denied", by: "error", detail: msg };
      return { approved: false, reason, decision };
    }
  }

  return {
    approve,
    denyCheck(tool, facts) {
      try {
        const s = subjectOf(tool, facts, opts.cwd);
        const req: ApprovalRequest = { tool, kind: "other", title: `Call ${tool}`, detail: "" };
        if (facts.path !== undefined) req.path = facts.path;
        if (opts.readsOnly?.(tool)) req.readOnly = true;
        const hit = firstMatch(rules.deny, s, "restrict");
        const resource = hit
          ? undefined
          : resourceDeny(
              rules,
              req,
              s,
              resourceRules ? resourceFacts(req, opts.cwd) : noFacts,
              (t) => opts.readsOnly?.(t) ?? false,
            );
        const source = hit?.source ?? resource?.rule.source;
        if (!source) return undefined;
        record(req, s, false, `rule deny ${source}`);
        return ruleDenial(req, s, source);
      } catch (err) {
        return `Denied: the permission check failed (${String(err)}).`;
      }
    },
    readDenied(absPath) {
      if (!pathDenyRules) return undefined;
      const req: ApprovalRequest = {
        tool: "read_file",
        kind: "other",
        title: "",
        detail: "",
        path: absPath,
        readOnly: true,
      };
      const s = subjectOf(req.tool, { path: absPath }, opts.cwd);
      const facts = resourceFacts(req, opts.cwd);
      const guarded = (t: string) => opts.readsOnly?.(t) ?? false;
      return rules.deny.find(
        (r) =>
          r.kind === "path" &&
          guarded(r.tool) &&
          resourceDeny({ ...rules, deny: [r] }, req, s, facts, guarded),
      )?.source;
    },
    setMode(next) {
      mode = next;
    },
    getMode: () => mode,
    setHandler(next) {
      handler = next;
    },
    grants: () => [...granted.values()],
    listRules: () => ({
      allow: rules.allow.map((r) => r.source),
      ask: rules.ask.map((r) => r.source),
      deny: rules.deny.map((r) => r.source),
      temporary: temporary.map((t) => ({ source: t.source, rules: t.rules.map((r) => r.source) })),
    }),
    revoke: (key) => granted.delete(key),
    addTemporaryAllow(patterns, source) {
      const { rules: parsed, errors } = parseRules(patterns, opts.specifierOf);
      const entry: TemporaryAllow = { source, rules: parsed };
      temporary.push(entry);
      return {
        errors,
        release() {
          const i = temporary.indexOf(entry);
          if (i >= 0) temporary.splice(i, 1);
        },
      };
    },
  };
}
