// What a named agent changes about a sub-agent: its system prompt (the session's base prompt — cwd, platform,
// project tree, AGENTS.md — plus sub-agent mode, plus the agent's instructions last, so they win where they
// differ), the tools it may see (its allowlist within the parent's tools) and its model (stream, prices and
// window). The runner asks for one profile per child; without an agent the child is the plain sub-agent.
import type { LoopDeps } from "../../agent/loop.js";
import { globToRegExp } from "../../approval/index.js";
import { createStreamFn } from "../../providers/openai-stream.js";
import type { StreamFn } from "../../providers/types.js";
import { usageCost } from "../session.js";
import type { LoadedAgent } from "./types.js";

export interface ChildProfile {
  systemPrompt: string;
  /** Whether the child may see this tool (sub_agent is removed by the runner in any case). */
  allows(tool: string): boolean;
  /** Loop dependencies that differ from the parent's (an agent's own model). */
  deps: Partial<LoopDeps>;
}

/** `profileFor(name, base)`: `base` is the parent's system prompt with the sub-agent appendix. */
export type ProfileFor = (name: string | undefined, base: string) => ChildProfile;

/** Profiles for the session's agents; an agent's stream is built on first use and then reused. */
export function agentProfiles(agents: readonly LoadedAgent[]): ProfileFor {
  const streams = new Map<string, StreamFn>();
  return (name, base) => {
    if (name === undefined) return { systemPrompt: base, allows: () => true, deps: {} };
    const agent = agents.find((a) => a.name === name);
    if (!agent) throw new Error(`Unknown agent "${name}".`);
    const patterns = agent.allow?.map((p) => globToRegExp(p));
    const model = agent.resolvedModel;
    let deps: Partial<LoopDeps> = {};
    if (model) {
      const stream = streams.get(model.ref) ?? createStreamFn(model);
      streams.set(model.ref, stream);
      deps = { stream, cost: (u) => usageCost(model, u), contextWindow: model.contextWindow };
    }
    const instructions = agent.instructions ? `\n${agent.instructions}` : "";
    return {
      systemPrompt: `${base}\n\n# Agent: ${agent.name}\nYou are the "${agent.name}" agent. Its instructions follow; where they differ from the guidance above, they win.${instructions}`,
      allows: patterns ? (tool) => patterns.some((re) => re.test(tool)) : () => true,
      deps,
    };
  };
}
