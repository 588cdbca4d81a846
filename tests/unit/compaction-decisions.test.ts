// Compaction decides exactly as it did with js-tiktoken's encoder: every scenario runs twice through a real
// assembled Session and the fake provider — once with a TokenCounter over js-tiktoken (how it counted before),
// once with the default loader — and the provider must see the same requests and the session the same
// compactions. Also: the tokenizer is loaded while idle (recorded loader calls), never between Enter and a request.
import { Tiktoken } from "js-tiktoken/lite";
import ranks from "js-tiktoken/ranks/o200k_base";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import type { Message } from "../../src/agent/messages.js";
import { SUMMARY_SYSTEM_PROMPT } from "../../src/compaction/summarize.js";
import { type Assembly, assembleSession } from "../../src/runtime/assemble.js";
import { ContextTracker } from "../../src/usage/context.js";
import { loadTokenCounter, TokenCounter } from "../../src/usage/tokens.js";
import { FakeProvider, type RecordedRequest, type ScriptedReply } from "../helpers/fake-provider.js";
import { makeTempEnv, writeFakeUserConfig } from "../helpers/temp.js";

let before: TokenCounter;
let now: Promise<TokenCounter>;
beforeAll(async () => {
  const enc = new Tiktoken(ranks);
  before = new TokenCounter({ count: (s) => enc.encode(s, [], []).length });
  now = loadTokenCounter();
  await now;
}, 60_000);

// A fresh provider per test: a scenario that went wrong must not leave replies for the next one.
let provider: FakeProvider;
beforeEach(async () => {
  provider = await FakeProvider.start();
});
afterEach(() => provider.close());

/**
 * A step is a prompt, answered by the responder below: a read_file call of `read` (when given), then a short text.
 * `script` replies are served first instead (the fake provider's queue wins over its fallback).
 */
type Step = { prompt: string; read?: string; script?: ScriptedReply[] } | "resume";
interface Scenario {
  window: number;
  model?: string;
  compaction?: { threshold?: number; enabled?: boolean };
  /** prompt_tokens the provider reports for a request body of `bytes` (false: no usage at all). */
  usage: ((bytes: number) => number) | false;
  steps: Step[];
  /** Fewest compactions the scenario must produce (so the table cannot pass by never compacting). */
  compactions: number;
}

const files = {
  "big.txt": "some file content line\n".repeat(600),
  "mid.txt": "hello ".repeat(700),
  "small.txt": "const x = 1;\n".repeat(20),
};
const reading: Step[] = [
  { prompt: "Read big.txt.", read: "big.txt" },
  { prompt: "Read mid.txt.", read: "mid.txt" },
  // Bytes well over tokens ("hello " is one token per 6 bytes): a close call the tokenizer settles.
  { prompt: "hello ".repeat(400) },
  { prompt: "Read small.txt.", read: "small.txt" },
  { prompt: "Read big.txt again.", read: "big.txt" },
  { prompt: "What did you learn?" },
  { prompt: "Read mid.txt again.", read: "mid.txt" },
  { prompt: "hello ".repeat(300) },
];
const quarter = (bytes: number) => Math.ceil(bytes / 4);

const SCENARIOS: Record<string, Scenario> = {
  "threshold crossings with reported usage (prune and summarise)": {
    window: 8000,
    usage: quarter,
    steps: reading,
    compactions: 2,
  },
  "a provider reporting low (cached-prefix) counts": {
    window: 8000,
    usage: (bytes) => Math.ceil(bytes / 6),
    steps: reading,
    compactions: 1,
  },
  "a provider that reports no usage": { window: 8000, usage: false, steps: reading, compactions: 2 },
  "after a resume (no report yet: the whole history is counted)": {
    window: 8000,
    usage: quarter,
    steps: [...reading.slice(0, 3), "resume", ...reading.slice(3), "resume", { prompt: "Go on." }],
    compactions: 2,
  },
  "a lower threshold from config": {
    window: 8000,
    compaction: { threshold: 0.6 },
    usage: quarter,
    steps: reading,
    compactions: 2,
  },
  "overflow retries with auto-compaction off": {
    window: 4000,
    compaction: { enabled: false },
    usage: quarter,
    steps: [
      { prompt: "Read big.txt.", read: "big.txt" },
      { prompt: "Continue.", script: [{ status: 400, errorMessage: "maximum context length exceeded" }] },
      {
        prompt: "Again.",
        script: [{ status: 400, errorMessage: "This model's maximum context length is 4000" }],
      },
    ],
    compactions: 2,
  },
  "a model without a known window (the default window applies)": {
    window: 4000,
    model: "fake/unknown",
    usage: quarter,
    steps: reading.slice(0, 4),
    compactions: 0,
  },
};

/** Answers like a model: a summary for the summariser, the step's read_file call once, then a short text. */
function responder(s: Scenario, step: () => { read?: string; called: boolean }) {
  return (req: RecordedRequest): ScriptedReply => {
    const usage = s.usage ? { prompt_tokens: s.usage(req.raw.length), completion_tokens: 10 } : false;
    const messages = req.body.messages;
    if (messages[0]?.content === SUMMARY_SYSTEM_PROMPT) return { text: "## Goal\nRead the files.", usage };
    const current = step();
    if (current.read && !current.called) {
      current.called = true;
      return { toolCalls: [{ name: "read_file", arguments: { file_path: current.read } }], usage };
    }
    return { text: `Done (${messages.length} messages).`, usage };
  };
}

interface Outcome {
  requests: string[][];
  compactions: Array<Omit<Extract<AgentEvent, { type: "compaction" }>, "type">>;
  loads: number;
}

async function play(s: Scenario, counter: TokenCounter): Promise<Outcome> {
  const t = makeTempEnv(files);
  provider.requests.length = 0;
  const out: Outcome = { requests: [], compactions: [], loads: 0 };
  writeFakeUserConfig(t, provider.url, {
    ...(s.model ? { model: s.model } : {}),
    providers: {
      fake: { baseURL: provider.url, apiKey: "k", models: { m1: { contextWindow: s.window } } },
    },
    compaction: s.compaction ?? {},
  });
  const open = async (resume?: string) => {
    const a = await assembleSession({
      cwd: t.cwd,
      env: t.env,
      headless: true,
      resume: resume ? { session: resume } : undefined,
      tokenCounter: async () => {
        out.loads++;
        return counter;
      },
    });
    a.session.subscribe((e) => {
      if (e.type === "compaction")
        out.compactions.push({ summary: e.summary, removed: e.removed, kept: e.kept, reason: e.reason });
    });
    return a;
  };
  let current = { called: false } as { read?: string; called: boolean };
  provider.setFallback(responder(s, () => current));
  let a: Assembly = await open();
  try {
    for (const step of s.steps) {
      if (step === "resume") {
        a.sessionLog.close();
        a = await open(a.session.id);
        continue;
      }
      current = { read: step.read, called: false };
      provider.enqueue(...(step.script ?? []));
      await a.session.run(step.prompt);
    }
  } finally {
    a.sessionLog.close();
    await a.mcp.close();
    t.cleanup();
  }
  expect(provider.pending).toBe(0);
  out.requests = provider.requests.map((r) =>
    r.body.messages.map((m) => `${m.role}:${String(m.content ?? "").slice(0, 60)}`),
  );
  return out;
}

describe("compaction decisions are those of the js-tiktoken count", () => {
  it.each(Object.entries(SCENARIOS))("%s", async (_name, s) => {
    const old = await play(s, before);
    const current = await play(s, await now);
    expect(old.compactions.length).toBeGreaterThanOrEqual(s.compactions);
    expect(current.compactions).toEqual(old.compactions);
    expect(current.requests).toEqual(old.requests);
    expect(current.loads).toBe(old.loads);
    if (s.compactions === 0) expect([current.compactions.length, current.loads]).toEqual([0, 0]);
  });
});

describe("context tracker decisions at the limit", () => {
  const sys: Message = { role: "system", content: "You are a test." };
  const histories: Message[][] = [
    [sys, { role: "user", content: files["big.txt"] }],
    [sys, { role: "user", content: "日本語と絵文字 🚀 ".repeat(200) }],
    [sys, { role: "user", content: "x" }, { role: "assistant", content: files["mid.txt"] }],
  ];
  it.each(
    histories.map((h, i) => [i, h] as const),
  )("history %i: same answer at limit −1, =, +1", async (_i, h) => {
    const exact = before.messages(h);
    for (const limit of [exact - 1, exact, exact + 1]) {
      const a = await new ContextTracker(async () => before).exceeds(h, [], limit);
      const b = await new ContextTracker(() => now).exceeds(h, [], limit);
      expect(b).toEqual(a);
    }
  });
});

const u = (prompt_tokens: number) => ({ prompt_tokens, completion_tokens: 10 });
const read = (id: string, file: string, usage: ScriptedReply["usage"]): ScriptedReply => ({
  toolCalls: [{ id, name: "read_file", arguments: { file_path: file } }],
  usage,
});
const text = (t: string, usage: ScriptedReply["usage"]): ScriptedReply => ({ text: t, usage });

describe("the tokenizer loads while idle", () => {
  it("warms after the run that brings the history near the threshold, before the request that needs it", async () => {
    const t = makeTempEnv({ "mid.txt": "hello ".repeat(700) });
    provider.requests.length = 0;
    writeFakeUserConfig(t, provider.url, {
      providers: { fake: { baseURL: provider.url, apiKey: "k", models: { m1: { contextWindow: 60_000 } } } },
    });
    const calls: Array<{ requests: number; busy: boolean }> = [];
    let warmedBetweenRuns = false;
    const a = await assembleSession({
      cwd: t.cwd,
      env: t.env,
      headless: true,
      tokenCounter: () => {
        calls.push({ requests: provider.requests.length, busy: a.session.busy });
        return loadTokenCounter();
      },
    });
    try {
      // Opening a short session loads nothing.
      expect(calls).toEqual([]);
      provider.enqueue(read("r1", "mid.txt", u(1000)), text("Read.", u(40_000)));
      await a.session.run("Read mid.txt.");
      // The report (40k of a 51k limit) put the next request past half the limit: the load started without
      // a request pending, after the run's last response.
      expect(calls).toEqual([{ requests: 2, busy: true }]);
      const tracker = a.compaction.tracker;
      // It does not hold the event loop: other callbacks run while it builds.
      let turns = 0;
      while (!tracker.warm) {
        turns++;
        await new Promise((r) => setImmediate(r));
      }
      expect(turns).toBeGreaterThan(1);
      warmedBetweenRuns = tracker.warm;
      // A prompt whose bytes make it a close call (40k + ~12k bytes ≥ 51k) is settled by the warm counter.
      provider.enqueue(text("Fine.", u(41_000)));
      await a.session.run("hello ".repeat(2000));
      expect(warmedBetweenRuns).toBe(true);
      expect(calls).toHaveLength(1);
      expect(provider.requests).toHaveLength(3);
    } finally {
      a.sessionLog.close();
      await a.mcp.close();
      t.cleanup();
    }
  });

  it("a history already near the threshold (small window, resume) is loaded while the session opens", async () => {
    const t = makeTempEnv(files);
    provider.requests.length = 0;
    writeFakeUserConfig(t, provider.url, {
      providers: { fake: { baseURL: provider.url, apiKey: "k", models: { m1: { contextWindow: 6000 } } } },
    });
    const calls: number[] = [];
    const open = (resume?: string) =>
      assembleSession({
        cwd: t.cwd,
        env: t.env,
        headless: true,
        resume: resume ? { session: resume } : undefined,
        tokenCounter: () => {
          calls.push(provider.requests.length);
          return now;
        },
      });
    let a = await open();
    try {
      // System prompt and tool schemas alone pass half of a 5,100-token limit: loaded before the first prompt.
      expect(calls).toEqual([0]);
      expect(a.compaction.tracker.warm).toBe(true);
      provider.enqueue(read("r1", "small.txt", u(1500)), text("Read.", u(1600)));
      await a.session.run("Read small.txt.");
      a.sessionLog.close();
      a = await open(a.session.id);
      expect(calls).toEqual([0, 2]);
      expect(a.compaction.tracker.warm).toBe(true);
    } finally {
      a.sessionLog.close();
      await a.mcp.close();
      t.cleanup();
    }
  });
});
