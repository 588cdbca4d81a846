// The audit trail's entry: one per tool call, built by the executor (the one place that sees the arguments, the
// decision, the duration and the outcome) and carried outward on the `audit` event. The session log persists it
// (its writer redacts secrets); sub-agents' entries are re-emitted on the parent tagged with the child's id.
import type { ApprovalOutcome, AuditDecision } from "../approval/types.js";
import type { ToolDetails } from "../tools/tool.js";
import type { ToolStatus } from "./events.js";

export type AuditOutcome = "ok" | "error" | "aborted" | "denied";

export interface AuditEntry {
  /** ISO time the call started. */
  at: string;
  /** Absent for the main agent; a sub-agent's id ("sub-1") for its calls. */
  agent?: string;
  callId: string;
  tool: string;
  /** What the call is about, as its tool describes it (command, path, URL or title). */
  subject?: string;
  /** The parsed arguments (the raw text when they were not JSON). */
  args: unknown;
  decision: AuditDecision;
  /** The command ran inside the OS sandbox (its profile). An attribute of the run, not a decision. */
  sandboxed?: "read-only" | "workspace-write";
  outcome: AuditOutcome;
  durationMs: number;
  /** The unified diff of a file change (edit/write details), capped at AUDIT_DIFF_MAX chars. */
  diff?: string;
  /** Characters of the diff left out by the cap. */
  diffOmitted?: number;
}

/** A diff larger than this is cut in the audit record (the transcript keeps the full one). */
export const AUDIT_DIFF_MAX = 20_000;

export const auditOutcome = (status: ToolStatus): AuditOutcome => (status === "done" ? "ok" : status);

/**
 * Collects the decision of one call: every approval outcome the call's context returns passes through `seen`,
 * and a denial thrown with a decision (a hook) through `denied`. A call that never asked ran on the tool's own
 * verdict (a read-only tool, a command the policy runs without asking): `policy` by "tool".
 */
export class DecisionSlot {
  private decision?: AuditDecision;

  seen(outcome: ApprovalOutcome): ApprovalOutcome {
    if (outcome.decision) this.decision = outcome.decision;
    else if (!this.decision)
      this.decision = outcome.approved
        ? { kind: "policy", by: "tool" }
        : { kind: "denied", by: "policy", detail: outcome.reason };
    return outcome;
  }

  /** The decision of a call that was denied; `given` is what the denial carried, if anything. */
  denied(given: AuditDecision | undefined, detail: string): AuditDecision {
    if (given) return given;
    if (this.decision && this.decision.kind === "denied") return this.decision;
    return { kind: "denied", by: "policy", detail };
  }

  current(): AuditDecision {
    return this.decision ?? { kind: "policy", by: "tool" };
  }
}

/** The diff of a file change, capped for the record. */
export function auditDiff(details: ToolDetails | undefined): Pick<AuditEntry, "diff" | "diffOmitted"> {
  if (details?.kind !== "diff") return {};
  const { diff } = details;
  if (diff.length <= AUDIT_DIFF_MAX) return { diff };
  return { diff: diff.slice(0, AUDIT_DIFF_MAX), diffOmitted: diff.length - AUDIT_DIFF_MAX };
}

/** The sandbox profile a shell call ran under, if it ran inside one. */
export const auditSandbox = (details: ToolDetails | undefined): Pick<AuditEntry, "sandboxed"> =>
  details?.kind === "shell" && details.sandbox ? { sandboxed: details.sandbox } : {};
