import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { App, type AppProps } from "../../src/components/App.js";
import { makeUi } from "../../src/tui/render/theme.js";
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

async function type(r: ReturnType<typeof app>, text: string) {
  for (const ch of text) await r.press(ch);
}

const diff = "--- a/notes.md\n+++ b/notes.md\n@@ -0,0 +1,2 @@\n+hello\n+world";

describe("App", () => {
  it("streams a Markdown answer after a prompt", async () => {
    const s = new ScriptedSession(async (s) => {
      for (const d of ["# Hel", "lo\n\nSome **bo", "ld** text\n"]) s.emit({ type: "text_delta", delta: d });
      s.emit({ type: "message_end", message: { role: "assistant", content: "" } });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "hi");
    await r.press("\r");
    await r.waitFor("Some bold text");
    expect(s.prompts).toEqual(["hi"]);
    expect(r.all()).toContain("❯ hi");
  });

  it("reports unknown commands instead of sending them, and shows /help", async () => {
    const s = new ScriptedSession(async () => {});
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "/frobnicate");
    await r.press("\r");
    await r.waitFor("Unknown command /frobnicate");
    expect(s.prompts).toEqual([]);
    await type(r, "/help");
    await r.press("\r");
    const screen = await r.waitFor("/compact");
    expect(screen).toContain("Shift+Tab cycles mode");
  });

  it("Esc interrupts the running turn and marks it", async () => {
    const s = new ScriptedSession(
      (s, _p, signal) =>
        new Promise<void>((resolve) => {
          s.emit({ type: "text_delta", delta: "Working on it" });
          signal.addEventListener("abort", () => {
            s.emit({ type: "done", reason: "aborted", text: "", turns: 1 });
            resolve();
          });
        }),
    );
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "go");
    await r.press("\r");
    await r.waitFor("Esc to interrupt");
    await r.press("\u001b");
    await r.waitFor("Interrupted");
  });

  it("asks for approval through the session's handler and shows the resulting diff", async () => {
    const answers: unknown[] = [];
    const s = new ScriptedSession(async (s, _p, signal) => {
      s.emit(toolStart("c1", "write_file", { file_path: "notes.md", content: "hello\nworld\n" }));
      const answer = await s.handler!(
        { request: { tool: "write_file", kind: "write", title: "Write notes.md", detail: diff }, scopes: [] },
        signal,
      );
      answers.push(answer);
      s.emit({
        type: "tool_end",
        callId: "c1",
        name: "write_file",
        status: "done",
        content: "ok",
        details: { kind: "diff", path: "notes.md", diff, added: 2, removed: 0, created: true },
      });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "write it");
    await r.press("\r");
    await r.waitFor("Write notes.md");
    await r.press("y");
    const screen = await r.waitFor("created +2 -0");
    expect(answers).toEqual([{ kind: "once" }]);
    expect(screen).toContain("+world");
  });

  it("queues a prompt typed during a turn and runs it next", async () => {
    let release: () => void = () => {};
    const s = new ScriptedSession(async (s, prompt) => {
      if (prompt === "first") await new Promise<void>((res) => (release = res));
      s.emit({ type: "text_delta", delta: `answer to ${prompt}\n` });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "first");
    await r.press("\r");
    await r.waitFor("Type to queue");
    await type(r, "second");
    await r.press("\r");
    await r.waitFor("queued: second");
    release();
    await r.waitFor("answer to second");
    expect(s.prompts).toEqual(["first", "second"]);
  });

  it("collapses long tool output with a hint and /expand prints it in full", async () => {
    const output = Array.from({ length: 30 }, (_, i) => `row ${i}`).join("\n");
    const s = new ScriptedSession(async (s) => {
      s.emit(toolStart("c1", "bash", { command: "seq 30" }));
      s.emit({ type: "tool_update", callId: "c1", chunk: "row 0\n" });
      s.emit({
        type: "tool_end",
        callId: "c1",
        name: "bash",
        status: "done",
        content: output,
        details: {
          kind: "shell",
          command: "seq 30",
          exitCode: 0,
          signal: null,
          output,
          timedOut: false,
          truncated: false,
          totalBytes: 200,
          durationMs: 3,
        },
      });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "run");
    await r.press("\r");
    const screen = await r.waitFor("earlier line(s) hidden");
    expect(screen).toContain("bash seq 30 — exit 0");
    expect(screen).not.toContain("row 3\n");
    await type(r, "/expand");
    await r.press("\r");
    await r.waitFor("row 3\n");
  });

  it("Shift+Tab cycles the permission mode", async () => {
    const s = new ScriptedSession(async () => {});
    const r = app(s);
    await r.waitFor("Ask anything");
    await r.press("\u001b[Z");
    await r.waitFor("accept-edits", { in: "last" });
    expect(s.mode).toBe("accept-edits");
    await r.press("\u001b[Z");
    await r.waitFor("plan", { in: "last" });
    expect(s.mode).toBe("plan");
  });

  it("Ctrl+C clears the input first, and twice on an empty prompt quits after saving", async () => {
    let saved = 0;
    const s = Object.assign(new ScriptedSession(async () => {}), { save: async () => void saved++ });
    const r = app(s);
    await r.waitFor("Ask anything");
    await type(r, "draft");
    await r.waitFor("draft", { in: "last" });
    await r.press("\u0003");
    await r.waitFor((f) => !f.includes("draft"), { in: "last" });
    await r.press("\u0003");
    await r.waitFor("Press Ctrl+C again to exit");
    await r.press("\u0003");
    await r.waitFor(() => saved === 1);
  });

  it("keeps a working input after a start-up error", async () => {
    const r = app(null, { fatal: "Missing API key for OpenAI: export OPENAI_API_KEY" });
    await r.waitFor("Error: Missing API key");
    await type(r, "hello");
    await r.press("\r");
    await r.waitFor("Fix it and restart, or type /quit.");
    await type(r, "/help");
    await r.press("\r");
    await r.waitFor("/quit");
  });

  it("runs the inline setup when no model is usable", async () => {
    const chosen: unknown[] = [];
    const s = new ScriptedSession(async () => {});
    const r = app(null, {
      setup: {
        choices: [
          { ref: "openai/gpt-5-mini", label: "OpenAI – GPT-5 mini", envVar: "OPENAI_API_KEY", hasKey: false },
          { ref: "mine/m1", label: "Mine – m1", hasKey: true },
        ],
        target: "/tmp/x/protoagent.jsonc",
        reason: "No model configured.",
        complete: async (c) => {
          chosen.push(c);
          return s;
        },
      },
    });
    await r.waitFor("Mine – m1");
    await r.press("\u001b[B");
    await r.press("\r");
    await r.waitFor("A key is already available");
    await r.press("\r");
    await r.waitFor("Ask anything");
    expect(chosen).toEqual([{ ref: "mine/m1", apiKey: undefined }]);
  });
});
