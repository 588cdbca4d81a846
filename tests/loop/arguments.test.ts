// Bad tool calls from the model end-to-end: malformed JSON, empty argument strings, unknown tool names and schema
// violations each become an error tool result telling the model what to fix, and the loop carries on.

import { afterEach, describe, expect, it } from "vitest";
import { builtinTools } from "../../src/tools/builtin.js";
import { assertValidHistory, type Harness, startHarness, wire } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** The tool message the second request carried back for call `id`. */
function sentResult(id: string): Record<string, unknown> | undefined {
  return wire(h.body(1)).find((m) => m.role === "tool" && m.tool_call_id === id);
}

/** Consecutive read-only calls run concurrently, so tool_end events arrive in completion order. */
const byCallId = <T extends [string, ...unknown[]]>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a[0].localeCompare(b[0]));

describe("bad tool calls", () => {
  it("turns malformed JSON arguments into an error result and continues the loop", async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ id: "m1", name: "read_file", arguments: '{"file_path": "a.txt"' }] },
      { text: "sorry" },
    );
    const result = await h.run("go");
    expect(result).toMatchObject({ reason: "completed", text: "sorry", turns: 2 });

    const end = h.of("tool_end")[0];
    expect(end).toMatchObject({ callId: "m1", status: "error" });
    expect(end?.content).toMatch(/^Invalid JSON in the arguments for read_file/);
    expect(end?.content).toContain('You sent: {"file_path": "a.txt"');
    expect(end?.content).toContain("valid JSON object");
    // The raw text is what tool_start reports when it could not be parsed.
    expect(h.of("tool_start")[0]?.args).toBe('{"file_path": "a.txt"');

    expect(sentResult("m1")).toEqual({ role: "tool", tool_call_id: "m1", content: end?.content });
    const tool = h.session.messages.find((m) => m.role === "tool");
    expect(tool).toMatchObject({ toolCallId: "m1", isError: true });
    assertValidHistory(h.session.messages);
  });

  it("rejects arguments that are JSON but not an object", async () => {
    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ id: "a1", name: "read_file", arguments: '["a.txt"]' }] }, { text: "ok" });
    await h.run("go");
    expect(h.of("tool_end")[0]?.content).toBe("Arguments for read_file must be a JSON object, got an array.");
  });

  it("treats an empty argument string as {} (list_directory with no arguments)", async () => {
    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ id: "e1", name: "list_directory", arguments: "" }] }, { text: "ok" });
    await h.run("go");
    expect(h.of("tool_start")[0]?.args).toEqual({});
    const end = h.of("tool_end")[0];
    expect(end).toMatchObject({ status: "done", summary: "2 entries" });
    expect(end?.content).toContain("src/");
    expect(end?.content).toContain("a.txt");
    // The assistant call goes back to the provider with "{}" (several providers reject an empty string).
    const call = (wire(h.body(1))[2]?.tool_calls as Array<{ function: { arguments: string } }>)[0];
    expect(call?.function.arguments).toBe("{}");
  });

  it("answers an unknown tool name with the list of available tools", async () => {
    h = await startHarness();
    h.fake.enqueue({ toolCalls: [{ id: "u1", name: "delete_everything", arguments: {} }] }, { text: "ok" });
    const result = await h.run("go");
    expect(result.reason).toBe("completed");
    const end = h.of("tool_end")[0];
    expect(end).toMatchObject({ callId: "u1", name: "delete_everything", status: "error" });
    expect(end?.content).toBe(
      `Unknown tool "delete_everything". Available tools: ${builtinTools()
        .map((t) => t.name)
        .join(", ")}.`,
    );
    expect(sentResult("u1")?.content).toBe(end?.content);
  });

  it("reports zod validation errors with the failing path", async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ id: "z1", name: "read_file", arguments: { file_path: 42, offset: 0 } }] },
      { text: "ok" },
    );
    await h.run("go");
    const content = h.of("tool_end")[0]?.content ?? "";
    expect(content).toMatch(/^Invalid arguments for read_file:\n/);
    expect(content).toMatch(/- file_path: .*string/i);
    expect(content).toMatch(/Fix these and call the tool again\.$/);
    expect(sentResult("z1")?.content).toBe(content);
  });

  it("turns a tool's thrown error into an error result with its recovery hint", async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ id: "n1", name: "read_file", arguments: { file_path: "missing.txt" } }] },
      { text: "ok" },
    );
    await h.run("go");
    expect(h.of("tool_end")[0]).toMatchObject({
      status: "error",
      content: expect.stringMatching(/^Error: File not found: missing\.txt\./),
    });
  });

  it("mixes good and bad calls in one reply, each answered in order", async () => {
    h = await startHarness();
    h.fake.enqueue(
      {
        toolCalls: [
          { id: "x1", name: "read_file", arguments: "{bad" },
          { id: "x2", name: "list_directory", arguments: "" },
          { id: "x3", name: "nope", arguments: "{}" },
        ],
      },
      { text: "ok" },
    );
    await h.run("go");
    expect(byCallId(h.of("tool_end").map((e) => [e.callId, e.status]))).toEqual([
      ["x1", "error"],
      ["x2", "done"],
      ["x3", "error"],
    ]);
    expect(
      wire(h.body(1))
        .filter((m) => m.role === "tool")
        .map((m) => m.tool_call_id),
    ).toEqual(["x1", "x2", "x3"]);
    assertValidHistory(h.session.messages);
  });
});
