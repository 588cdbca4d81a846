// Several sub_agent calls of one reply through the real session and the real fake provider: they overlap (proved by
// the provider holding one child's reply until another child's request arrived), respect the bound, keep the
// model's order for results, stop together on abort with valid histories, ask approvals one at a time labelled with
// the child, and count against the parent's budget before each request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import type { Message } from "../../src/agent/messages.js";
import type { ApprovalAnswer, ApprovalPrompt } from "../../src/approval/types.js";
import { assembleSession } from "../../src/runtime/assemble.js";
import { FakeProvider, type ScriptedReply } from "../helpers/fake-provider.js";
import { childTask, isChildRequest } from "../helpers/sub-agents.js";
import { makeTempEnv, type TempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let provider: FakeProvider;
const envs: TempEnv[] = [];
beforeAll(async () => {
  provider = await FakeProvider.start();
});
afterAll(async () => {
  await provider.close();
  for (const t of envs) t.cleanup();
});

/** A fresh workspace whose user config points at the fake provider (plus `extra` config). */
function workspace(extra: Record<string, unknown> = {}): TempEnv {
  const t = makeTempEnv({ "a.txt": "a", "b.txt": "b" });
  writeFakeUserConfig(t, provider.url, extra);
  envs.push(t);
  provider.requests.length = 0;
  return t;
}

const delegate = (...tasks: string[]): ScriptedReply => ({
  toolCalls: tasks.map((task, i) => ({ id: `call_${i + 1}`, name: "sub_agent", arguments: { task } })),
});

/** Every assistant tool call in `messages` is followed by exactly one result with its id. */
function expectValidHistory(messages: Message[]): void {
  const results = messages.flatMap((m) => (m.role === "tool" ? [m.toolCallId] : []));
  const calls = messages.flatMap((m) => (m.role === "assistant" ? (m.toolCalls ?? []).map((c) => c.id) : []));
  expect(results).toEqual(calls);
}

const childEvents = (events: AgentEvent[], type: AgentEvent["type"]) =>
  events.flatMap((e) => (e.type === "subagent" && e.event.type === type ? [e] : []));

describe("parallel sub-agents", () => {
  it("overlap in time, see none of the parent's history, and return in the model's order", async () => {
    const t = workspace();
    let bArrived = () => {};
    const arrived = new Promise<void>((r) => {
      bArrived = r;
    });
    const parent = [delegate("Task A: report alpha.", "Task B: report beta."), { text: "Both reported." }];
    provider.setFallback((r) => {
      if (!isChildRequest(r)) return parent.shift() ?? { text: "unexpected" };
      // A's answer is held until B's request has arrived: run one after the other, this never completes.
      if (childTask(r).startsWith("Task A")) return { text: "alpha report", hangAfter: 0, resume: arrived };
      bArrived();
      return { text: "beta report" };
    });
    const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    const events: AgentEvent[] = [];
    session.subscribe((e) => events.push(e));
    const result = await session.run("Secret parent prompt: delegate both.");

    expect(result.text).toBe("Both reported.");
    const children = provider.requests.filter(isChildRequest);
    expect(children.map(childTask).sort()).toEqual(["Task A: report alpha.", "Task B: report beta."]);
    for (const c of children) {
      expect(c.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
      expect(JSON.stringify(c.body.messages)).not.toContain("Secret parent prompt");
    }
    // B finished first, yet the results follow the order of the calls.
    const tools = session.messages.filter((m) => m.role === "tool");
    expect(tools.map((m) => m.content)).toEqual(["alpha report", "beta report"]);
    // Every child event is tagged with its child and the parent call running it.
    const starts = childEvents(events, "agent_start").map((e) => e.agent);
    expect(starts.map((a) => a.label).sort()).toEqual(["sub-agent #1", "sub-agent #2"]);
    expect(starts.map((a) => a.callId).sort()).toEqual(["call_1", "call_2"]);
    expect(childEvents(events, "done")).toHaveLength(2);
    const childUsage = events.filter((e) => e.type === "usage" && e.subAgent);
    expect(childUsage.every((e) => e.type === "usage" && e.agent !== undefined)).toBe(true);
  });

  it("never runs more children at once than subAgents.maxParallel", async () => {
    const t = workspace({ subAgents: { maxParallel: 2 } });
    const parent = [delegate("T1", "T2", "T3", "T4", "T5"), { text: "all done" }];
    provider.setFallback((r) =>
      isChildRequest(r) ? { text: `report ${childTask(r)}` } : (parent.shift() ?? { text: "unexpected" }),
    );
    const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    let running = 0;
    let most = 0;
    session.subscribe((e) => {
      if (e.type !== "subagent") return;
      if (e.event.type === "agent_start") most = Math.max(most, ++running);
      if (e.event.type === "done") running--;
    });
    const result = await session.run("Go.");
    expect(result.text).toBe("all done");
    // Children start in the same tick when unbounded, so a broken bound shows as 5 here.
    expect(most).toBe(2);
    const tools = session.messages.filter((m) => m.role === "tool");
    expect(tools.map((m) => m.content)).toEqual(["T1", "T2", "T3", "T4", "T5"].map((x) => `report ${x}`));
  });

  it("abort stops every child at once and leaves every history valid", async () => {
    const t = workspace();
    const parent = [delegate("Hang one.", "Hang two.")];
    const first = new Set<string>();
    provider.setFallback((r) => {
      if (!isChildRequest(r)) return parent.shift() ?? { text: "unexpected" };
      // Each child first lists a folder (so its history has a call and a result), then its next request hangs.
      if (first.has(childTask(r))) return { hang: true };
      first.add(childTask(r));
      return { toolCalls: [{ name: "list_directory", arguments: {} }] };
    });
    const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: true });
    const events: AgentEvent[] = [];
    const controller = new AbortController();
    session.subscribe((e) => {
      events.push(e);
    });
    const run = session.run("Go.", controller.signal);
    // 1 parent request + 2 first child requests + 2 hanging second ones.
    await provider.waitForRequests(5);
    controller.abort();
    const result = await run;

    expect(result.reason).toBe("aborted");
    const done = childEvents(events, "done").map((e) => e.event);
    expect(done.map((e) => e.type === "done" && e.reason)).toEqual(["aborted", "aborted"]);
    expectValidHistory(session.messages);
    const results = session.messages.filter((m) => m.role === "tool");
    expect(results).toHaveLength(2);
    for (const m of results) expect(m.content).toContain("aborted");
    // Each child's own history: its list_directory call got its result before the abort.
    const ends = childEvents(events, "tool_end");
    expect(ends).toHaveLength(2);
    expect(new Set(ends.map((e) => e.agent.id)).size).toBe(2);
  });

  it("asks the children's approvals one at a time, each labelled with its child", async () => {
    const t = workspace();
    const parent = [delegate("Write x.", "Write y."), { text: "written" }];
    const firstCall = new Set<string>();
    provider.setFallback((r) => {
      if (!isChildRequest(r)) return parent.shift() ?? { text: "unexpected" };
      const task = childTask(r);
      if (firstCall.has(task)) return { text: `${task} done` };
      firstCall.add(task);
      const file = task === "Write x." ? "x.txt" : "y.txt";
      return { toolCalls: [{ name: "write_file", arguments: { file_path: file, content: "hi\n" } }] };
    });
    const { session } = await assembleSession({ cwd: t.cwd, env: t.env, headless: false });
    let bothAsking = () => {};
    const asking = new Promise<void>((r) => {
      bothAsking = r;
    });
    let writes = 0;
    session.subscribe((e) => {
      if (e.type === "subagent" && e.event.type === "tool_start" && ++writes === 2) bothAsking();
    });
    const prompts: ApprovalPrompt[] = [];
    let open = 0;
    let most = 0;
    session.approvals.setHandler(async (prompt): Promise<ApprovalAnswer> => {
      prompts.push(prompt);
      most = Math.max(most, ++open);
      // The first prompt is answered only once both children wait for approval (and pending microtasks ran).
      if (prompts.length === 1) {
        await asking;
        await new Promise((r) => setImmediate(r));
      }
      open--;
      return { kind: "once" };
    });
    const result = await session.run("Delegate the writes.");

    expect(result.text).toBe("written");
    expect(most).toBe(1);
    expect(prompts).toHaveLength(2);
    const titles = prompts.map((p) => p.request.title).sort();
    expect(titles[0]).toMatch(/^sub-agent #1: /);
    expect(titles[1]).toMatch(/^sub-agent #2: /);
    expect(prompts.map((p) => p.request.tool)).toEqual(["write_file", "write_file"]);
    // Each names the parent's sub_agent call running its child (the call a front-end shows).
    expect(prompts.map((p) => p.request.callId).sort()).toEqual(["call_1", "call_2"]);
  });

  it("counts child usage against the parent's budget before each child request", async () => {
    const t = workspace();
    const parent = [delegate("Keep listing.")];
    provider.setFallback((r) =>
      isChildRequest(r)
        ? { toolCalls: [{ name: "list_directory", arguments: {} }] }
        : (parent.shift() ?? { text: "the parent must not ask again" }),
    );
    // Every request reports 100 + 20 tokens: 120 for the parent, then 120 per child request.
    const { session } = await assembleSession({
      cwd: t.cwd,
      env: t.env,
      headless: true,
      limitFlags: { maxTokens: 500 },
    });
    const usage: AgentEvent[] = [];
    session.subscribe((e) => {
      if (e.type === "usage") usage.push(e);
    });
    const result = await session.run("Go.");

    // The child asked while under the limit (120 → 600 after its 4th request) and was stopped before a 5th; the
    // parent, seeing the budget spent, made no further request.
    expect(provider.requests.filter(isChildRequest)).toHaveLength(4);
    expect(provider.requests).toHaveLength(5);
    expect(result.reason).toBe("limit");
    expect(session.usage.inputTokens + session.usage.outputTokens).toBe(600);
    expect(usage.filter((e) => e.type === "usage" && e.subAgent)).toHaveLength(4);
    const report = session.messages.find((m) => m.role === "tool");
    expect(report?.content).toContain("stopped by the session's limits");
    expect(report?.content).toContain("token limit reached");
    expectValidHistory(session.messages);
  });
});
