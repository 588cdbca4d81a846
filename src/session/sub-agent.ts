// Builds the runner behind the sub_agent tool for one session: a child runAgentLoop with a fresh history, its
// own tool state, the parent's tools minus sub_agent (no nesting), the parent's approval engine and model.
// Child usage is emitted on the parent as usage events so cost and limits count it.

import type { AgentEvent } from "../agent/events.js";
import { runAgentLoop } from "../agent/loop.js";
import type { Message } from "../agent/messages.js";
import { firstLine } from "../tools/describe.js";
import { createSubAgentTool, type SubAgentRunner } from "../tools/sub-agent.js";
import { createToolState } from "../tools/tool.js";
import { childHooks, type SessionFeature } from "./feature.js";
import type { Session } from "./session.js";

const SUB_AGENT_APPENDIX = `# Sub-agent mode
You are a sub-agent working for another agent, not directly for the user. Work autonomously: do not ask questions, nobody will answer them. Stay within the task. When done, reply with a concise, complete report of what you found or did (paths, line numbers, results); that report is all the other agent will see.`;

/** One progress line per child call, from the tool's own description (the same one the TUI shows). */
const progressLine = (e: Extract<AgentEvent, { type: "tool_start" }>): string =>
  `↳ ${e.name}${e.description.subject ? ` ${firstLine(e.description.subject)}` : ""}`;

export function createSubAgentRunner(session: Session): SubAgentRunner {
  return async (task, opts) => {
    const system = session.messages[0];
    const messages: Message[] = [
      {
        role: "system",
        content: `${system?.role === "system" ? system.content : ""}\n\n${SUB_AGENT_APPENDIX}`,
      },
      { role: "user", content: task },
    ];
    const state = createToolState();
    const tools = () => session.registry.list().filter((t) => t.name !== "sub_agent");
    // The parent's loop dependencies (stream, gate, cost, retry policy) with the child's own history,
    // tools, tool state and turn limit; of the hooks only the user's tool hooks and SubagentStop: compaction and
    // limits belong to the parent's history.
    const result = await runAgentLoop(
      messages,
      session.loopDeps({
        toolSchemas: () => session.registry.schemas().filter((s) => s.function.name !== "sub_agent"),
        findTool: (name) => tools().find((t) => t.name === name),
        toolNames: () => tools().map((t) => t.name),
        makeContext: (call, signal) => ({
          ...session.toolContext(call, signal),
          state,
          update: () => {},
        }),
        maxTurns: opts.maxTurns,
        contextTokens: 0,
        hooks: childHooks(session.hooks),
      }),
      (e) => {
        if (e.type === "tool_start") opts.progress(progressLine(e));
        else if (e.type === "usage") session.emit({ ...e, subAgent: true });
        else if (e.type === "approval") session.emit(e);
      },
      opts.signal,
    );
    return { text: result.text, reason: result.reason, turns: result.turns, error: result.error };
  };
}

/** The sub_agent tool as a session feature (registered in its own registry group). */
export function subAgentFeature(): SessionFeature {
  return {
    name: "sub-agents",
    attach(session) {
      session.registry.setGroup("sub-agent", [createSubAgentTool(createSubAgentRunner(session))]);
      return { detach: () => session.registry.setGroup("sub-agent", []) };
    },
  };
}
