// Measures what every request carries before any conversation: the built-in system prompt and the JSON schemas
// of the tools a session offers (the nine built-ins, sub_agent and activate_skill with one skill), in characters
// of the exact bytes sent (JSON.stringify of each function-tool schema). The same surface is size-tested in
// tests/unit/tool-surface.test.ts. Run: npx tsx bench/tool-surface.bench.mjs
import { toolSurface } from "../tests/helpers/tool-surface.ts";

const { prompt, schemas, wire } = toolSurface();
const rows = schemas.map((s, i) => ({
  tool: s.function.name,
  description: s.function.description.length,
  schema: wire[i].length,
}));
const total = wire.reduce((n, w) => n + w.length, 0);
console.table(rows);
console.log(`system prompt: ${prompt.length} chars`);
console.log(`schemas (${rows.length} tools): ${total} chars`);
console.log(`total: ${prompt.length + total} chars`);
