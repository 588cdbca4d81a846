import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { assembleSession } from "../../src/runtime/assemble.js";
import { FakeProvider, type ScriptedReply } from "../helpers/fake-provider.js";
import { isChildRequest } from "../helpers/sub-agents.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
let t: TempEnv;
beforeAll(async () => {
  provider = await FakeProvider.start();
  t = makeTempEnv({ "a.txt": "a", "b.txt": "b" });
  writeFakeUserConfig(t, provider.url);
});
afterAll(async () => {
  await provider.close();
  t.cleanup();
});

describe("sub_agent", () => {
  it("runs an isolated child loop and returns only its final report", async () => {
    const child: ScriptedReply[] = [
      { toolCalls: [{ name: "list_directory", arguments: {} }] },
      { text: "There are 2 files." },
    ];
    const parent: ScriptedReply[] = [
      { toolCalls: [{ name: "sub_agent", arguments: { task: "Count the files in the workspace." } }] },
      { text: "The sub-agent found 2 files." },
    ];
    provider.setFallback(
      (r) => (isChildRequest(r) ? child.shift() : parent.shift()) ?? { text: "unexpected" },
    );
    const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    const events: AgentEvent[] = [];
    session.subscribe((e) => events.push(e));
    const result = await session.run("How many files?");

    expect(result.text).toBe("The sub-agent found 2 files.");
    const childRequests = provider.requests.filter(isChildRequest);
    expect(childRequests).toHaveLength(2);
    const first = childRequests[0]!.body;
    expect(first.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(first.messages[1]?.content).toBe("Count the files in the workspace.");
    const childTools = (first.tools as Array<{ function: { name: string } }>).map((x) => x.function.name);
    expect(childTools).toContain("list_directory");
    expect(childTools).not.toContain("sub_agent");

    const parentFinal = provider.requests.filter((r) => !isChildRequest(r)).at(-1)!.body;
    const toolMsg = parentFinal.messages.find((m) => m.role === "tool");
    expect(toolMsg?.content).toBe("There are 2 files.");
    // The child's history never reaches the parent.
    expect(JSON.stringify(parentFinal.messages.slice(1))).not.toContain("a.txt");

    // Progress lines stream to the parent's tool call, and child usage counts in the session totals.
    expect(events.some((e) => e.type === "tool_update" && e.chunk.includes("list_directory"))).toBe(true);
    expect(session.usage.inputTokens).toBe(400);
    expect(events.filter((e) => e.type === "usage")).toHaveLength(4);
  });

  it("counts a child's tokens and cost but never takes its context size as the conversation's", async () => {
    const child: ScriptedReply[] = [
      { text: "done", usage: { prompt_tokens: 90_000, completion_tokens: 10 } },
    ];
    const parent: ScriptedReply[] = [
      {
        toolCalls: [{ name: "sub_agent", arguments: { task: "Look around." } }],
        usage: { prompt_tokens: 1_000, completion_tokens: 5 },
      },
      { text: "ok", usage: { prompt_tokens: 1_200, completion_tokens: 5 } },
    ];
    provider.setFallback(
      (r) => (isChildRequest(r) ? child.shift() : parent.shift()) ?? { text: "unexpected" },
    );
    const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    const usage: Extract<AgentEvent, { type: "usage" }>[] = [];
    const context: number[] = [];
    session.subscribe((e) => {
      if (e.type !== "usage") return;
      usage.push(e);
      context.push(session.contextTokens);
    });
    await session.run("Delegate.");
    expect(usage.map((u) => [u.usage.inputTokens, Boolean(u.subAgent)])).toEqual([
      [1_000, false],
      [90_000, true],
      [1_200, false],
    ]);
    expect(session.usage.inputTokens).toBe(92_200);
    // The child's 90k prompt never became this conversation's context size (compaction reads it).
    expect(context).toEqual([1_005, 1_005, 1_205]);
  });
});
