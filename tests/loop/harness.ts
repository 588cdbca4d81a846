// Builds real sessions for loop tests: the real OpenAI SDK stream function pointed at a FakeProvider, the real
// tool registry and executor, the basic approval engine, a temp workspace. Collects every emitted event so tests
// can assert exact event sequences next to the request bodies the fake server recorded.

import type { AgentEvent } from "../../src/agent/events.js";
import type { LoopHooks, LoopResult } from "../../src/agent/loop.js";
import type { Message, ToolCall } from "../../src/agent/messages.js";
import { createApprovalEngine } from "../../src/approval/engine.js";
import { type ResolvedModel, resolveModel } from "../../src/config/resolve.js";
import type { Compat, ModelConfig } from "../../src/config/schema.js";
import { createStreamFn } from "../../src/providers/openai-stream.js";
import type { SessionFeature } from "../../src/session/feature.js";
import { Session } from "../../src/session/session.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { ToolRegistry } from "../../src/tools/registry.js";
import type { Tool } from "../../src/tools/tool.js";
import { FakeProvider, type RecordedRequest } from "../helpers/fake-provider.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

export const SYSTEM = "You are a test agent.";

export interface ModelOptions {
  compat?: Compat;
  model?: Omit<ModelConfig, "compat">;
  defaultParams?: Record<string, unknown>;
}

/** Resolves fake/m1 through the real config resolver, pointed at `url`. */
export function fakeModel(url: string, opts: ModelOptions = {}): ResolvedModel {
  return resolveModel(
    {
      providers: {
        fake: {
          baseURL: url,
          apiKey: "k",
          ...(opts.compat ? { compat: opts.compat } : {}),
          ...(opts.defaultParams ? { defaultParams: opts.defaultParams } : {}),
          models: { m1: { ...opts.model } },
        },
      },
    },
    "fake/m1",
    {},
  );
}

export interface HarnessOptions extends ModelOptions {
  /** Extra tools registered after the built-ins. */
  tools?: Tool[];
  maxTurns?: number;
  hooks?: LoopHooks;
  features?: SessionFeature[];
  files?: Record<string, string>;
  /** Use this URL instead of the fake provider's (e.g. a closed port). */
  url?: string;
  /** The session's system prompt (default SYSTEM). */
  systemPrompt?: string;
  /** Resolve the model another way (a catalog provider pointed at `url`) instead of fake/m1. */
  resolve?: (url: string) => ResolvedModel;
  /** The loop guard's thresholds (default 3 / 5). */
  loopGuard?: { nudgeAfter?: number; stopAfter?: number };
}

export interface Harness {
  fake: FakeProvider;
  tmp: TempEnv;
  session: Session;
  events: AgentEvent[];
  run(prompt: string, signal?: AbortSignal): Promise<LoopResult>;
  /** Events of one type, narrowed. */
  of<T extends AgentEvent["type"]>(type: T): Array<Extract<AgentEvent, { type: T }>>;
  /** The sequence of event types, optionally without the chatty deltas. */
  types(opts?: { deltas?: boolean }): string[];
  /** Resolves with the first event matching `pred` (already emitted or future). */
  waitFor<T extends AgentEvent["type"]>(
    type: T,
    pred?: (e: Extract<AgentEvent, { type: T }>) => boolean,
  ): Promise<Extract<AgentEvent, { type: T }>>;
  body(i: number): RecordedRequest["body"];
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeProvider.start();
  const tmp = makeTempEnv(opts.files ?? { "a.txt": "alpha\n", "src/b.ts": "export const b = 1;\n" });
  const model = opts.resolve ? opts.resolve(opts.url ?? fake.url) : fakeModel(opts.url ?? fake.url, opts);
  let session: Session;
  try {
    session = new Session({
      cwd: tmp.cwd,
      model,
      stream: createStreamFn(model),
      registry: new ToolRegistry([...builtinTools(), ...(opts.tools ?? [])]),
      approvals: createApprovalEngine({
        mode: "default",
        rules: {},
        specifierOf: builtinSpecifiers,
        headless: true,
        cwd: process.cwd(),
      }),
      systemPrompt: opts.systemPrompt ?? SYSTEM,
      maxTurns: opts.maxTurns,
      ...(opts.loopGuard ? { loopGuard: opts.loopGuard } : {}),
      hooks: opts.hooks,
      features: opts.features,
      retryBaseMs: 1,
    });
  } catch (err) {
    await fake.close();
    tmp.cleanup();
    throw err;
  }
  const events: AgentEvent[] = [];
  const watchers: Array<(e: AgentEvent) => void> = [];
  session.subscribe((e) => {
    events.push(e);
    for (const w of [...watchers]) w(e);
  });
  const of = <T extends AgentEvent["type"]>(type: T) =>
    events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
  return {
    fake,
    tmp,
    session,
    events,
    run: (prompt, signal) => session.run(prompt, signal),
    of,
    types: ({ deltas = false } = {}) =>
      events
        .map((e) => e.type)
        .filter((t) => deltas || (t !== "text_delta" && t !== "reasoning_delta" && t !== "tool_update")),
    waitFor: (type, pred) =>
      new Promise((resolve) => {
        const match = (e: AgentEvent) =>
          e.type === type && (!pred || pred(e as Extract<AgentEvent, { type: typeof type }>));
        const seen = events.find(match);
        if (seen) return resolve(seen as Extract<AgentEvent, { type: typeof type }>);
        const w = (e: AgentEvent) => {
          if (!match(e)) return;
          watchers.splice(watchers.indexOf(w), 1);
          resolve(e as Extract<AgentEvent, { type: typeof type }>);
        };
        watchers.push(w);
      }),
    body: (i) => {
      const r = fake.requests[i];
      if (!r) throw new Error(`no request #${i} (recorded ${fake.requests.length})`);
      return r.body;
    },
    close: async () => {
      await fake.close();
      tmp.cleanup();
    },
  };
}

/** A built-in catalog model (its compat and prices) pointed at `url`. */
export function catalogModel(ref: string): (url: string) => ResolvedModel {
  const provider = ref.slice(0, ref.indexOf("/"));
  return (url) => resolveModel({ providers: { [provider]: { baseURL: url, apiKey: "k" } } }, ref, {});
}

/** Every assistant tool call in `messages` has exactly one tool result after it, in call order. */
export function assertValidHistory(messages: Message[]): void {
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (m?.role !== "assistant" || !m.toolCalls?.length) continue;
    const results = messages.slice(i + 1, i + 1 + m.toolCalls.length);
    const ids = results.map((r) => (r.role === "tool" ? r.toolCallId : `<${r.role}>`));
    const want = m.toolCalls.map((c) => c.id);
    if (JSON.stringify(ids) !== JSON.stringify(want))
      throw new Error(`tool calls ${want.join(",")} answered by ${ids.join(",")} at message ${i}`);
  }
  for (const [i, m] of messages.entries()) {
    if (m.role !== "tool") continue;
    const owner = messages
      .slice(0, i)
      .reverse()
      .find((x) => x.role === "assistant");
    if (owner?.role !== "assistant" || !owner.toolCalls?.some((c) => c.id === m.toolCallId))
      throw new Error(`orphan tool result ${m.toolCallId} at message ${i}`);
  }
}

/** The wire messages of a recorded request, typed loosely for assertions. */
export const wire = (body: RecordedRequest["body"]) => body.messages as Array<Record<string, unknown>>;

/** The tool calls of the first assistant message that has any. */
export function firstToolCalls(messages: Message[]): ToolCall[] | undefined {
  for (const m of messages) if (m.role === "assistant" && m.toolCalls?.length) return m.toolCalls;
  return undefined;
}

/** The answer text streamed so far (deltas are coalesced per network read, so tests wait on text, not counts). */
export function streamed(h: Harness): string {
  return h
    .of("text_delta")
    .map((e) => e.delta)
    .join("");
}
