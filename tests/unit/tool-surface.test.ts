// The exact bytes every request starts with: the built-in system prompt (stubbed cwd, date, platform and tree)
// and each tool schema as JSON.stringify sends it, snapshotted as plain files so review sees the real text; the
// ≤ 10,000-character budget for both together; and the schema tidying that keeps zod's noise off the wire.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildSystemPrompt } from "../../src/session/system-prompt.js";
import { tidySchema } from "../../src/tools/json-schema.js";
import { defineTool, toolSchema } from "../../src/tools/tool.js";
import { STUB_PROMPT_INPUT, toolSurface } from "../helpers/tool-surface.js";

/** Issue 16's budget for the built-in prompt plus every tool schema. */
const BUDGET = 10_000;

// What OpenAI, Anthropic and Gemini's OpenAPI subset all accept in a function's parameters.
const PORTABLE_KEYS = new Set([
  "type",
  "properties",
  "required",
  "description",
  "enum",
  "items",
  "minimum",
  "maximum",
  "minLength",
  "default",
]);

function keysOf(schema: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) for (const v of schema) keysOf(v, out);
  else if (schema && typeof schema === "object") {
    for (const [k, v] of Object.entries(schema)) {
      out.add(k);
      // Property names are data, not schema keywords.
      if (k === "properties") for (const p of Object.values(v as object)) keysOf(p, out);
      else keysOf(v, out);
    }
  }
  return out;
}

describe("tool surface", () => {
  const surface = toolSurface();

  it("sends the system prompt byte for byte as snapshotted", async () => {
    await expect(surface.prompt).toMatchFileSnapshot("__snapshots__/tool-surface.system-prompt.txt");
  });

  it("sends each tool schema byte for byte as snapshotted (one JSON line per tool)", async () => {
    await expect(`${surface.wire.join("\n")}\n`).toMatchFileSnapshot(
      "__snapshots__/tool-surface.tools.jsonl",
    );
  });

  it(`keeps the prompt plus all schemas within ${BUDGET} characters`, () => {
    const total = surface.prompt.length + surface.wire.reduce((n, w) => n + w.length, 0);
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it("appends project instructions, skills and extra text after the fixed prompt", () => {
    const full = buildSystemPrompt({ ...STUB_PROMPT_INPUT, agentsMd: "A", skillsCatalog: "S", extra: "E" });
    expect(full.startsWith(surface.prompt)).toBe(true);
    expect(full.slice(surface.prompt.length)).toBe("\n\n# Project instructions (AGENTS.md)\nA\n\nS\n\nE");
  });

  it("uses only keywords every provider accepts, and none of zod's noise", () => {
    const parameters = surface.schemas.map((s) => s.function.parameters);
    expect([...keysOf(parameters)].filter((k) => !PORTABLE_KEYS.has(k))).toEqual([]);
    const wire = surface.wire.join("");
    expect(wire).not.toContain(String(Number.MAX_SAFE_INTEGER));
    expect(wire).not.toContain("$schema");
    for (const p of parameters) expect(p.type).toBe("object");
  });
});

describe("tidySchema", () => {
  it("drops the safe-integer bounds and $schema but keeps real bounds", () => {
    const raw = z.toJSONSchema(
      z.object({ a: z.number().int(), b: z.number().int().min(2).max(9), c: z.number().int().positive() }),
    ) as Record<string, unknown>;
    expect(tidySchema(raw)).toEqual({
      type: "object",
      properties: {
        a: { type: "integer" },
        b: { type: "integer", minimum: 2, maximum: 9 },
        c: { type: "integer", minimum: 1 },
      },
      required: ["a", "b", "c"],
      additionalProperties: false,
    });
  });

  it("keeps properties whose names look like keywords, and leaves its input alone", () => {
    const raw = {
      type: "object",
      properties: { $schema: { type: "string" }, maximum: { type: "number", maximum: 5 } },
    };
    const copy = structuredClone(raw);
    expect(tidySchema(raw)).toEqual(raw);
    expect(raw).toEqual(copy);
  });

  it("keeps additionalProperties: false where zod emits it (strict objects), and MCP schemas as sent", () => {
    const strict = defineTool({
      name: "t",
      description: "d",
      parameters: z.strictObject({ x: z.string() }),
      readOnly: true,
      execute: async () => ({ content: "" }),
    });
    expect(toolSchema(strict).function.parameters.additionalProperties).toBe(false);
    const mcp = {
      ...strict,
      inputSchema: { type: "object", properties: {}, maximum: Number.MAX_SAFE_INTEGER },
    };
    expect(toolSchema(mcp).function.parameters).toBe(mcp.inputSchema);
  });
});
