// Builds the runner behind the sub_agent tool for one session: a child runAgentLoop with a fresh history, its
// own tool state, the parent's tools minus sub_agent (no nesting), the parent's approval engine and model — or,
// for a named agent, what its definition says (agents/profile.ts: instructions, tool allowlist, model).
// Several children may run at once (the loop batches sub_agent calls); each is numbered and every event it sends
// out is tagged with that number: its own events wrapped in a `subagent` event, its usage as the parent's `usage`
// (subAgent, agent) so cost and limits count it, its approval prompts titled with its label. Before each request a
// child checks the parent's budget, so children running side by side cannot overspend the session's limits.

import type { AgentEvent, SubAgentTag } from "../agent/events.js";
import { type LoopHooks, runAgentLoop } from "../agent/loop.js";
import { firstLine } from "../tools/describe.js";
import { createSubAgentTool, type SubAgentOptions, type SubAgentRunner } from "../tools/sub-agent.js";
import { createToolState, type Tool } from "../tools/tool.js";
import { agentCatalog } from "./agents/describe.js";
import { agentProfiles, type ChildProfile, type ProfileFor } from "./agents/profile.js";
import type { LoadedAgent } from "./agents/types.js";
import { childHooks, type SessionFeature } from "./feature.js";
import type { Session } from "./session.js";

const SUB_AGENT_APPENDIX = `# Sub-agent mode
You are a sub-agent working for another agent, not directly for the user. Work autonomously: do not ask questions, nobody will answer them. Stay within the task. When done, reply with a concise, complete report of what you found or did (paths, line numbers, results); that report is all the other agent will see.`;

/** Child events that stay inside the child: the text streams (its answer arrives whole) and its history. */
const NOT_FORWARDED = new Set<AgentEvent["type"]>(["text_delta", "reasoning_delta", "history_append"]);

/** One line per child call, from the tool's own description (the same one the TUI shows). */
const callLine = (e: Extract<AgentEvent, { type: "tool_start" }>): string =>
  `↳ ${e.name}${e.description.subject ? ` ${firstLine(e.description.subject)}` : ""}`;

/** The child's system prompt: the parent's (byte-identical prefix) plus the sub-agent rules (and an agent's). */
function childProfile(session: Session, profileFor: ProfileFor, agent: string | undefined): ChildProfile {
  const system = session.messages[0];
  return profileFor(agent, `${system?.role === "system" ? system.content : ""}\n\n${SUB_AGENT_APPENDIX}`);
}

/** The parent's tools a child may use: all but sub_agent (no nesting), within an agent's allowlist. */
function childTools(session: Session, profile: ChildProfile): Tool[] {
  return session.registry.list().filter((t) => t.name !== "sub_agent" && profile.allows(t.name));
}

/** The parent's budget, checked before each child request; a warning is the session's, shown once. */
function budgetHooks(session: Session): LoopHooks {
  const parent = session.loopDeps().hooks;
  return {
    budget: () => {
      const v = parent?.budget?.() ?? {};
      if (v.warn) session.emit({ type: "notice", level: "warn", message: v.warn });
      return v.stop ? { stop: v.stop } : {};
    },
  };
}

export function createSubAgentRunner(
  session: Session,
  profileFor: ProfileFor = agentProfiles([]),
): SubAgentRunner {
  let count = 0;
  return async (task, opts) => {
    count++;
    const profile = childProfile(session, profileFor, opts.agent);
    const label = `sub-agent #${count}${opts.agent ? ` (${opts.agent})` : ""}`;
    const agent: SubAgentTag = { id: count, label, callId: opts.callId };
    const state = createToolState();
    const tools = () => childTools(session, profile);
    const transcript: string[] = [];
    const forward = (event: AgentEvent) => session.emit({ type: "subagent", agent, event });
    forward({ type: "agent_start", sessionId: session.id });
    // The parent's loop dependencies (stream, gate, cost, retry policy) with the child's own history, tools,
    // tool state, turn limit and hooks: compaction belongs to the parent's history; the budget is shared, and
    // of the user's hooks the tool hooks and SubagentStop apply.
    const result = await runAgentLoop(
      [
        { role: "system", content: profile.systemPrompt },
        { role: "user", content: task },
      ],
      session.loopDeps({
        toolSchemas: () => {
          const names = new Set(tools().map((t) => t.name));
          return session.registry.schemas().filter((s) => names.has(s.function.name));
        },
        findTool: (name) => tools().find((t) => t.name === name),
        toolNames: () => tools().map((t) => t.name),
        makeContext: (call, signal) => ({
          ...session.toolContext(call, signal),
          state,
          update: () => {},
          // The user must know which child asks (the engine already asks one prompt at a time); the request names
          // the parent's sub_agent call, the one a front-end shows (ACP attaches the permission to it).
          approve: (request) =>
            session.approvals.approve(
              { ...request, callId: agent.callId, title: `${agent.label}: ${request.title}` },
              signal,
            ),
        }),
        maxTurns: opts.maxTurns,
        contextTokens: 0,
        hooks: { ...childHooks(session.hooks), ...budgetHooks(session) },
        ...profile.deps,
      }),
      (e) => {
        if (e.type === "usage") session.emit({ ...e, subAgent: true, agent });
        else if (e.type === "approval") session.emit(e);
        // The audit trail is the session's log; the entry says which child acted.
        else if (e.type === "audit") session.emit({ ...e, entry: { ...e.entry, agent: `sub-${agent.id}` } });
        else if (!NOT_FORWARDED.has(e.type)) forward(e);
        if (e.type === "tool_start") {
          opts.progress(callLine(e));
          transcript.push(callLine(e));
        } else if (e.type === "tool_end" && e.status !== "done") {
          transcript.push(`  ${e.status}${e.summary ? `: ${firstLine(e.summary)}` : ""}`);
        }
      },
      opts.signal,
    );
    if (result.text) transcript.push("", result.text);
    return {
      text: result.text,
      reason: result.reason,
      turns: result.turns,
      error: result.error,
      transcript: transcript.join("\n"),
    };
  };
}

/** The sub_agent tool as a session feature (registered in its own registry group), with the session's agents. */
export function subAgentFeature(
  agents: readonly LoadedAgent[] = [],
  options: SubAgentOptions = {},
): SessionFeature {
  const choices = { agents, catalog: agentCatalog(agents) };
  return {
    name: "sub-agents",
    attach(session) {
      const runner = createSubAgentRunner(session, agentProfiles(agents));
      session.registry.setGroup("sub-agent", [createSubAgentTool(runner, choices, options)]);
      return { detach: () => session.registry.setGroup("sub-agent", []) };
    },
  };
}
