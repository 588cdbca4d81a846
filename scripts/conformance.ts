// The provider conformance table in SPEC.md §2, generated from the catalog's compat data so it cannot drift:
// what protoagent sends each built-in provider (output-cap field, system role, stream usage, reasoning echo, tool
// result names, images) and where it reads reasoning. `npx tsx scripts/conformance.ts` rewrites the table between
// the markers; tests/unit/conformance.test.ts fails when SPEC.md differs from this output.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_PROVIDERS } from "../src/config/catalog.js";
import { DEFAULT_COMPAT } from "../src/config/resolve.js";
import type { FullCompat } from "../src/providers/types.js";

export const START = "<!-- conformance:start -->";
export const END = "<!-- conformance:end -->";
export const SPEC = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "SPEC.md");

const yes = (b: boolean) => (b ? "yes" : "no");

function row(name: string, c: FullCompat): string {
  const reasoning = c.reasoningField === "none" ? "not read" : `\`${c.reasoningField}\``;
  const echo = c.echoReasoning
    ? `yes, in \`${c.reasoningField === "none" ? "reasoning_content" : c.reasoningField}\``
    : "no";
  return `| ${name} | \`${c.maxTokensField}\` | \`${c.systemRole}\` | ${yes(c.streamUsage)} | ${reasoning} | ${echo} | ${yes(c.toolResultName)} | ${yes(c.supportsImages)} |`;
}

/** The table (Markdown), one row per built-in provider and one per model whose compat differs from it. */
export function conformanceTable(): string {
  const lines = [
    "| Provider / model | Output cap field | System role | `stream_options.include_usage` | Reasoning read from first | Reasoning sent back | Tool results carry `name` | Images |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const [id, p] of Object.entries(BUILTIN_PROVIDERS)) {
    const provider = { ...DEFAULT_COMPAT, ...p.compat };
    lines.push(row(`\`${id}\` (${p.baseURL})`, provider));
    for (const [modelId, m] of Object.entries(p.models)) {
      if (m.compat && Object.keys(m.compat).length)
        lines.push(row(`\`${id}/${modelId}\``, { ...provider, ...m.compat }));
    }
  }
  return lines.join("\n");
}

/** SPEC.md with the table between the markers replaced by `table`. */
export function withTable(spec: string, table: string): string {
  const a = spec.indexOf(START);
  const b = spec.indexOf(END);
  if (a < 0 || b < a) throw new Error(`SPEC.md has no ${START} … ${END} markers`);
  return `${spec.slice(0, a + START.length)}\n${table}\n${spec.slice(b)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SPEC, withTable(readFileSync(SPEC, "utf8"), conformanceTable()));
  process.stdout.write("SPEC.md: conformance table written.\n");
}
