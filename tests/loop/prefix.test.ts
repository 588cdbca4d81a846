// The cacheable prefix: every request of a session starts with the same system message and carries the same
// tools array, byte for byte, whatever the turns in between did (tool calls that change session state, a
// denied call, a second prompt). Checked on the raw request bodies the fake provider recorded.
import { afterEach, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../helpers/fake-provider.js";
import { toolSurface } from "../helpers/tool-surface.js";
import { type Harness, startHarness } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The bytes of the system message and of the tools array, found in the raw body as sent. */
function prefixOf(r: RecordedRequest): { system: string; tools: string } {
  const system = JSON.stringify(r.body.messages[0]);
  const tools = JSON.stringify(r.body.tools);
  expect(r.raw).toContain(`"messages":[${system}`);
  expect(r.raw).toContain(`"tools":${tools}`);
  return { system, tools };
}

describe("request prefix", () => {
  it("is byte-identical across the turns and prompts of a session, and is what the surface test measures", async () => {
    const surface = toolSurface();
    const extra = surface.tools.filter((t) => t.name === "sub_agent" || t.name === "activate_skill");
    h = await startHarness({ systemPrompt: surface.prompt, tools: extra });
    const todos = [{ id: "1", content: "Look around", status: "in_progress", priority: "high" }];
    h.fake.enqueue(
      {
        toolCalls: [
          { name: "todo_write", arguments: { todos } },
          { name: "read_file", arguments: { file_path: "a.txt" } },
        ],
      },
      { toolCalls: [{ name: "bash", arguments: { command: "ls" } }] },
      // Headless: the write asks, so it is denied; the denial must not change what later requests carry.
      { toolCalls: [{ name: "write_file", arguments: { file_path: "n.txt", content: "x" } }] },
      { text: "done" },
      { toolCalls: [{ name: "search_files", arguments: { search_term: "alpha" } }] },
      { text: "again" },
    );
    expect((await h.run("first")).reason).toBe("completed");
    expect((await h.run("second")).reason).toBe("completed");

    expect(h.fake.requests).toHaveLength(6);
    expect(h.of("tool_end").map((e) => e.status)).toEqual(["done", "done", "done", "denied", "done"]);
    const prefixes = h.fake.requests.map(prefixOf);
    for (const p of prefixes) expect(p).toEqual(prefixes[0]);
    expect(prefixes[0]).toEqual({
      system: JSON.stringify({ role: "system", content: surface.prompt }),
      tools: `[${surface.wire.join(",")}]`,
    });
  });
});
