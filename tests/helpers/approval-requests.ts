// Approval requests as the bash tool builds them, for tests of the engine and the audit trail.
import type { ApprovalRequest } from "../../src/approval/types.js";

/** The request for running `command` (fields in `extra` override or add, e.g. `safe`, `unsandboxed`). */
export const shellRequest = (command: string, extra: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  tool: "bash",
  kind: "shell",
  title: `Run: ${command}`,
  detail: command,
  command,
  ...extra,
});
