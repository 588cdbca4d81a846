// Viewer blocks from a session's history: reasoning included, tool calls completed from the live records (even
// when a server reuses call ids), diffs recovered from an edit's own text after a resume, rows within the width.
import { describe, expect, it } from "vitest";
import type { Message } from "../../src/agent/messages.js";
import { createPainter, stripAnsi, visibleWidth } from "../../src/tui/render/ansi.js";
import type { ToolView } from "../../src/tui/state/app-types.js";
import {
  blockRows,
  buildBlocks,
  canToggle,
  startsOpen,
  type ToolArchive,
} from "../../src/tui/viewer/blocks.js";

const diff = "--- a/a.ts\n+++ b/a.ts\n@@ -1,2 +1,2 @@\n-let a = 1;\n+let a = 2;\n done();";
const call = (id: string, name = "bash", args = '{"command":"ls"}') => ({ id, name, arguments: args });
const ctx = { width: 50, painter: createPainter(false) };

describe("viewer blocks", () => {
  it("replays prompts, reasoning, answers and tool calls in order", () => {
    const messages: Message[] = [
      { role: "user", content: "hi" },
      { role: "assistant", content: "Hello.", reasoning: "Greet back." },
    ];
    expect(buildBlocks(messages, undefined, new Map()).map((b) => b.kind)).toEqual([
      "user",
      "reasoning",
      "markdown",
    ]);
  });

  it("completes calls from the live records, aligned with the last uses of a repeated id", () => {
    const messages: Message[] = [
      { role: "assistant", content: "", toolCalls: [call("call_0")] },
      { role: "tool", toolCallId: "call_0", name: "bash", content: "old run" },
      { role: "assistant", content: "", toolCalls: [call("call_0")] },
      { role: "tool", toolCallId: "call_0", name: "bash", content: "new run" },
    ];
    const live: Partial<ToolView> = { status: "done", summary: "exit 0", content: "new run (live)" };
    const archive: ToolArchive = new Map([["call_0", [live]]]);
    const tools = buildBlocks(messages, undefined, archive).flatMap((b) =>
      b.kind === "tool" ? [b.tool] : [],
    );
    expect(tools.map((t) => t.content)).toEqual(["old run", "new run (live)"]);
    expect(tools[1]?.summary).toBe("exit 0");
  });

  it("recovers an edit's diff from the text the model saw when no live record exists", () => {
    const messages: Message[] = [
      { role: "assistant", content: "", toolCalls: [call("e1", "edit_file", '{"file_path":"a.ts"}')] },
      { role: "tool", toolCallId: "e1", name: "edit_file", content: `Edited a.ts: 1 replacement.\n${diff}` },
    ];
    const [block] = buildBlocks(messages, undefined, new Map());
    expect(block?.kind === "tool" && block.tool.details?.kind).toBe("diff");
    if (!block) throw new Error("no block");
    expect(blockRows(block, false, ctx).map(stripAnsi)[1]).toBe("  +1 −1 in 1 hunk · Enter opens");
    expect(blockRows(block, true, ctx).map(stripAnsi)).toContain("  1   │ -let a = 1;");
    expect(canToggle(block, ctx)).toBe(true);
  });

  it("folds long prompts and answers when closed and keeps every row within the width", () => {
    const long = Array.from({ length: 30 }, (_, i) => `paragraph ${i} ${"word ".repeat(20)}`).join("\n\n");
    const [user, answer] = buildBlocks(
      [
        { role: "user", content: long },
        { role: "assistant", content: long },
      ],
      undefined,
      new Map(),
    );
    for (const b of [user, answer]) {
      if (!b) throw new Error("no block");
      const open = blockRows(b, true, ctx);
      const closed = blockRows(b, false, ctx).map(stripAnsi);
      expect(closed).toHaveLength(2);
      expect(closed[1]).toMatch(/… \d+ more lines · Enter opens/);
      for (const r of open) expect(visibleWidth(r)).toBeLessThanOrEqual(50);
    }
  });

  it("shows a compaction summary whole (closed at first), where the scrollback shows its first line", () => {
    const summary = "<summary>\nWe fixed the parser.\nNext: tests.";
    const [block] = buildBlocks([{ role: "user", content: summary }], undefined, new Map());
    if (!block) throw new Error("no block");
    expect(startsOpen(block)).toBe(false);
    expect(blockRows(block, true, ctx).map(stripAnsi)).toEqual([
      "<summary>",
      "We fixed the parser.",
      "Next: tests.",
    ]);
  });
});
