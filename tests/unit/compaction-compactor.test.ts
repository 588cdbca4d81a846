import { beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../src/agent/messages.js";
import { Compactor, type CompactRequest } from "../../src/compaction/compactor.js";
import { historyProblems, SUMMARY_TAG } from "../../src/compaction/history.js";
import { pruneToolOutputs } from "../../src/compaction/prune.js";
import { CompactionError, SUMMARY_SYSTEM_PROMPT, summaryMessage } from "../../src/compaction/summarize.js";
import type { StreamEvent, StreamFn, StreamRequest } from "../../src/providers/types.js";
import type { Todo } from "../../src/tools/todo.js";
import { loadTokenCounter, type TokenCounter } from "../../src/usage/tokens.js";

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadTokenCounter();
}, 60_000);

/** A stream function that answers every request with `reply` (or an error) and records what it was sent. */
function recordingStream(reply: string | { error: string }) {
  const requests: StreamRequest[] = [];
  const stream: StreamFn = (req) => {
    requests.push(req);
    return (async function* (): AsyncGenerator<StreamEvent> {
      if (typeof reply === "string") {
        yield { type: "text_delta", delta: reply };
        yield {
          type: "done",
          message: { role: "assistant", content: reply },
          stopReason: "stop",
          usage: { inputTokens: 900, outputTokens: 80, cachedTokens: 0 },
        };
      } else {
        yield {
          type: "done",
          message: { role: "assistant", content: "" },
          stopReason: "error",
          error: { kind: "fatal", message: reply.error },
        };
      }
    })();
  };
  return { stream, requests };
}

const big = (label: string) => `${label}\n${"some file content line\n".repeat(400)}`;
const todos: Todo[] = [{ id: "t1", content: "Fix the parser", status: "in_progress", priority: "high" }];
const sys: Message = { role: "system", content: "SYSTEM PROMPT with AGENTS.md rules" };
const u1: Message = { role: "user", content: "Fix the parser. Never edit package.json." };
const aSkill: Message = {
  role: "assistant",
  content: "Loading the skill.",
  toolCalls: [
    { id: "s1", name: "activate_skill", arguments: '{"name":"parsers"}' },
    { id: "r0", name: "read_file", arguments: '{"path":"notes.md"}' },
  ],
};
const tSkill: Message = {
  role: "tool",
  toolCallId: "s1",
  name: "activate_skill",
  content: big("<skill_content name=parsers>"),
};
const tNotes: Message = { role: "tool", toolCallId: "r0", name: "read_file", content: "notes" };
const aRead: Message = {
  role: "assistant",
  content: "",
  toolCalls: [{ id: "r1", name: "read_file", arguments: '{"path":"src/parser.ts"}' }],
};
const tRead: Message = { role: "tool", toolCallId: "r1", name: "read_file", content: big("parser.ts") };
const aDone: Message = { role: "assistant", content: "Found the bug in parse()." };
const u2: Message = { role: "user", content: "Now add a test for it." };
const aWrite: Message = {
  role: "assistant",
  content: "",
  toolCalls: [
    { id: "w1", name: "write_file", arguments: JSON.stringify({ path: "t.test.ts", content: "x" }) },
    { id: "w2", name: "read_file", arguments: '{"path":"b.ts"}' },
  ],
};
const tW1: Message = { role: "tool", toolCallId: "w1", name: "write_file", content: "Wrote t.test.ts" };
const tW2: Message = { role: "tool", toolCallId: "w2", name: "read_file", content: "export const b = 2;" };
const history: Message[] = [sys, u1, aSkill, tSkill, tNotes, aRead, tRead, aDone, u2, aWrite, tW1, tW2];

const req = (o: Partial<CompactRequest> = {}): CompactRequest => ({
  reason: "manual",
  todos,
  signal: new AbortController().signal,
  ...o,
});

describe("compactor", () => {
  it("keeps the system prompt, latest request, skill payload with its call, recent units and todos", async () => {
    const { stream, requests } = recordingStream("## Goal\nFix the parser");
    const compactor = new Compactor({ stream, counter, contextWindow: 100_000, keepRecentTokens: 200 });
    const result = await compactor.compact(history, req({ focus: "the parser bug" }));

    expect(result).toBeDefined();
    // The exact list: the summary right after the system prompt, then pinned messages in order, then the tail.
    expect(result!.messages).toEqual([
      sys,
      summaryMessage("## Goal\nFix the parser", todos, 4),
      { role: "assistant", content: "", toolCalls: [aSkill.toolCalls![0]] },
      tSkill,
      aDone,
      u2,
      aWrite,
      tW1,
      tW2,
    ]);
    expect(result).toMatchObject({
      removed: 4,
      kept: 9,
      reason: "manual",
      summary: "## Goal\nFix the parser",
    });
    expect(result!.usage).toEqual({ inputTokens: 900, outputTokens: 80, cachedTokens: 0 });
    expect(historyProblems(result!.messages)).toEqual([]);
    const summary = result!.messages[1]!.content as string;
    expect(summary.startsWith(SUMMARY_TAG)).toBe(true);
    expect(summary).toContain("- [in_progress] Fix the parser (priority high, id t1)");

    // The summary request: its own system prompt, the transcript as one user message, no tools, no output cap.
    expect(requests).toHaveLength(1);
    const sent = requests[0]!;
    expect(sent.tools).toEqual([]);
    expect(sent.maxTokens).toBeUndefined();
    expect(sent.messages[0]).toEqual({ role: "system", content: SUMMARY_SYSTEM_PROMPT });
    const body = sent.messages[1]!.content as string;
    expect(body).toContain("focus on: the parser bug");
    expect(body).toContain("[user]\nFix the parser. Never edit package.json.");
    expect(body).toContain('[assistant calls read_file] {"path":"src/parser.ts"}');
    expect(body).not.toContain("Now add a test"); // The tail is not summarised.
  });

  it("never orphans a tool result or a tool call, whatever the recent-token budget", async () => {
    const { stream } = recordingStream("summary");
    for (let budget = 0; budget <= 6000; budget += 150) {
      const compactor = new Compactor({ stream, counter, contextWindow: 100_000, keepRecentTokens: budget });
      const result = await compactor.compact(history, req());
      if (!result) continue;
      expect(historyProblems(result.messages), `budget ${budget}`).toEqual([]);
      expect(result.messages[0]).toBe(sys);
      expect(result.messages).toContain(u2);
      expect(result.messages).toContain(tSkill);
    }
  });

  it("merges an earlier summary instead of stacking summaries", async () => {
    const { stream, requests } = recordingStream("merged");
    const compactor = new Compactor({ stream, counter, contextWindow: 100_000, keepRecentTokens: 100 });
    const first = await compactor.compact(history, req());
    const second = await compactor.compact(
      [...first!.messages, { role: "assistant", content: "Test added." }],
      req(),
    );
    expect(
      second!.messages.filter((m) => m.role === "user" && String(m.content).startsWith(SUMMARY_TAG)),
    ).toHaveLength(1);
    expect(requests[1]!.messages[1]!.content).toContain("[earlier summary]");
  });

  it("prunes old bulky outputs first and skips the summary when that is enough", async () => {
    const { stream, requests } = recordingStream("unused");
    const compactor = new Compactor({ stream, counter, contextWindow: 10_000, keepRecentTokens: 300 });
    const tokens = counter.messages(history);
    const result = await compactor.compact(
      history,
      req({ reason: "threshold", estimate: { tokens, target: tokens - 500 } }),
    );
    expect(requests).toHaveLength(0);
    expect(result!.summary).toBe("");
    expect(result!.messages).toHaveLength(history.length);
    expect(result!.messages[6]).toEqual({
      ...tRead,
      content: `[pruned to save context: the read_file output (402 lines, ${(tRead.content as string).length} chars) was removed; run the tool again if you need it]`,
    });
    expect(result!.messages[3]).toBe(tSkill); // Skill payloads are never pruned.
    expect(result!.messages.slice(8)).toEqual(history.slice(8)); // Recent turns untouched.
  });

  it("prunes bulky tool-call arguments but keeps them valid JSON", () => {
    const a: Message = {
      role: "assistant",
      content: "",
      toolCalls: [
        {
          id: "1",
          name: "write_file",
          arguments: JSON.stringify({ path: "a.ts", content: "x\n".repeat(2000) }),
        },
      ],
    };
    const out = pruneToolOutputs(
      [sys, a, { role: "tool", toolCallId: "1", name: "write_file", content: "ok" }],
      { protectFrom: 3 },
    );
    const args = JSON.parse((out.messages[1] as typeof a).toolCalls![0]!.arguments);
    expect(args).toEqual({ path: "a.ts", content: "[2001 lines, 4000 chars removed to save context]" });
  });

  it("under overflow pressure keeps only the newest unit verbatim, plus the latest request", async () => {
    const { stream } = recordingStream("s");
    const turn: Message[] = [sys, { role: "user", content: "Refactor everything." }];
    for (let i = 0; i < 4; i++) {
      turn.push(
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: `c${i}`, name: "read_file", arguments: `{"path":"f${i}"}` }],
        },
        { role: "tool", toolCallId: `c${i}`, name: "read_file", content: big(`f${i}`) },
      );
    }
    const compactor = new Compactor({ stream, counter, contextWindow: 100_000, keepRecentTokens: 40_000 });
    const result = await compactor.compact(turn, req({ reason: "overflow" }));
    expect(result!.messages).toEqual([sys, summaryMessage("s", todos, 6), turn[1], turn[8], turn[9]]);
  });

  it("fails clearly when the summariser fails, and never on an empty history", async () => {
    const { stream } = recordingStream({ error: "HTTP 500" });
    const compactor = new Compactor({ stream, counter, contextWindow: 100_000, keepRecentTokens: 100 });
    await expect(compactor.compact(history, req())).rejects.toThrow(CompactionError);
    await expect(compactor.compact(history, req())).rejects.toThrow("Compaction failed: HTTP 500");
    expect(await compactor.compact([sys, u1], req())).toBeUndefined();
  });
});
