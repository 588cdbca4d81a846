// Builds the runner behind the sub_agent tool for one session: a child runAgentLoop with a fresh history, its
// own tool state, the parent's tools minus sub_agent (no nesting), the parent's approval engine and model — or,
// for a named agent, what its definition says (agents/profile.ts). Child usage is emitted on the parent as
// usage events so cost and limits count it.

import type { AgentEvent } from "../agent/events.js";
import { runAgentLoop } from "../agent/loop.js";
import type { Message } from "../agent/messages.js";
import { firstLine } from "../tools/describe.js";
import { createSubAgentTool, type SubAgentRunner } from "../tools/sub-agent.js";
import { createToolState } from "../tools/tool.js";
import { agentCatalog } from "./agents/describe.js";
import { agentProfiles, type ProfileFor } from "./agents/profile.js";
import type { LoadedAgent } from "./agents/types.js";
import type { SessionFeature } from "./feature.js";
import type { Session } from "./session.js";

const SUB_AGENT_APPENDIX = `# Sub-agent mode
You are a sub-agent working for another agent, not directly for the user. Work autonomously: do not ask questions, nobody will answer them. Stay within the task. When done, reply with a concise, complete report of what you found or did (paths, line numbers, results); that report is all the other agent will see.`;

/** One progress line per child call, from the tool's own description (the same one the TUI shows). */
const progressLine = (e: Extract<AgentEvent, { type: "tool_start" }>): string =>
  `↳ ${e.name}${e.description.subject ? ` ${firstLine(e.description.subject)}` : ""}`;

export function createSubAgentRunner(
  session: Session,
  profileFor: ProfileFor = agentProfiles([]),
): SubAgentRunner {
  // Children are numbered per session, so the audit trail can tell their calls apart ("sub-1", "sub-2").
  let children = 0;
  return async (task, opts) => {
    const agent = `sub-${++children}`;
    const system = session.messages[0];
    const profile = profileFor(
      opts.agent,
      `${system?.role === "system" ? system.content : ""}\n\n${SUB_AGENT_APPENDIX}`,
    );
    const messages: Message[] = [
      { role: "system", content: profile.systemPrompt },
      { role: "user", content: task },
    ];
    const state = createToolState();
    const visible = (name: string) => name !== "sub_agent" && profile.allows(name);
    const tools = () => session.registry.list().filter((t) => visible(t.name));
    // The parent's loop dependencies (stream, gate, cost, retry policy) with the child's own history,
    // tools, tool state and turn limit; no hooks: compaction and limits belong to the parent's history.
    const result = await runAgentLoop(
      messages,
      session.loopDeps({
        toolSchemas: () => session.registry.schemas().filter((s) => visible(s.function.name)),
        findTool: (name) => tools().find((t) => t.name === name),
        toolNames: () => tools().map((t) => t.name),
        makeContext: (call, signal) => ({
          ...session.toolContext(call, signal),
          state,
          update: () => {},
        }),
        maxTurns: opts.maxTurns,
        contextTokens: 0,
        hooks: undefined,
        ...profile.deps,
      }),
      (e) => {
        if (e.type === "tool_start") opts.progress(progressLine(e));
        else if (e.type === "usage") session.emit({ ...e, subAgent: true });
        else if (e.type === "approval") session.emit(e);
        else if (e.type === "audit") session.emit({ ...e, entry: { ...e.entry, agent } });
      },
      opts.signal,
    );
    return { text: result.text, reason: result.reason, turns: result.turns, error: result.error };
  };
}

/** The sub_agent tool as a session feature (registered in its own registry group), with the session's agents. */
export function subAgentFeature(agents: readonly LoadedAgent[] = []): SessionFeature {
  const choices = { agents, catalog: agentCatalog(agents) };
  return {
    name: "sub-agents",
    attach(session) {
      const runner = createSubAgentRunner(session, agentProfiles(agents));
      session.registry.setGroup("sub-agent", [createSubAgentTool(runner, choices)]);
      return { detach: () => session.registry.setGroup("sub-agent", []) };
    },
  };
}
