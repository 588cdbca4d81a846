// The TUI's status pieces as pure logic: the one retry line (replaced, "discarded" only after streamed text,
// countdown clamped at 0), tool elapsed time from event times, reasoning collapse, and the notification
// decision table with its exact bytes.
import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { requestWithRetry } from "../../src/agent/retry.js";
import { configSchema } from "../../src/config/schema.js";
import type { StreamEvent } from "../../src/providers/types.js";
import { notificationBytes, notificationText, resolveNotify } from "../../src/tui/notify.js";
import { createPainter, stripAnsi } from "../../src/tui/render/ansi.js";
import { toolElapsed } from "../../src/tui/render/elapsed.js";
import { itemText, type TextContext, toolLines } from "../../src/tui/render/transcript-text.js";
import { type AppState, initialState, reducer } from "../../src/tui/state/app-state.js";
import { retryLine, retrySecondsLeft } from "../../src/tui/state/retry-view.js";
import { toolStart } from "../helpers/describe.js";

/** Applies events at the given times (the reducer's only clock). */
const at = (s: AppState, t: number, ...events: AgentEvent[]) =>
  events.reduce((acc, event) => reducer(acc, { type: "event", event, at: t }), s);
const fresh = () =>
  at(reducer(initialState(), { type: "static_printed", upTo: 0 }), 0, {
    type: "agent_start",
    sessionId: "x",
  });
const retry = (
  attempt: number,
  delayMs: number,
  discarded?: boolean,
): Extract<AgentEvent, { type: "retry" }> => ({
  type: "retry",
  attempt,
  maxAttempts: 5,
  delayMs,
  reason: "Rate limited (429)",
  ...(discarded === undefined ? {} : { discarded }),
});
const texts = (s: AppState) => s.pending.map((i) => ("text" in i ? i.text : i.kind));

describe("retry line", () => {
  it("is one live line, replaced by the next retry and gone when the stream resumes", () => {
    let s = at(fresh(), 1000, retry(1, 4000, false));
    expect(s.pending).toEqual([]);
    expect(s.retry && retryLine(s.retry, 1000)).toBe("Rate limited (429) — retrying in 4s · attempt 2/5");
    s = at(s, 6000, retry(2, 8000, false));
    expect(s.pending).toEqual([]);
    expect(s.retry && retryLine(s.retry, 6000)).toBe("Rate limited (429) — retrying in 8s · attempt 3/5");
    s = at(s, 15_000, { type: "text_delta", delta: "Hello" });
    expect(s.retry).toBeNull();
    expect(s.live.text).toBe("Hello");
  });

  it("says partial text was discarded only when the failed attempt streamed some", () => {
    let s = at(fresh(), 1000, retry(1, 2000, false));
    expect(s.retry && retryLine(s.retry, 1000)).not.toContain("discarded");
    s = at(s, 3000, { type: "text_delta", delta: "half an answ" }, retry(2, 2000, true));
    expect(s.live.text).toBe("");
    expect(s.retry && retryLine(s.retry, 3000)).toContain("· partial text discarded");
    // Nothing reached scrollback, so nothing there needs a correction.
    expect(s.pending).toEqual([]);
  });

  it("prints one correction when blocks of the failed attempt were already printed", () => {
    let s = at(fresh(), 1000, { type: "text_delta", delta: "# Plan\n\nfirst st" }, retry(1, 2000, true));
    expect(texts(s)).toEqual(["# Plan", "The partial answer above was discarded; retrying."]);
    // A second failure that printed nothing adds nothing.
    s = at(s, 4000, retry(2, 2000, false));
    expect(s.pending).toHaveLength(2);
  });

  it("counts down whole seconds and stops at 0", () => {
    const s = at(fresh(), 10_000, retry(1, 4000));
    const v = s.retry;
    if (!v) throw new Error("no retry view");
    expect([10_000, 10_001, 13_000, 13_999, 14_000, 60_000].map((t) => retrySecondsLeft(v, t))).toEqual([
      4, 4, 1, 1, 0, 0,
    ]);
    expect(retryLine(v, 99_000)).toBe("Rate limited (429) — retrying now · attempt 2/5");
  });

  it("ends with the provider's error printed once when retries are exhausted", () => {
    let s = at(fresh(), 1000, retry(4, 1000));
    s = at(
      s,
      3000,
      { type: "error", message: "connection refused" },
      {
        type: "done",
        reason: "error",
        text: "",
        turns: 1,
      },
    );
    expect(s.retry).toBeNull();
    expect(texts(s)).toEqual(["connection refused"]);
  });

  it("clears with the message or a tool call, and sanitises the reason", () => {
    let s = at(fresh(), 0, { ...retry(1, 1000), reason: "bad\u001b]0;title\u0007 gateway\nsecond line" });
    expect(s.retry?.reason).toBe("bad gateway");
    s = at(s, 2000, { type: "message_end", message: { role: "assistant", content: "" } });
    expect(s.retry).toBeNull();
    s = at(at(s, 3000, retry(1, 1000)), 4000, toolStart("a", "bash", { command: "ls" }));
    expect(s.retry).toBeNull();
  });
});

describe("tool elapsed time", () => {
  const painter = createPainter(false);
  it("shows a running call's time after 3 s and a finished call's total when it was long", () => {
    let s = at(fresh(), 10_000, toolStart("a", "bash", { command: "npm test" }));
    const t = s.live.tools[0];
    if (!t) throw new Error("no tool");
    expect(toolLines(t, false, 80, painter, 12_999)[0]).toBe("◌ bash npm test");
    expect(toolLines(t, false, 80, painter, 22_400)[0]).toBe("◌ bash npm test · 12s");
    // Without a clock (an approval waits) the line does not show a time that would freeze.
    expect(toolElapsed(t)).toBe("");
    s = at(s, 24_300, { type: "tool_end", callId: "a", name: "bash", status: "done", content: "ok" });
    const done = s.pending.find((i) => i.kind === "tool");
    expect(done?.kind === "tool" && toolLines(done.tool, false, 80, painter)[0]).toBe(
      "✓ bash npm test · 14.3s",
    );
  });

  it("shows nothing for quick or replayed calls and keeps the time when the subject is clipped", () => {
    expect(toolElapsed({ status: "done", startedAt: 1000, endedAt: 2500 })).toBe("");
    expect(toolElapsed({ status: "done", startedAt: 0, endedAt: 90_000 })).toBe("");
    expect(toolElapsed({ status: "done", startedAt: 1, endedAt: 125_001 })).toBe("2m05s");
    const s = at(fresh(), 1, toolStart("a", "bash", { command: `echo ${"x".repeat(200)}` }));
    const t = s.live.tools[0];
    if (!t) throw new Error("no tool");
    const line = toolLines(t, false, 40, painter, 5001)[0] ?? "";
    expect(line.endsWith("… · 5s")).toBe(true);
  });
});

describe("reasoning", () => {
  const ctx: TextContext = {
    width: 60,
    painter: createPainter(false),
    header: { version: "", model: "", sessionId: "", cwd: "", mode: "" },
  };
  const long = Array.from({ length: 12 }, (_, i) => `thought ${i + 1}`).join("\n");

  it("collapses long reasoning in scrollback and keeps the full text for Ctrl+O", () => {
    let s = at(
      fresh(),
      0,
      { type: "reasoning_delta", delta: long },
      { type: "text_delta", delta: "Answer." },
    );
    s = at(s, 1, { type: "message_end", message: { role: "assistant", content: "Answer." } });
    const item = s.pending.find((i) => i.kind === "reasoning");
    if (!item) throw new Error("no reasoning item");
    const out = stripAnsi(itemText(item, ctx));
    expect(out).toContain("thought 4\n… 8 more lines (Ctrl+O)");
    expect(out).not.toContain("thought 5");
    expect(s.collapsed.at(-1)).toEqual({ title: "reasoning", body: long });
    s = reducer(s, { type: "expand_last" });
    expect(s.pending.at(-1)).toMatchObject({ kind: "output", title: "reasoning", body: long });
  });

  it("prints short reasoning whole and dim, and long reasoning whole when expanded", () => {
    const dim = itemText(
      { kind: "reasoning", id: 1, text: "brief" },
      { ...ctx, painter: createPainter(true) },
    );
    expect(dim).toMatch(/\u001b\[[0-9;]*m/);
    let s = reducer(fresh(), { type: "set_expand", expand: true });
    s = at(
      s,
      0,
      { type: "reasoning_delta", delta: long },
      { type: "message_end", message: { role: "assistant", content: "" } },
    );
    const item = s.pending.find((i) => i.kind === "reasoning");
    expect(item && stripAnsi(itemText(item, ctx))).toContain("thought 12");
    expect(s.collapsed).toEqual([]);
  });
});

describe("notifications", () => {
  const table: [string, Record<string, string>, Parameters<typeof resolveNotify>[0], string | null][] = [
    ["iTerm2 → OSC 9", { TERM_PROGRAM: "iTerm.app" }, undefined, "osc9"],
    ["WezTerm → OSC 9", { TERM_PROGRAM: "WezTerm" }, {}, "osc9"],
    ["Ghostty → OSC 9", { TERM_PROGRAM: "ghostty" }, {}, "osc9"],
    ["Windows Terminal → OSC 9", { WT_SESSION: "abc" }, {}, "osc9"],
    ["kitty → OSC 9", { TERM: "xterm-kitty" }, {}, "osc9"],
    ["urxvt → OSC 777", { TERM: "rxvt-unicode-256color" }, {}, "osc777"],
    ["foot → OSC 777", { TERM: "foot" }, {}, "osc777"],
    ["unknown terminal → bell", { TERM: "xterm-256color", TERM_PROGRAM: "Apple_Terminal" }, {}, "bell"],
    ["tmux, auto → off", { TMUX: "/tmp/tmux-1/default,1,0", TERM_PROGRAM: "iTerm.app" }, {}, null],
    ["screen, auto → off", { STY: "1.pts-0", TERM: "screen" }, {}, null],
    ["tmux, asked for osc9 → osc9", { TMUX: "x" }, { notifications: "osc9" }, "osc9"],
    ["tmux, asked for bell → bell", { TERM: "tmux-256color" }, { notifications: "bell" }, "bell"],
    ["off → off", { TERM_PROGRAM: "iTerm.app" }, { notifications: "off" }, null],
    ["forced osc777 → osc777", { TERM: "xterm" }, { notifications: "osc777" }, "osc777"],
  ];
  it.each(table)("%s", (_name, env, config, channel) => {
    expect(resolveNotify(config, env).channel).toBe(channel);
  });

  it("notifies approvals always, and turns only past the threshold unless the user stopped them", () => {
    const s = resolveNotify({ notifyAfterSeconds: 20 }, { TERM_PROGRAM: "iTerm.app" });
    expect(notificationText({ kind: "approval", tool: "bash" }, s)).toBe("waiting for approval (bash)");
    expect(notificationText({ kind: "turn_end", ms: 19_999, reason: "completed" }, s)).toBeNull();
    expect(notificationText({ kind: "turn_end", ms: 65_000, reason: "completed" }, s)).toBe(
      "turn finished (1m05s)",
    );
    expect(notificationText({ kind: "turn_end", ms: 30_000, reason: "error" }, s)).toBe("turn stopped (30s)");
    expect(notificationText({ kind: "turn_end", ms: 90_000, reason: "aborted" }, s)).toBeNull();
    const off = resolveNotify({ notifications: "off" }, {});
    expect(notificationText({ kind: "approval", tool: "bash" }, off)).toBeNull();
  });

  it("writes exact, sanitised bytes per channel and wraps them for tmux and screen", () => {
    const base = { mux: null, thresholdMs: 0 } as const;
    expect(notificationBytes({ ...base, channel: "bell" }, "x")).toBe("\u0007");
    expect(notificationBytes({ ...base, channel: "osc9" }, "turn finished (31s)")).toBe(
      "\u001b]9;protoagent: turn finished (31s)\u0007",
    );
    expect(notificationBytes({ ...base, channel: "osc777" }, "a;b\nc\u001b]52;c;Zm9v\u0007\u0007d")).toBe(
      "\u001b]777;notify;protoagent;a,b cd\u0007",
    );
    expect(notificationBytes({ ...base, channel: "osc9", mux: "tmux" }, "hi")).toBe(
      "\u001bPtmux;\u001b\u001b]9;protoagent: hi\u0007\u001b\\",
    );
    expect(notificationBytes({ ...base, channel: "osc9", mux: "screen" }, "hi")).toBe(
      "\u001bP\u001b]9;protoagent: hi\u0007\u001b\\",
    );
    expect(notificationBytes({ ...base, channel: "bell", mux: "tmux" }, "hi")).toBe("\u0007");
  });
});

describe("retry event", () => {
  it("says whether the failed attempt had streamed anything", async () => {
    const fail = (message: string): StreamEvent => ({
      type: "done",
      message: { role: "assistant", content: "" },
      stopReason: "error",
      error: { kind: "retryable", message },
    });
    const scripts: StreamEvent[][] = [
      [fail("502 Bad gateway")],
      [{ type: "text_delta", delta: "partial" }, fail("connection reset")],
      [{ type: "reasoning_delta", delta: "hmm" }, fail("connection reset")],
      [{ type: "done", message: { role: "assistant", content: "ok" }, stopReason: "stop" }],
    ];
    let n = 0;
    const events: AgentEvent[] = [];
    const result = await requestWithRetry(
      [],
      {
        stream: async function* () {
          yield* scripts[n++] ?? [];
        },
        toolSchemas: () => [],
        retryBaseMs: 1,
      },
      (e) => events.push(e),
      new AbortController().signal,
    );
    expect(result.message.content).toBe("ok");
    expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.discarded)).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe("tui config", () => {
  it("accepts tui.notifications and tui.notifyAfterSeconds and rejects unknown values", () => {
    expect(configSchema.safeParse({ tui: { notifications: "osc777", notifyAfterSeconds: 45 } }).success).toBe(
      true,
    );
    expect(configSchema.safeParse({ tui: { notifications: "popup" } }).success).toBe(false);
    expect(configSchema.safeParse({ tui: { notifyAfter: 3 } }).success).toBe(false);
  });
});
