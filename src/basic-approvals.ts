// Minimal fail-closed approval engine used until the full rule engine is wired: bypass approves, a registered
// handler is asked, and with no handler (headless) every request is denied with the reason.
import type { ApprovalHandler } from "./approval/types.js";
import type { PermissionMode } from "./config/schema.js";
import type { ApprovalEngineLike } from "./session.js";
import type { ApprovalOutcome, ApprovalRequest } from "./tools/tool.js";

export function createBasicApprovals(initial: PermissionMode): ApprovalEngineLike {
  let mode = initial;
  let handler: ApprovalHandler | undefined;
  return {
    async approve(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalOutcome> {
      if (mode === "bypass") return { approved: true, by: "mode bypass" };
      if (mode === "plan") return { approved: false, reason: "Plan mode: only read and propose changes." };
      if (!handler) {
        return {
          approved: false,
          reason: `Denied: ${request.title} needs approval and nobody can answer (headless).`,
        };
      }
      try {
        const answer = await handler({ request, scopes: [] }, signal);
        if (answer.kind === "reject")
          return { approved: false, reason: "Rejected by the user.", feedback: answer.feedback };
        return { approved: true, by: `user ${answer.kind}` };
      } catch {
        return { approved: false, reason: "The approval prompt was cancelled." };
      }
    },
    setHandler: (h) => {
      handler = h;
    },
    setMode: (m) => {
      mode = m;
    },
    getMode: () => mode,
  };
}
