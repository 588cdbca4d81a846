// Tool calls through the real SDK: arguments split across chunks, parallel calls, index gaps, servers that reuse
// index 0, results appended in call order with matching ids, and what the next request carries back.
import { afterEach, describe, expect, it } from "vitest";
import { assertValidHistory, firstToolCalls, type Harness, SYSTEM, startHarness, wire } from "./harness.js";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** Consecutive read-only calls run concurrently, so tool_end events arrive in completion order. */
const byCallId = <T extends [string, ...unknown[]]>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a[0].localeCompare(b[0]));

describe("tool calls", () => {
  it("accumulates arguments split across chunks, runs the tool and sends the result back", async () => {
    h = await startHarness();
    h.fake.enqueue(
      {
        text: "Let me read it.",
        toolCalls: [{ id: "c1", name: "read_file", arguments: { file_path: "a.txt" } }],
        argChunks: 7,
      },
      { text: "It says alpha." },
    );
    const result = await h.run("read a.txt");

    expect(result).toMatchObject({ reason: "completed", text: "It says alpha.", turns: 2 });
    expect(h.types()).toEqual([
      "agent_start",
      "history_append",
      "turn_start",
      "usage",
      "message_end",
      "history_append",
      "tool_start",
      "tool_end",
      "audit",
      "history_append",
      "turn_end",
      "turn_start",
      "usage",
      "message_end",
      "history_append",
      "turn_end",
      "done",
    ]);
    expect(h.of("tool_start")[0]).toEqual({
      type: "tool_start",
      callId: "c1",
      name: "read_file",
      args: { file_path: "a.txt" },
      description: {
        title: "Read a.txt",
        kind: "read",
        subject: "a.txt",
        path: `${h.tmp.cwd}/a.txt`,
        locations: [{ path: `${h.tmp.cwd}/a.txt` }],
      },
    });
    const end = h.of("tool_end")[0];
    expect(end).toMatchObject({ callId: "c1", name: "read_file", status: "done", summary: "1 line" });
    expect(end?.content).toContain("alpha");

    expect(wire(h.body(1)).slice(2)).toEqual([
      {
        role: "assistant",
        content: "Let me read it.",
        tool_calls: [
          { id: "c1", type: "function", function: { name: "read_file", arguments: '{"file_path":"a.txt"}' } },
        ],
      },
      { role: "tool", tool_call_id: "c1", content: end?.content },
    ]);
    assertValidHistory(h.session.messages);
  });

  it("runs several parallel calls from one reply and appends results in call order", async () => {
    h = await startHarness();
    h.fake.enqueue(
      {
        toolCalls: [
          { id: "p1", name: "read_file", arguments: { file_path: "a.txt" } },
          { id: "p2", name: "list_directory", arguments: { directory_path: "src" } },
          { id: "p3", name: "read_file", arguments: { file_path: "src/b.ts" } },
        ],
      },
      { text: "ok" },
    );
    await h.run("look around");

    expect(h.of("tool_start").map((e) => e.callId)).toEqual(["p1", "p2", "p3"]);
    expect(byCallId(h.of("tool_end").map((e) => [e.callId, e.status]))).toEqual([
      ["p1", "done"],
      ["p2", "done"],
      ["p3", "done"],
    ]);
    const next = wire(h.body(1)).slice(2);
    expect(next.map((m) => m.role)).toEqual(["assistant", "tool", "tool", "tool"]);
    expect(
      (next[0]?.tool_calls as Array<{ id: string; function: { name: string; arguments: string } }>).map(
        (c) => [c.id, c.function.name, JSON.parse(c.function.arguments)],
      ),
    ).toEqual([
      ["p1", "read_file", { file_path: "a.txt" }],
      ["p2", "list_directory", { directory_path: "src" }],
      ["p3", "read_file", { file_path: "src/b.ts" }],
    ]);
    expect(next.slice(1).map((m) => m.tool_call_id)).toEqual(["p1", "p2", "p3"]);
    expect(next[1]?.content).toContain("alpha");
    expect(next[2]?.content).toContain("b.ts");
    expect(next[3]?.content).toContain("export const b = 1;");
    assertValidHistory(h.session.messages);
  });

  it("handles index gaps (0 and 2) without inventing a call", async () => {
    h = await startHarness();
    h.fake.enqueue(
      {
        toolCalls: [
          { id: "g0", name: "read_file", arguments: { file_path: "a.txt" }, index: 0 },
          { id: "g2", name: "list_directory", arguments: {}, index: 2 },
        ],
      },
      { text: "ok" },
    );
    await h.run("go");
    const calls = firstToolCalls(h.session.messages);
    expect(calls?.map((c) => [c.id, c.name])).toEqual([
      ["g0", "read_file"],
      ["g2", "list_directory"],
    ]);
    expect(byCallId(h.of("tool_end").map((e) => [e.callId, e.status]))).toEqual([
      ["g0", "done"],
      ["g2", "done"],
    ]);
    assertValidHistory(h.session.messages);
  });

  it("separates calls that reuse index 0 with distinct ids (each call sent whole)", async () => {
    h = await startHarness();
    h.fake.enqueue(
      {
        inlineArgs: true,
        toolCalls: [
          { id: "r1", name: "read_file", arguments: { file_path: "a.txt" }, index: 0 },
          { id: "r2", name: "list_directory", arguments: { directory_path: "src" }, index: 0 },
        ],
      },
      { text: "ok" },
    );
    await h.run("go");
    const next = wire(h.body(1)).slice(2);
    expect(
      (next[0]?.tool_calls as Array<{ id: string; function: { arguments: string } }>).map((c) => [
        c.id,
        JSON.parse(c.function.arguments),
      ]),
    ).toEqual([
      ["r1", { file_path: "a.txt" }],
      ["r2", { directory_path: "src" }],
    ]);
    expect(byCallId(h.of("tool_end").map((e) => [e.callId, e.status]))).toEqual([
      ["r1", "done"],
      ["r2", "done"],
    ]);
  });

  it("separates calls that reuse index 0 with distinct ids when arguments stream after each header", async () => {
    h = await startHarness();
    h.fake.enqueue(
      {
        argChunks: 3,
        toolCalls: [
          { id: "s1", name: "read_file", arguments: { file_path: "a.txt" }, index: 0 },
          { id: "s2", name: "list_directory", arguments: { directory_path: "src" }, index: 0 },
        ],
      },
      { text: "ok" },
    );
    await h.run("go");
    const calls = firstToolCalls(h.session.messages);
    // Argument fragments without an id belong to the call most recently opened at that index.
    expect(calls?.map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["s1", "read_file", '{"file_path":"a.txt"}'],
      ["s2", "list_directory", '{"directory_path":"src"}'],
    ]);
    expect(h.of("tool_end").map((e) => e.status)).toEqual(["done", "done"]);
  });

  it("continues across several tool rounds and counts turns", async () => {
    h = await startHarness();
    h.fake.enqueue(
      { toolCalls: [{ id: "t1", name: "list_directory", arguments: {} }] },
      { toolCalls: [{ id: "t2", name: "read_file", arguments: { file_path: "a.txt" } }] },
      { text: "finished" },
    );
    const result = await h.run("go");
    expect(result).toMatchObject({ reason: "completed", text: "finished", turns: 3 });
    expect(h.of("turn_start").map((e) => e.turn)).toEqual([1, 2, 3]);
    expect(h.of("turn_end").map((e) => e.turn)).toEqual([1, 2, 3]);
    expect(wire(h.body(2)).map((m) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
    ]);
  });

  it("keeps history across two prompts of the same session", async () => {
    h = await startHarness();
    h.fake.enqueue({ text: "first" }, { text: "second" });
    await h.run("one");
    await h.run("two");
    expect(wire(h.body(1))).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: "one" },
      { role: "assistant", content: "first" },
      { role: "user", content: "two" },
    ]);
  });
});
