// The session's approval engine: every risky action goes through approve() (tools via ctx.approve, the
// executor via approveToolCall for MCP/skill tools and ask-rule pre-checks). Fails closed: no handler, headless,
// a throwing handler, an aborted signal or any internal error all deny. Prompts are serialised so one answer
// can cover the rest; every decision is recorded.
import type { ApprovalOutcome, ApprovalRequest } from "../tools/tool.js";
import { abortable } from "./abortable.js";
import { type DecideInput, decide, type TemporaryAllow, type Verdict } from "./decide.js";
import type { ApprovalEngine, ApprovalEngineOptions, ToolCallHints } from "./engine-types.js";
import { firstMatch, requestForToolCall, subjectKey, subjectOfArgs, subjectOfRequest } from "./match.js";
import { ruleDenial, subjectSummary, userRejection } from "./messages.js";
import { compileRuleSet, parseRules, type Subject } from "./rules.js";
import { scopesFor } from "./scopes.js";
import type { ApprovalAnswer, ApprovalRecord, SessionScope } from "./types.js";

export type {
  ApprovalEngine,
  ApprovalEngineOptions,
  TemporaryAllowHandle,
  ToolCallCheck,
  ToolCallHints,
} from "./engine-types.js";

export function createApprovalEngine(opts: ApprovalEngineOptions): ApprovalEngine {
  const rules = compileRuleSet(opts.rules);
  let mode = opts.mode;
  let handler = opts.handler;
  const granted = new Map<string, SessionScope>();
  const temporary: TemporaryAllow[] = [];
  // The one call the user approved in the executor's pre-check, consumed by that tool's own approval request.
  let preApproved: string | undefined;
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
    try {
      opts.onRecord?.(r);
    } catch {
      // The audit sink failing must not change the decision.
    }
  };

  const verdictFor = (req: ApprovalRequest, s: Subject, hints: ToolCallHints): Verdict => {
    const input: DecideInput = {
      request: req,
      subject: s,
      mode,
      rules,
      temporary,
      grantKeys: [...granted.keys()],
      canAsk: !opts.headless && handler !== undefined,
    };
    if (hints.readOnly) input.readOnly = true;
    if (hints.trusted) input.trusted = true;
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
      if (v.type === "allow") return { outcome: { approved: true, by: v.by }, by: v.by };
      if (v.type === "deny") return { outcome: { approved: false, reason: v.reason }, by: v.by };
      const current = handler;
      if (!current || opts.headless) throw new Error("no approval handler");
      const scopes = v.grantable ? scopesFor(req, s) : [];
      const answer: ApprovalAnswer = await abortable(current({ request: req, scopes }, signal), signal);
      if (answer.kind === "reject") {
        const feedback = answer.feedback?.trim();
        const reason = userRejection(req, s, feedback);
        return {
          outcome: feedback ? { approved: false, reason, feedback } : { approved: false, reason },
          by: "user reject",
        };
      }
      const offered =
        answer.kind === "session" ? scopes.find((sc) => sc.key === answer.scope.key) : undefined;
      if (offered) granted.set(offered.key, offered);
      const by = offered ? `user session (${offered.label})` : "user once";
      return { outcome: { approved: true, by }, by };
    } finally {
      release();
    }
  }

  async function run(
    req: ApprovalRequest,
    makeSubject: () => Subject,
    signal: AbortSignal,
    hints: ToolCallHints,
    preCheck = false,
  ): Promise<ApprovalOutcome> {
    let s: Subject = { tool: String(req?.tool) };
    try {
      s = makeSubject();
      const key = subjectKey(s);
      const v = verdictFor(req, s, hints);
      if (v.type === "allow") {
        record(req, s, true, v.by);
        return { approved: true, by: v.by };
      }
      if (v.type === "deny") {
        record(req, s, false, v.by);
        return { approved: false, reason: v.reason };
      }
      // The executor's pre-check already asked the user about this exact call (ask rule): do not ask twice.
      if (!preCheck && !req.protectedPath && !req.unsandboxed && preApproved === key) {
        preApproved = undefined;
        record(req, s, true, "user once (pre-check)");
        return { approved: true, by: "user once (pre-check)" };
      }
      if (preCheck) preApproved = undefined;
      const { outcome, by } = await askUser(req, s, signal, () => verdictFor(req, s, hints));
      if (preCheck && outcome.approved && by.startsWith("user")) preApproved = key;
      record(req, s, outcome.approved, by, outcome.approved ? undefined : outcome.feedback);
      return outcome;
    } catch (err) {
      const aborted = signal.aborted;
      const msg = err instanceof Error ? err.message : String(err);
      record(req, s, false, aborted ? "aborted" : `error: ${msg}`);
      const reason = aborted
        ? "Cancelled: the approval was interrupted, so the action was not run."
        : `Denied: the approval could not be completed (${msg}); the action was not run.`;
      return { approved: false, reason };
    }
  }

  return {
    approve(request, signal) {
      return run(request, () => subjectOfRequest(request, opts.cwd), signal, {});
    },
    approveToolCall(name, args, signal, hints = {}) {
      return run(
        requestForToolCall(name, args, hints.title),
        () => subjectOfArgs(name, args, opts.cwd),
        signal,
        hints,
        true,
      );
    },
    checkToolCall(name, args) {
      try {
        const s = subjectOfArgs(name, args, opts.cwd);
        const hit = firstMatch(rules.deny, s, "restrict");
        if (!hit) {
          const askRule = firstMatch(rules.ask, s, "restrict");
          return askRule ? { denied: false, ask: askRule.source } : { denied: false };
        }
        const req: ApprovalRequest = { tool: name, kind: "other", title: `Call ${name}`, detail: "" };
        record(req, s, false, `rule deny ${hit.source}`);
        return { denied: true, reason: ruleDenial(req, s, hit.source) };
      } catch (err) {
        return { denied: true, reason: `Denied: the permission check failed (${String(err)}).` };
      }
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
      const { rules: parsed, errors } = parseRules(patterns);
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
