// Parses and validates one agent definition: Markdown with YAML frontmatter holding `name`, `description`,
// optional `tools` (a YAML list or a comma/space-separated string, as Claude Code writes it), `model` and
// `max_iterations`; the body is the agent's instructions. Other keys (Claude Code's `color`, …) are ignored.
// Pure; the frontmatter reader and the name rule are the skills' own.

import { NAME_RE, parseAllowedTools, readFrontmatter } from "../../skills/parse.js";
import { MAX_TURNS_CAP } from "../../tools/sub-agent.js";
import type { AgentDefinition, AgentSource } from "./types.js";

export const AGENT_DEFAULT_ITERATIONS = 50;

export type ParsedAgent = { ok: true; agent: AgentDefinition } | { ok: false; reason: string };

const fail = (reason: string): ParsedAgent => ({ ok: false, reason });

export function parseAgent(text: string, where: { file: string; source: AgentSource }): ParsedAgent {
  const read = readFrontmatter(text);
  if (!read.ok) return fail(`the file ${read.reason}`);
  const { fm, body } = read;
  const name = typeof fm.name === "string" ? fm.name.trim() : "";
  if (!name) return fail('missing "name"');
  if (name.length > 64 || !NAME_RE.test(name)) {
    return fail(`name "${name.slice(0, 64)}" must be 1–64 lowercase letters, digits and single hyphens`);
  }
  const description = typeof fm.description === "string" ? fm.description.trim() : "";
  if (!description) return fail('missing "description"');
  const tools = fm.tools;
  if (tools !== undefined && tools !== null) {
    const listOk = Array.isArray(tools) && tools.every((t) => typeof t === "string");
    if (typeof tools !== "string" && !listOk) {
      return fail('"tools" must be a list of tool names or a comma-separated string');
    }
  }
  const model = fm.model;
  if (model !== undefined && model !== null && (typeof model !== "string" || !model.trim())) {
    return fail('"model" must be a string: inherit, provider/model, or sonnet/opus/haiku');
  }
  const iterations = fm.max_iterations ?? AGENT_DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || (iterations as number) < 1 || (iterations as number) > MAX_TURNS_CAP) {
    return fail(`"max_iterations" must be a whole number from 1 to ${MAX_TURNS_CAP}`);
  }
  return {
    ok: true,
    agent: {
      name,
      description,
      tools: tools === undefined || tools === null ? undefined : parseAllowedTools(tools),
      model: typeof model === "string" ? model.trim() : undefined,
      maxIterations: iterations as number,
      instructions: body.trim(),
      source: where.source,
      file: where.file,
    },
  };
}
