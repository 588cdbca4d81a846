// Measures what every request carries before any conversation: the built-in system prompt and the JSON schemas
// of the tools a session offers (the nine built-ins, sub_agent and activate_skill with one skill), in characters
// of the exact bytes sent (JSON.stringify of each function-tool schema). Run: npx tsx bench/tool-surface.bench.mjs
import { buildSystemPrompt } from "../src/session/system-prompt.ts";
import { createActivateSkillTool } from "../src/skills/activate.ts";
import { builtinTools } from "../src/tools/builtin.ts";
import { createSubAgentTool } from "../src/tools/sub-agent.ts";
import { toolSchema } from "../src/tools/tool.ts";

// Stubbed inputs: the fixed part of the prompt is what we measure, not the user's tree or instructions.
const prompt = buildSystemPrompt({ cwd: "/w", platform: "linux x64", date: "2025-01-01", tree: "" });
const skill = { name: "s", description: "d", dir: "/s", disableModelInvocation: false };
const tools = [
  ...builtinTools(),
  createSubAgentTool(async () => ({ text: "", reason: "completed", turns: 0 })),
  createActivateSkillTool([skill]),
];
const rows = tools.map((t) => {
  const s = toolSchema(t);
  return { tool: t.name, description: s.function.description.length, schema: JSON.stringify(s).length };
});
const schemas = rows.reduce((n, r) => n + r.schema, 0);
console.table(rows);
console.log(`system prompt: ${prompt.length} chars`);
console.log(`schemas (${rows.length} tools): ${schemas} chars`);
console.log(`total: ${prompt.length + schemas} chars`);
