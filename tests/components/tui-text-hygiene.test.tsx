// What reaches the terminal: code and diff indentation survives to the frame, and escape sequences in model or
// tool text never do (raw frames are read, so a stripped view cannot hide a sequence).
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ApprovalPrompt as Prompt } from "../../src/approval/types.js";
import { App } from "../../src/components/App.js";
import { ApprovalPrompt } from "../../src/components/ApprovalPrompt.js";
import { ToolCallLine } from "../../src/components/ToolCallLine.js";
import { stripAnsi } from "../../src/tui/render/ansi.js";
import { makeUi } from "../../src/tui/render/theme.js";
import type { ToolView } from "../../src/tui/state/app-types.js";
import { toolStart } from "../helpers/describe.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

const app = (session: ScriptedSession, color = false) =>
  renderUi(
    <App session={session} services={{}} ui={makeUi(color)} version="t" history={null} completer={null} />,
    color,
  );

async function ask(r: ReturnType<typeof app>, text: string) {
  await r.waitFor("Ask anything");
  for (const ch of text) await r.press(ch);
  await r.press("\r");
}

/** Every escape sequence left in raw output must be an SGR style (ours); no C1 control may appear. */
function onlyOurStyling(raw: string) {
  expect(raw).not.toMatch(/\u001b(?!\[[0-9;]*m)/);
  expect(raw).not.toMatch(/[\u0080-\u009f]/);
  expect(raw).not.toMatch(/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/);
}

const python = ["def f(x):", "    if x:", "        return 1", "    return 2"];

const diff = [
  "--- a/a.py",
  "+++ b/a.py",
  "@@ -1,4 +1,4 @@",
  " def f(x):",
  "     if x:",
  "-        return 1",
  "+        return 3",
  "     return 2",
].join("\n");

describe("code and diff indentation reaches the screen", () => {
  it("keeps the leading spaces of a Python block in an answer", async () => {
    const s = new ScriptedSession(async (s) => {
      s.emit({ type: "text_delta", delta: `Here:\n\n\`\`\`python\n${python.join("\n")}\n\`\`\`\n\nDone.\n` });
      s.emit({ type: "message_end", message: { role: "assistant", content: "" } });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s);
    await ask(r, "code");
    const screen = await r.waitFor("Done.");
    const lines = screen.split("\n");
    // Code blocks are indented by two columns; the code's own indentation follows.
    for (const l of python) expect(lines).toContain(`  ${l}`);
  });

  it("keeps diff context indentation in an expanded diff and in the approval box", async () => {
    const tool: ToolView = {
      callId: "c",
      name: "edit_file",
      description: { subject: "a.py" } as ToolView["description"],
      status: "done",
      live: "",
      startedAt: 0,
      details: { kind: "diff", path: "a.py", diff, added: 1, removed: 1, created: false },
    };
    const t = renderUi(<ToolCallLine tool={tool} expanded width={80} />);
    const lines = (await t.waitFor("return 3")).split("\n");
    for (const l of [
      "  1 1 │  def f(x):",
      "  2 2 │      if x:",
      "  3   │ -        return 1",
      "    3 │ +        return 3",
      "  4 4 │      return 2",
    ])
      expect(lines).toContain(l);
    cleanup();
    const prompt: Prompt = {
      request: { tool: "edit_file", kind: "edit", title: "Edit a.py", detail: diff },
      scopes: [],
    };
    const a = renderUi(<ApprovalPrompt prompt={prompt} onAnswer={() => {}} width={80} rows={30} />);
    const box = (await a.waitFor("Edit a.py"))
      .split("\n")
      .map((l) => l.replace(/^│ /, "").replace(/\s*│$/, ""));
    for (const l of [" def f(x):", "     if x:", "-        return 1", "+        return 3", "     return 2"])
      expect(box).toContain(l);
  });
});

describe("escape sequences from the model never reach the terminal", () => {
  it("drops an OSC title from an answer and an erase-line from a notice", async () => {
    const s = new ScriptedSession(async (s) => {
      s.emit({ type: "reasoning_delta", delta: "thinking\u001b]52;c;cm0gLXJm\u0007 hard" });
      s.emit({ type: "text_delta", delta: "Hello \u001b]0;PWNED\u0007world" });
      s.emit({
        type: "text_delta",
        delta: " and \u001b]8;;https://evil.example\u001b\\a link\u001b]8;;\u001b\\.\n\n",
      });
      s.emit({ type: "message_end", message: { role: "assistant", content: "" } });
      s.emit({ type: "notice", level: "warn", message: "Rejected `echo hi\u001b[2K\u009b2J` as asked" });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s, true);
    await ask(r, "hi");
    await r.waitFor("as asked");
    const raw = r.frames.join("\n");
    expect(raw).not.toContain("\u001b]");
    expect(raw).not.toContain("\u001b[2K");
    expect(raw).not.toContain("PWNED\u0007");
    onlyOurStyling(raw);
    const screen = stripAnsi(raw);
    expect(screen).toContain("Hello world and a link.");
    expect(screen).not.toContain("PWNED");
    expect(screen).toContain("and a link.");
    expect(screen).toContain("Rejected `echo hi` as asked");
  });

  it("sanitises tool names, subjects, summaries and streamed output", async () => {
    const s = new ScriptedSession(async (s) => {
      s.emit(toolStart("c1", "bash", { command: "printf x" }));
      s.emit({ type: "tool_update", callId: "c1", chunk: "line\u001b[2K\u001b]0;T\u0007 one\r\n" });
      s.emit({
        type: "tool_end",
        callId: "c1",
        name: "bash",
        status: "error",
        summary: "failed\u001b[?1049h here",
        content: "out \u001bPq\u001b\\put",
      });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    const r = app(s, true);
    await ask(r, "run");
    await r.waitFor("failed here");
    const raw = r.frames.join("\n");
    onlyOurStyling(raw);
    expect(stripAnsi(raw)).toContain("out put");
  });
});
