// ToolCallAccumulator on hand-written delta sequences, including the shapes real servers send: split arguments,
// parallel calls, index gaps, missing indices, reused index 0 with distinct ids, repeated or split names.
import { describe, expect, it } from "vitest";
import { ToolCallAccumulator } from "../../src/providers/accumulator.js";

type Delta = Parameters<ToolCallAccumulator["add"]>[0];

function feed(chunks: Delta[][]): ToolCallAccumulator {
  const acc = new ToolCallAccumulator();
  for (const chunk of chunks) for (const [i, d] of chunk.entries()) acc.add(d, i);
  return acc;
}

const fn = (name?: string, args?: string) => ({
  ...(name !== undefined ? { name } : {}),
  ...(args !== undefined ? { arguments: args } : {}),
});

describe("ToolCallAccumulator", () => {
  it("joins arguments split across chunks", () => {
    const acc = feed([
      [{ index: 0, id: "a", type: "function", function: fn("read_file", "") }],
      [{ index: 0, function: fn(undefined, '{"file_') }],
      [{ index: 0, function: fn(undefined, 'path":"x"') }],
      [{ index: 0, function: fn(undefined, "}") }],
    ]);
    expect(acc.calls()).toEqual([{ id: "a", name: "read_file", arguments: '{"file_path":"x"}' }]);
  });

  it("keeps parallel calls apart and orders them by index, with gaps", () => {
    const acc = feed([
      [{ index: 2, id: "c", function: fn("list_directory", "{}") }],
      [{ index: 0, id: "a", function: fn("read_file", '{"file_path":') }],
      [{ index: 0, function: fn(undefined, '"a"}') }],
    ]);
    expect(acc.calls().map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["a", "read_file", '{"file_path":"a"}'],
      ["c", "list_directory", "{}"],
    ]);
  });

  it("uses the position in the chunk when a server omits the index", () => {
    const acc = feed([
      [
        { id: "a", function: fn("read_file", "{}") } as Delta,
        { id: "b", function: fn("list_directory", "{}") } as Delta,
      ],
    ]);
    expect(acc.calls().map((c) => c.id)).toEqual(["a", "b"]);
  });

  it("separates whole calls that reuse index 0 with distinct ids", () => {
    const acc = feed([
      [{ index: 0, id: "a", function: fn("read_file", '{"file_path":"a"}') }],
      [{ index: 0, id: "b", function: fn("read_file", '{"file_path":"b"}') }],
      [{ index: 0, id: "c", function: fn("list_directory", "{}") }],
    ]);
    expect(acc.calls().map((c) => [c.id, c.arguments])).toEqual([
      ["a", '{"file_path":"a"}'],
      ["b", '{"file_path":"b"}'],
      ["c", "{}"],
    ]);
  });

  it("sends id-less argument fragments to the call most recently opened at a reused index", () => {
    const acc = feed([
      [{ index: 0, id: "a", function: fn("read_file", "") }],
      [{ index: 0, function: fn(undefined, '{"file_path":"a"}') }],
      [{ index: 0, id: "b", function: fn("list_directory", "") }],
      [{ index: 0, function: fn(undefined, '{"directory_path":"src"}') }],
    ]);
    expect(acc.calls().map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["a", "read_file", '{"file_path":"a"}'],
      ["b", "list_directory", '{"directory_path":"src"}'],
    ]);
  });

  it("handles servers that repeat the id on every fragment while reusing index 0", () => {
    const acc = feed([
      [{ index: 0, id: "a", function: fn("read_file", '{"file_path":') }],
      [{ index: 0, id: "a", function: fn(undefined, '"a"}') }],
      [{ index: 0, id: "b", function: fn("list_directory", "{") }],
      [{ index: 0, id: "b", function: fn(undefined, "}") }],
    ]);
    expect(acc.calls().map((c) => [c.id, c.name, c.arguments])).toEqual([
      ["a", "read_file", '{"file_path":"a"}'],
      ["b", "list_directory", "{}"],
    ]);
  });

  it("does not double a name some servers repeat in every chunk", () => {
    const acc = feed([
      [{ index: 0, id: "a", function: fn("read_file", '{"file_path"') }],
      [{ index: 0, function: fn("read_file", ':"a"}') }],
    ]);
    expect(acc.calls()[0]).toMatchObject({ name: "read_file", arguments: '{"file_path":"a"}' });
  });

  it("joins a name streamed in pieces", () => {
    const acc = feed([
      [{ index: 0, id: "a", function: fn("read_", "") }],
      [{ index: 0, function: fn("file", "{}") }],
    ]);
    expect(acc.calls()[0]?.name).toBe("read_file");
  });

  it("invents distinct ids for calls that have none", () => {
    const acc = feed([
      [{ index: 0, function: fn("read_file", "{}") }],
      [{ index: 1, function: fn("list_directory", "") }],
    ]);
    const ids = acc.calls().map((c) => c.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^call_/);
  });

  it("drops fragments that never got a name", () => {
    const acc = feed([[{ index: 3, function: fn(undefined, '{"x":1}') }]]);
    expect(acc.calls()).toEqual([]);
  });

  it("keeps extra_content (Gemini thought signatures), merging fragments", () => {
    const acc = new ToolCallAccumulator();
    acc.add(
      {
        index: 0,
        id: "g",
        function: fn("read_file", "{}"),
        extra_content: { google: { thought_signature: "s1" } },
      },
      0,
    );
    acc.add({ index: 0, extra_content: { other: 1 } }, 0);
    expect(acc.calls()[0]?.extraContent).toEqual({ google: { thought_signature: "s1" }, other: 1 });
  });
});
