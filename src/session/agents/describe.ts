// The words about agents: one line per agent for sub_agent's description (what the model picks from) and the
// /agents (and `protoagent agents`) listing with source, path, model, tools and every problem found. Text from
// definition files is untrusted: control and invisible characters are removed and lines are capped.

import { oneLine } from "../../utils/one-line.js";
import { cleanText } from "../../utils/terminal-text.js";
import type { AgentDiscovery, LoadedAgent } from "./types.js";

/** At most this many agents are listed in the tool description (the rest are still callable by name). */
const MAX_LISTED = 30;
const MAX_LINE = 200;

const line = (text: string, max = MAX_LINE) => oneLine(cleanText(text), max);

/** `name: description` lines for sub_agent's description, capped in count and length. */
export function agentCatalog(agents: ReadonlyArray<{ name: string; description: string }>): string[] {
  const lines = agents.slice(0, MAX_LISTED).map((a) => `- ${a.name}: ${line(a.description)}`);
  if (agents.length > MAX_LISTED) lines.push(`- … and ${agents.length - MAX_LISTED} more`);
  return lines;
}

function modelText(a: LoadedAgent): string {
  if (a.resolvedModel) return a.resolvedModel.ref;
  return a.modelNote ? `session's (${line(a.modelNote, 120)})` : "session's";
}

/** The /agents listing. */
export function describeAgents(found: { agents: readonly LoadedAgent[]; discovery: AgentDiscovery }): string {
  const out: string[] = [];
  if (found.agents.length === 0) out.push("No agents found.");
  for (const a of found.agents) {
    const tools = a.allow ? a.allow.join(", ") || "(none)" : "all of the session's";
    out.push(`  ${a.name} — ${line(a.description, 120)}`);
    out.push(`    ${a.source}: ${line(a.file, 300)}`);
    out.push(`    model: ${modelText(a)} · tools: ${line(tools, 300)} · max ${a.maxIterations} requests`);
    for (const n of a.notes) out.push(`    note: ${line(n)}`);
  }
  const d = found.discovery;
  for (const s of d.shadowed)
    out.push(`  shadowed: ${line(s.name, 64)} in ${line(s.file, 300)} (by ${line(s.by, 300)})`);
  for (const b of d.invalid)
    out.push(`  invalid: ${line(b.file, 300)} (${b.source}): ${line(b.reason, 300)}`);
  for (const f of d.untrusted)
    out.push(`  untrusted (ignored until you trust the project: /trust or --trust-project): ${line(f, 300)}`);
  return out.join("\n");
}
