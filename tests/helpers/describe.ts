// tool_start events and ToolViews for UI tests, described by the real built-in tools exactly as the executor
// describes live calls (so tests never hand-write what a tool would say about itself).
import type { AgentEvent } from "../../src/agent/events.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { describeCall } from "../../src/tools/describe.js";
import type { ToolCallDescription } from "../../src/tools/tool.js";

const tools = new Map(builtinTools().map((t) => [t.name, t]));

export const describeBuiltin = (name: string, args: unknown): ToolCallDescription =>
  describeCall(tools.get(name), name, args, { cwd: "/ws" });

export const toolStart = (callId: string, name: string, args: unknown): AgentEvent => ({
  type: "tool_start",
  callId,
  name,
  args,
  description: describeBuiltin(name, args),
});
