// SPEC.md's provider conformance table is generated from the catalog (scripts/conformance.ts); this fails when
// someone changes a compat flag without regenerating it (`npx tsx scripts/conformance.ts`).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { conformanceTable, SPEC, withTable } from "../../scripts/conformance.js";

describe("provider conformance table", () => {
  it("SPEC.md holds exactly the table generated from the catalog", () => {
    const spec = readFileSync(SPEC, "utf8");
    expect(spec).toBe(withTable(spec, conformanceTable()));
  });

  it("covers every built-in provider and the per-model rules", () => {
    const table = conformanceTable();
    for (const id of [
      "openai",
      "anthropic",
      "google",
      "openrouter",
      "groq",
      "deepseek",
      "xai",
      "mistral",
      "cerebras",
      "ollama",
      "lmstudio",
    ])
      expect(table).toContain(`| \`${id}\` (`);
    expect(table).toMatch(/\| `deepseek\/deepseek-reasoner` \|.*\| yes, in `reasoning_content` \|/);
    expect(table).toMatch(
      /\| `mistral` \(https:\/\/api\.mistral\.ai\/v1\) \| `max_tokens` \| `system` \| no \|/,
    );
  });
});
