// The status pieces on screen: the retry line is one live line (replaced, then gone), says "discarded" only when
// text was streamed; notifications reach Ink's stdout as exact bytes on an approval and at the end of a long
// turn; a long tool shows its elapsed time; exactly one spinner animates; long reasoning prints collapsed.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../src/agent/events.js";
import { App, type AppProps } from "../../src/components/App.js";
import { StatusLine } from "../../src/components/StatusLine.js";
import { ToolCallLine } from "../../src/components/ToolCallLine.js";
import type { NotifySettings } from "../../src/tui/notify.js";
import { stripAnsi } from "../../src/tui/render/ansi.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { describeBuiltin, toolStart } from "../helpers/describe.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

const app = (session: ScriptedSession, extra: Partial<AppProps> = {}) =>
  renderUi(
    <App
      session={session}
      services={{}}
      ui={makeUi(false)}
      version="t"
      history={null}
      completer={null}
      {...extra}
    />,
  );

async function send(r: ReturnType<typeof app>, text: string) {
  await r.waitFor("Ask anything");
  for (const ch of text) await r.press(ch);
  await r.press("\r");
}

/** A promise the test resolves: the script waits on it, so each state stays on screen until checked. */
function gate() {
  let open: () => void = () => {};
  const wait = new Promise<void>((res) => (open = res));
  return { wait, open };
}

const retry = (attempt: number, discarded: boolean): AgentEvent => ({
  type: "retry",
  attempt,
  maxAttempts: 5,
  delayMs: 60_000,
  reason: "Rate limited (429)",
  discarded,
});
const count = (s: string, sub: string) => s.split(sub).length - 1;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/g;

describe("retry line", () => {
  it("is replaced by the next attempt, removed when the stream resumes, and never printed", async () => {
    const g1 = gate();
    const g2 = gate();
    const s = new ScriptedSession(async (s) => {
      s.emit(retry(1, false));
      await g1.wait;
      s.emit({ type: "text_delta", delta: "half" });
      s.emit(retry(2, true));
      await g2.wait;
      s.emit({ type: "text_delta", delta: "Final answer.\n\n" });
      s.emit({ type: "message_end", message: { role: "assistant", content: "Final answer." } });
      s.emit({ type: "done", reason: "completed", text: "Final answer.", turns: 1 });
    });
    const r = app(s);
    await send(r, "go");
    let screen = await r.waitFor("attempt 2/5", { in: "last" });
    expect(screen).toMatch(/Rate limited \(429\) — retrying in (60|59)s · attempt 2\/5/);
    expect(screen).not.toContain("discarded");
    g1.open();
    screen = await r.waitFor("attempt 3/5", { in: "last" });
    expect(count(screen, "retrying in")).toBe(1);
    expect(screen).not.toContain("attempt 2/5");
    expect(screen).toContain("· partial text discarded");
    expect(screen).not.toContain("half");
    g2.open();
    await r.waitFor("Final answer.");
    await r.waitFor((f) => !f.includes("retrying"), { in: "last" });
    // Nothing about the retries reached scrollback: the last frame holds all that is printed plus the live area.
    expect(r.all()).not.toContain("The partial answer above was discarded");
  });

  it("shows 'retrying now' once the countdown has run out", async () => {
    const view = { next: 2, maxAttempts: 5, reason: "Bad gateway (502)", until: 5000, discarded: false };
    const r = renderUi(<StatusLine retry={view} toolsRunning={false} now={9000} width={80} />);
    expect(await r.waitFor("retrying now")).toContain("Bad gateway (502) — retrying now · attempt 2/5");
  });
});

describe("notifications", () => {
  const osc9: NotifySettings = { channel: "osc9", mux: null, thresholdMs: 0 };
  const writes = (r: ReturnType<typeof app>) => r.frames.join("");

  it("sends OSC 9 when an approval starts waiting", async () => {
    const s = new ScriptedSession(async (s, _p, signal) => {
      s.emit(toolStart("c1", "bash", { command: "rm -rf build" }));
      await s.handler?.(
        {
          request: { tool: "bash", kind: "shell", title: "Run: rm -rf build\u0007", detail: "rm -rf build" },
          scopes: [],
        },
        signal,
      );
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s, { notify: { ...osc9, thresholdMs: 3_600_000 } });
    await send(r, "clean");
    await r.waitFor("Run: rm -rf build");
    await r.waitFor(() => writes(r).includes("\u001b]9;"));
    expect(writes(r)).toContain("\u001b]9;protoagent: waiting for approval (bash)\u0007");
    await r.press("y");
    await r.waitFor("Ask anything", { in: "last" });
    // The turn was shorter than the threshold: the approval was the only notification.
    expect(count(writes(r), "\u001b]9;")).toBe(1);
  });

  it("rings the bell when a turn longer than the threshold ends, and not when the user stopped it", async () => {
    const s = new ScriptedSession(async (s, prompt) => {
      s.emit({ type: "text_delta", delta: `done ${prompt}\n\n` });
      s.emit({ type: "done", reason: prompt === "stop" ? "aborted" : "completed", text: "", turns: 1 });
    });
    const r = app(s, { notify: { channel: "bell", mux: null, thresholdMs: 0 } });
    await send(r, "work");
    await r.waitFor(() => writes(r).includes("\u0007"));
    expect(count(writes(r), "\u0007")).toBe(1);
    await send(r, "stop");
    await r.waitFor("Interrupted");
    await r.waitFor("Ask anything", { in: "last" });
    expect(count(writes(r), "\u0007")).toBe(1);
  });

  it("writes nothing without notification settings", async () => {
    const s = new ScriptedSession(async (s) =>
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 }),
    );
    const r = app(s);
    await send(r, "x");
    await r.waitFor("Ask anything", { in: "last" });
    expect(writes(r)).not.toMatch(/\u0007|\u001b\]9;|\u001b\]777;/);
  });
});

describe("tools and spinner", () => {
  it("shows a long running tool's elapsed time from the clock it is given", async () => {
    const tool = {
      callId: "1",
      name: "bash",
      description: describeBuiltin("bash", { command: "npm test" }),
      status: "running" as const,
      live: "",
      startedAt: 1000,
    };
    const r = renderUi(<ToolCallLine tool={tool} expanded={false} width={80} now={13_400} />);
    expect(await r.waitFor("npm test")).toContain("◌ bash npm test · 12s");
  });

  it("animates exactly one spinner while tools run", async () => {
    const g = gate();
    const s = new ScriptedSession(async (s) => {
      s.emit(toolStart("a", "bash", { command: "sleep 10" }));
      s.emit(toolStart("b", "bash", { command: "sleep 20" }));
      await g.wait;
      s.emit({ type: "done", reason: "aborted", text: "", turns: 1 });
    });
    const r = app(s);
    await send(r, "wait");
    const screen = await r.waitFor("running tools", { in: "last" });
    expect(screen.match(SPINNER)).toHaveLength(1);
    expect(count(screen, "◌ bash sleep")).toBe(2);
    g.open();
    await r.waitFor("Ask anything", { in: "last" });
  });
});

describe("reasoning", () => {
  it("prints long reasoning collapsed and /expand prints it in full", async () => {
    const long = Array.from({ length: 12 }, (_, i) => `step ${i + 1} of thinking`).join("\n");
    const s = new ScriptedSession(async (s) => {
      s.emit({ type: "reasoning_delta", delta: long });
      s.emit({ type: "text_delta", delta: "The answer." });
      s.emit({ type: "message_end", message: { role: "assistant", content: "The answer." } });
      s.emit({ type: "done", reason: "completed", text: "The answer.", turns: 1 });
    });
    const r = app(s);
    await send(r, "think");
    const screen = await r.waitFor("more lines (Ctrl+O)");
    expect(screen).toContain("step 4 of thinking\n… 8 more lines (Ctrl+O)");
    expect(stripAnsi(r.frames.slice(-1).join(""))).not.toContain("step 12 of thinking");
    // (Ctrl+O opens the transcript viewer, where the reasoning block opens in place: tested with the viewer.)
    await send(r, "/expand");
    await r.waitFor("step 12 of thinking");
  });
});
