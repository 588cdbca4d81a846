// A running sub-agent as its parent's sub_agent row sees it: label, turns, tokens and the call it is making, from
// the child's `subagent` events and its tagged `usage`. Pure; the row renders it as one live line.
import type { AgentEvent } from "../../runtime/index.js";
import { updateTool } from "./app-flush.js";
import type { AppState, SubAgentView } from "./app-types.js";

type SubAgentEvent = Extract<AgentEvent, { type: "subagent" }>;
type UsageEvent = Extract<AgentEvent, { type: "usage" }>;

function step(v: SubAgentView, e: AgentEvent): SubAgentView {
  switch (e.type) {
    case "turn_start":
      return { ...v, turns: e.turn };
    case "tool_start":
      return { ...v, current: `${e.name}${e.description.subject ? ` ${e.description.subject}` : ""}` };
    case "tool_end":
    case "done":
      return { ...v, current: undefined };
    default:
      return v;
  }
}

/** Applies one child event to the row of the parent call running that child. */
export function onSubAgentEvent(s: AppState, e: SubAgentEvent): AppState {
  return updateTool(s, e.agent.callId, (t) => ({
    ...t,
    agent: step(t.agent ?? { label: e.agent.label, turns: 0, tokens: 0 }, e.event),
  }));
}

/** Adds a child's request to its row's token count (the session totals are the usage event's own). */
export function onSubAgentUsage(s: AppState, e: UsageEvent): AppState {
  const tag = e.agent;
  if (!tag) return s;
  const tokens = e.usage.inputTokens + e.usage.outputTokens;
  return updateTool(s, tag.callId, (t) => {
    const v = t.agent ?? { label: tag.label, turns: 0, tokens: 0 };
    return { ...t, agent: { ...v, tokens: v.tokens + tokens } };
  });
}
