// The live frame never reaches the terminal's height in rendered rows (Ink would otherwise clear the screen and
// the scrollback): a long write approval, a long code block with lines wider than the terminal, a 3.8 KB
// paragraph, a recalled 31-line prompt and many queued messages, at sizes from 50x15 to 200x60.
import { describe, expect, it } from "vitest";
import { App } from "../../src/components/App.js";
import type { HistoryStore } from "../../src/tui/input/history.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { toolStart } from "../helpers/describe.js";
import { ScriptedSession } from "./helpers.js";
import { renderSized } from "./sized.js";

const SIZES: [number, number][] = [
  [50, 15],
  [60, 20],
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 60],
];

const pace = () => new Promise((res) => setTimeout(res, 2));

function start(s: ScriptedSession, cols: number, rows: number, history: HistoryStore | null = null) {
  return renderSized(
    <App session={s} services={{}} ui={makeUi(true)} version="t" history={history} completer={null} />,
    cols,
    rows,
  );
}

async function typeLine(r: ReturnType<typeof start>, text: string) {
  // One read for the text (keys are decoded one by one), then Enter.
  await r.press(text);
  await r.press("\r");
}

async function prompt(r: ReturnType<typeof start>, text = "go") {
  await r.waitFor((l) => l.includes("Ask anything"), "the prompt");
  await typeLine(r, text);
}

const diff20 = [
  "--- /dev/null",
  "+++ b/notes.py",
  "@@ -0,0 +1,20 @@",
  ...Array.from({ length: 20 }, (_, i) => `+    value_${i} = compute(${i})  # line ${i}`),
].join("\n");

function approvalSession() {
  return new ScriptedSession(async (s, _p, signal) => {
    s.emit(toolStart("c1", "write_file", { file_path: "notes.py", content: "x\n" }));
    await s.handler?.(
      { request: { tool: "write_file", kind: "write", title: "Write notes.py", detail: diff20 }, scopes: [] },
      signal,
    );
    s.emit({ type: "tool_end", callId: "c1", name: "write_file", status: "done", content: "ok" });
    s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
  });
}

/** A session that streams `text` in small chunks, then waits for `release` before ending the message. */
function streamingSession(text: string, gate: { release?: () => void }) {
  return new ScriptedSession(async (s) => {
    for (let i = 0; i < text.length; i += 97) {
      s.emit({ type: "text_delta", delta: text.slice(i, i + 97) });
      await pace();
    }
    await new Promise<void>((res) => (gate.release = res));
    s.emit({ type: "message_end", message: { role: "assistant", content: "" } });
    s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
  });
}

const code80 = (cols: number) =>
  [
    "```python",
    ...Array.from({ length: 80 }, (_, i) =>
      i % 9 === 0 ? `    s${i} = "${"y".repeat(cols + 20)}"` : `    line_${i} = ${i}`,
    ),
    "",
  ].join("\n");

const paragraph = Array.from({ length: 600 }, (_, i) => `word${i}`)
  .join(" ")
  .slice(0, 3800);

describe.each(SIZES)("live frame at %ix%i", (cols, rows) => {
  it("a 20-line write approval stays inside the terminal and scrolls", async () => {
    const r = start(approvalSession(), cols, rows);
    await prompt(r);
    await r.waitFor((l) => l.includes("Yes, once"), "the approval");
    expect(r.tallest()).toBeLessThan(rows);
    const screen = r.last();
    // Either the whole diff is shown, or the box says which lines are and scrolls.
    if (!screen.includes("line 19")) {
      expect(screen).toMatch(/lines 1–\d+ of 23/);
      for (let i = 0; i < 12; i++) await r.press("\u001b[6~");
      await r.waitFor((l) => l.includes("line 19"), "the end of the diff");
    }
    await r.press("y");
    await r.waitFor((l) => l.includes("Ask anything"), "the end of the turn");
    expect(r.tallest()).toBeLessThan(rows);
    r.unmount();
  });

  it("an 80-line code block with lines wider than the terminal streams its tail", async () => {
    const gate: { release?: () => void } = {};
    const r = start(streamingSession(code80(cols), gate), cols, rows);
    await prompt(r);
    await r.waitFor(() => gate.release !== undefined, "the whole block streamed");
    await r.waitFor((l) => l.includes("line_79 = 79"), "the last code line");
    expect(r.tallest()).toBeLessThan(rows);
    // Rendered as code already (progressively): indented two columns plus the code's own indentation.
    expect(r.last()).toMatch(/^ {6}line_79 = 79/m);
    gate.release?.();
    await r.waitFor((l) => l.includes("Ask anything"), "the end of the turn");
    expect(r.tallest()).toBeLessThan(rows);
    expect(r.all()).toMatch(/^ {6}line_1 = 1$/m);
    r.unmount();
  });

  it("a 3.8 KB paragraph streams its tail", async () => {
    const gate: { release?: () => void } = {};
    const r = start(streamingSession(paragraph, gate), cols, rows);
    await prompt(r);
    await r.waitFor(() => gate.release !== undefined, "the whole paragraph streamed");
    const lastWord = paragraph.split(" ").at(-1) ?? "";
    await r.waitFor((l) => l.includes(lastWord), "the last word");
    expect(r.tallest()).toBeLessThan(rows);
    gate.release?.();
    await r.waitFor((l) => l.includes("Ask anything"), "the end of the turn");
    expect(r.tallest()).toBeLessThan(rows);
    r.unmount();
  });

  it("a recalled 31-line prompt scrolls inside the editor", async () => {
    const long = Array.from({ length: 31 }, (_, i) => `prompt line ${i}`).join("\n");
    const history: HistoryStore = { entries: () => [long], add: async () => {} };
    const r = start(new ScriptedSession(async () => {}), cols, rows, history);
    await r.waitFor((l) => l.includes("Ask anything"), "the prompt");
    await r.press("\u001b[A");
    await r.waitFor((l) => l.includes("prompt line 30"), "the recalled prompt");
    expect(r.tallest()).toBeLessThan(rows);
    r.unmount();
  });

  it("many queued messages are counted, not listed", async () => {
    const gate: { release?: () => void } = {};
    const r = start(streamingSession("thinking about it", gate), cols, rows);
    await prompt(r, "first");
    await r.waitFor((l) => l.includes("Type to queue"), "the running turn");
    for (let i = 0; i < 15; i++) await typeLine(r, `queued message number ${i} ${"z".repeat(cols)}`);
    await r.waitFor((l) => l.includes("12 more queued"), "the queue");
    expect(r.tallest()).toBeLessThan(rows);
    r.unmount();
  });
});

describe("resizing", () => {
  it("shrinking the window while an approval is open re-lays the box out to fit", async () => {
    const r = start(approvalSession(), 120, 40);
    await prompt(r);
    await r.waitFor((l) => l.includes("Yes, once"), "the approval");
    r.resize(80, 24);
    await r.waitFor((l) => l.includes("Yes, once") && l.split("\n").length < 24, "the box at 80x24");
    r.resize(60, 16);
    await r.waitFor((l) => l.includes("Yes, once") && l.split("\n").length < 16, "the box at 60x16");
    r.unmount();
  });
});
