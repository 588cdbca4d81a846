// What every request carries before any conversation, built the way the bench and the surface tests measure it:
// the built-in system prompt with stubbed inputs, and the tools a session offers (the nine built-ins, sub_agent
// listing the bundled agents, and activate_skill with one skill). The stubs keep the user's tree and instructions out of the measurement.
import { agentCatalog } from "../../src/session/agents/describe.js";
import { discoverAgents } from "../../src/session/agents/discover.js";
import { buildSystemPrompt } from "../../src/session/system-prompt.js";
import { createActivateSkillTool } from "../../src/skills/activate.js";
import { findBundledDir } from "../../src/skills/discover.js";
import type { Skill } from "../../src/skills/types.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { createSubAgentTool } from "../../src/tools/sub-agent.js";
import { type Tool, type ToolSchema, toolSchema } from "../../src/tools/tool.js";

export const STUB_PROMPT_INPUT = { cwd: "/w", platform: "linux x64", date: "2025-01-01", tree: "" };

export interface ToolSurface {
  prompt: string;
  tools: Tool[];
  schemas: ToolSchema[];
  /** JSON.stringify of each schema: the exact bytes a request's `tools` array holds. */
  wire: string[];
}

export function toolSurface(): ToolSurface {
  const prompt = buildSystemPrompt(STUB_PROMPT_INPUT);
  const skill: Skill = {
    name: "s",
    description: "d",
    metadata: {},
    allowedTools: [],
    disableModelInvocation: false,
    userInvocable: true,
    dir: "/s",
    file: "/s/SKILL.md",
    body: "",
    scope: "project",
  };
  const activate = createActivateSkillTool([skill]);
  if (!activate) throw new Error("activate_skill was not created");
  const bundled = discoverAgents([{ dir: findBundledDir("agents") ?? "", source: "bundled" }], () => false);
  const tools = [
    ...builtinTools(),
    createSubAgentTool(async () => ({ text: "", reason: "completed", turns: 0 }), {
      agents: bundled.agents,
      catalog: agentCatalog(bundled.agents),
    }),
    activate,
  ];
  const schemas = tools.map(toolSchema);
  return { prompt, tools, schemas, wire: schemas.map((s) => JSON.stringify(s)) };
}
