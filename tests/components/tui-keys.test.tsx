// Keys as terminals deliver them: bursts in one read (issue 10, defect 4), Ctrl+C at an approval (defect 5),
// and waiting for the user being idle (defect 6). Every wait is for a state, never for a time.
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App, type AppProps } from "../../src/components/App.js";
import { Setup } from "../../src/components/Setup.js";
import type { ApprovalAnswer } from "../../src/runtime/index.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { activeTickers } from "../../src/tui/state/use-ticker.js";
import { toolStart } from "../helpers/describe.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

const app = (session: ScriptedSession | null, extra: Partial<AppProps> = {}) =>
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

const PLACEHOLDER = "Ask anything";
const diff = "--- a/notes.md\n+++ b/notes.md\n@@ -0,0 +1,2 @@\n+hello\n+world";
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((res) => setImmediate(res));
};

/** A session whose run asks one write approval, records the answer and the signal, then ends. */
function approvalSession(after: () => Promise<void> = async () => {}) {
  const seen: { answer?: ApprovalAnswer; aborted?: boolean } = {};
  const s = new ScriptedSession(async (s, _p, signal) => {
    s.emit(toolStart("c1", "write_file", { file_path: "notes.md", content: "hello\nworld\n" }));
    seen.answer = await s.handler!(
      { request: { tool: "write_file", kind: "write", title: "Write notes.md", detail: diff }, scopes: [] },
      signal,
    );
    seen.aborted = signal.aborted;
    await after();
    s.emit({ type: "done", reason: signal.aborted ? "aborted" : "completed", text: "", turns: 1 });
  });
  return { s, seen };
}

describe("key bursts (one input chunk, several keys)", () => {
  it("three Backspaces in one chunk delete three characters in the prompt", async () => {
    const r = app(new ScriptedSession(async () => {}));
    await r.waitFor(PLACEHOLDER);
    for (const ch of "abc") await r.press(ch);
    await r.waitFor((f) => f.includes("❯ abc") && !f.includes(PLACEHOLDER), { in: "last" });
    await r.press("\u007f\u007f\u007f");
    await r.waitFor(PLACEHOLDER, { in: "last" });
    expect(r.last()).not.toContain("abc");
  });

  it("text and Enter in one chunk submit the prompt", async () => {
    const s = new ScriptedSession(async (s) => {
      s.emit({ type: "text_delta", delta: "ok\n" });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s);
    await r.waitFor(PLACEHOLDER);
    await r.press("abcd\u007fx\r");
    await r.waitFor(() => s.prompts.length === 1);
    expect(s.prompts).toEqual(["abcx"]);
  });

  it("three Backspaces in one chunk delete three characters of the setup picker's filter", async () => {
    const r = app(null, {
      setup: {
        choices: [
          { ref: "openai/gpt-5-mini", label: "OpenAI – GPT-5 mini", hasKey: false },
          { ref: "mine/m1", label: "Mine – m1", hasKey: true },
        ],
        target: "/tmp/x/protoagent.jsonc",
        complete: async () => new ScriptedSession(async () => {}),
      },
    });
    await r.waitFor("Mine – m1");
    await r.press("e/m");
    await r.waitFor((f) => f.includes("Enter): e/m") && !f.includes("GPT-5 mini"), { in: "last" });
    await r.press("\u007f\u007f\u007f");
    await r.waitFor((f) => /Enter\): *\n/.test(f) && f.includes("GPT-5 mini"), { in: "last" });
  });

  it("the setup can be left: Esc clears the filter, then quits; Ctrl+C quits from either step", async () => {
    const choices = [{ ref: "mine/m1", label: "Mine – m1", hasKey: false }];
    let cancelled = 0;
    const props = { choices, target: "/tmp/x.jsonc", onDone: async () => {}, onCancel: () => cancelled++ };
    const r = renderUi(<Setup {...props} />);
    await r.waitFor("Ctrl+C quits without saving");
    await r.press("mi");
    await r.press("\u001b");
    await r.waitFor((f) => /Enter\): *\n/.test(f), { in: "last" });
    expect(cancelled).toBe(0);
    await r.press("\u001b");
    await r.waitFor(() => cancelled === 1);
    cleanup();
    const key = renderUi(<Setup {...props} />);
    await key.waitFor("Mine – m1");
    await key.press("\r");
    await key.waitFor("API key");
    await key.press("\u0003");
    await key.waitFor(() => cancelled === 2);
  });

  it("a burst of Backspaces then text⏎ in the feedback entry sends the edited feedback", async () => {
    const { s, seen } = approvalSession();
    const r = app(s);
    await r.waitFor(PLACEHOLDER);
    await r.press("go\r");
    await r.waitFor("Write notes.md");
    await r.press("f");
    await r.waitFor("Feedback for the model");
    await r.press("nope\u007f\u007f\u007f\u007fuse notes.txt\r");
    await r.waitFor(() => seen.answer !== undefined);
    expect(seen.answer).toEqual({ kind: "reject", feedback: "use notes.txt" });
  });
});

describe("Ctrl+C at an approval", () => {
  it("cancels the whole turn: the run's signal aborts, the box closes, the prompt returns", async () => {
    const { s, seen } = approvalSession();
    const r = app(s);
    await r.waitFor(PLACEHOLDER);
    await r.press("write it\r");
    await r.waitFor("Write notes.md", { in: "last" });
    await r.press("\u0003");
    await r.waitFor(() => seen.aborted !== undefined);
    expect(seen.aborted).toBe(true);
    expect(seen.answer).toMatchObject({ kind: "reject" });
    await r.waitFor((f) => !f.includes("Write notes.md") && f.includes(PLACEHOLDER), { in: "last" });
    expect(r.last()).toContain("Press Ctrl+C again to exit");
  });

  it("pressed twice, exits (after saving)", async () => {
    let saved = 0;
    const { s, seen } = approvalSession();
    const session = Object.assign(s, { save: async () => void saved++ });
    const r = app(session);
    await r.waitFor(PLACEHOLDER);
    await r.press("write it\r");
    await r.waitFor("Write notes.md", { in: "last" });
    await r.press("\u0003");
    await r.waitFor("Press Ctrl+C again to exit", { in: "last" });
    await r.press("\u0003");
    await r.waitFor(() => saved === 1);
    expect(seen.aborted).toBe(true);
  });

  it("pressed twice in one chunk, exits", async () => {
    let saved = 0;
    const { s } = approvalSession();
    const r = app(Object.assign(s, { save: async () => void saved++ }));
    await r.waitFor(PLACEHOLDER);
    await r.press("write it\r");
    await r.waitFor("Write notes.md", { in: "last" });
    await r.press("\u0003\u0003");
    await r.waitFor(() => saved === 1);
  });
});

describe("waiting for the user is idle", () => {
  it("no ticker runs and nothing is redrawn while an approval is open", async () => {
    let release: () => void = () => {};
    const { s } = approvalSession(() => new Promise<void>((res) => (release = res)));
    const r = app(s);
    await r.waitFor(PLACEHOLDER);
    expect(activeTickers()).toBe(0);
    await r.press("write it\r");
    await r.waitFor("Write notes.md", { in: "last" });
    await turns(10);
    expect(activeTickers()).toBe(0);
    const frames = r.frames.length;
    // No timer exists, so however long this takes nothing can render: event-loop turns, then a few ticker
    // intervals' worth of wall time (which can only make a regression more visible, never fail a fix).
    await turns(50);
    await new Promise((res) => setTimeout(res, 400));
    await turns(10);
    expect(r.frames.length).toBe(frames);
    expect(activeTickers()).toBe(0);
    // Answered, the turn runs again and so does its clock.
    await r.press("y");
    await r.waitFor(() => activeTickers() === 1);
    release();
    await r.waitFor(() => activeTickers() === 0);
  });
});
