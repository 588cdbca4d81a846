// Compaction wired into a real assembled Session (its features given at construction, once) talking to the
// fake OpenAI server, with the session log attached: asserts the exact request the provider receives after compaction, and that the log replays to the
// same live history.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { AgentEvent } from "../../src/agent/events.js";
import type { Message } from "../../src/agent/messages.js";
import { SUMMARY_SYSTEM_PROMPT, summaryMessage } from "../../src/compaction/summarize.js";
import { toWireMessages } from "../../src/providers/convert.js";
import { type Assembly, assembleSession } from "../../src/runtime/assemble.js";
import type { Session } from "../../src/session/session.js";
import { defineTool } from "../../src/tools/tool.js";
import { loadTokenCounter, type TokenCounter } from "../../src/usage/tokens.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
let counter: Promise<TokenCounter>;
let session: Session;
let assembly: Assembly;
let events: AgentEvent[];

const skillTool = defineTool({
  name: "activate_skill",
  description: "Loads a skill.",
  parameters: z.object({ name: z.string() }),
  readOnly: true,
  execute: async ({ name }) => ({
    content: `<skill_content name="${name}">Always run the linter.</skill_content>`,
  }),
});

beforeAll(async () => {
  provider = await FakeProvider.start();
  counter = loadTokenCounter();
  await counter;
}, 60_000);
afterAll(() => provider.close());
beforeEach(() => {
  t = makeTempEnv({ "big.txt": "some file content line\n".repeat(600) });
  provider.requests.length = 0;
});
afterEach(async () => {
  assembly?.sessionLog.close();
  await assembly?.mcp.close();
  t.cleanup();
});

/** Assembles the session with the given `compaction` config (the feature reads it at construction). */
async function open(compaction: { threshold?: number; enabled?: boolean } = {}) {
  writeFakeUserConfig(t, provider.url, {
    providers: {
      fake: {
        baseURL: provider.url,
        apiKey: "test-key",
        models: { m1: { contextWindow: 4000, inputPricePerMillion: 1, outputPricePerMillion: 2 } },
      },
    },
    compaction,
  });
  assembly = await assembleSession({ cwd: t.cwd, env: t.env, headless: true, tokenCounter: () => counter });
  session = assembly.session;
  session.registry.setGroup("skills", [skillTool]);
  events = [];
  session.subscribe((e) => events.push(e));
}

const wire = (messages: Message[]) => toWireMessages(messages, session.model.compat);
const firstTurn = () => {
  provider.enqueue(
    { toolCalls: [{ id: "s1", name: "activate_skill", arguments: { name: "lint" } }] },
    { toolCalls: [{ id: "r1", name: "read_file", arguments: { file_path: "big.txt" } }] },
    { text: "I read big.txt.", usage: { prompt_tokens: 3600, completion_tokens: 10 } },
  );
  return session.run("Read big.txt. Never edit package.json.");
};

describe("compaction in a session", () => {
  it("/compact: the next request is system prompt, summary, skill call+payload, latest request, recent turns", async () => {
    await open();
    await firstTurn();
    const before = [...session.messages];
    provider.enqueue({ text: "## Goal\nRead big.txt", usage: { prompt_tokens: 500, completion_tokens: 50 } });
    const result = await assembly.compaction.compactNow("files");
    // The summary request went to the model without tools.
    const summaryReq = provider.requests[3]!.body;
    expect(summaryReq.messages[0]).toEqual({ role: "system", content: SUMMARY_SYSTEM_PROMPT });
    expect(summaryReq.tools).toBeUndefined();
    expect(summaryReq).not.toHaveProperty("max_tokens");
    expect(summaryReq).not.toHaveProperty("temperature");

    const [sys, user1, aSkill, tSkill, aRead, tRead, aFinal] = before;
    expect([aRead?.role, tRead?.role]).toEqual(["assistant", "tool"]);
    const expected: Message[] = [
      sys!,
      summaryMessage("## Goal\nRead big.txt", [], 2),
      user1!,
      aSkill!,
      tSkill!,
      aFinal!,
    ];
    expect(result?.messages).toEqual(expected);
    expect(events.filter((e) => e.type === "compaction")).toEqual([
      { type: "compaction", summary: "## Goal\nRead big.txt", removed: 2, kept: 6, reason: "manual" },
    ]);

    provider.enqueue({ text: "Done." });
    await session.run("Now summarise what you learned.");
    const next = provider.requests[4]!.body.messages;
    expect(next).toEqual(wire([...expected, { role: "user", content: "Now summarise what you learned." }]));

    // The log replays to the live history; the pre-compaction history is still in the transcript.
    assembly.sessionLog.currentWriter?.sync();
    const loaded = assembly.sessionLog.store.load(session.id);
    expect(loaded.state.messages).toEqual(session.messages);
    expect(loaded.state.transcript.some((x) => x.kind === "tool_result" && x.name === "read_file")).toBe(
      true,
    );
    expect(loaded.state.costUsd).toBeCloseTo(session.costUsd);
  });

  it("auto-compacts at the threshold: prunes the old read_file output before the next request", async () => {
    await open({ threshold: 0.85 });
    await firstTurn();
    provider.enqueue({ text: "Done." });
    await session.run("And now?");
    const sent = provider.requests[3]!.body.messages;
    const tool = sent.find((m) => m.role === "tool" && m.tool_call_id === "r1");
    expect(String(tool?.content)).toMatch(/^\[pruned to save context: the read_file output \(\d+ lines/);
    const skill = sent.find((m) => m.role === "tool" && m.tool_call_id === "s1");
    expect(skill?.content).toContain("<skill_content");
    expect(sent.map((m) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
      "tool",
      "assistant",
      "user",
    ]);
    expect(events.find((e) => e.type === "compaction")).toMatchObject({ reason: "threshold", summary: "" });
  });

  it("a context-overflow error forces a compaction and one retry with the compacted history", async () => {
    await open({ enabled: false });
    await firstTurn();
    provider.enqueue(
      { status: 400, errorMessage: "This model's maximum context length is 4000 tokens." },
      { text: "## Goal\nRead big.txt" },
      { text: "Recovered." },
    );
    const result = await session.run("Continue.");
    expect(result.text).toBe("Recovered.");
    const retry = provider.requests[5]!.body.messages;
    expect(retry[1]?.content).toMatch(/^<conversation_summary>/);
    expect(retry.at(-1)).toEqual({ role: "user", content: "Continue." });
    expect(events.some((e) => e.type === "notice" && e.message.includes("overflowed"))).toBe(true);
  });

  it("says so clearly when the retry after compaction still overflows", async () => {
    await open({ enabled: false });
    await firstTurn();
    const overflow = { status: 400, errorMessage: "maximum context length exceeded" };
    provider.enqueue(overflow, { text: "## Goal\nx" }, overflow);
    const result = await session.run("Continue.");
    expect(result.reason).toBe("error");
    expect(result.error).toMatch(/still too long after compaction/);
  });
});
