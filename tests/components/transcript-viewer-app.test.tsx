// The transcript viewer inside the app: Ctrl+O and /transcript open it on the alternate screen, keys go to it
// (also keys that arrive in the same read as Ctrl+O), q returns to the prompt exactly as it was, and the
// screen switches come in the right order (enter before the viewer's frame, leave after the prompt's).
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "../../src/agent/messages.js";
import { App } from "../../src/components/App.js";
import { makeUi } from "../../src/tui/render/theme.js";
import { ENTER_ALT, EXIT_ALT } from "../../src/tui/viewer/screen.js";
import { toolStart } from "../helpers/describe.js";
import { renderUi, ScriptedSession } from "./helpers.js";

afterEach(() => cleanup());

const diff =
  "--- a/a.ts\n+++ b/a.ts\n@@ -1,3 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n const c = 4;";

function session(): ScriptedSession {
  const s = new ScriptedSession(async (s) => {
    s.emit(toolStart("c1", "edit_file", { file_path: "a.ts", old_string: "2", new_string: "3" }));
    s.emit({
      type: "tool_end",
      callId: "c1",
      name: "edit_file",
      status: "done",
      content: "Edited a.ts",
      details: { kind: "diff", path: "a.ts", diff, added: 1, removed: 1, created: false },
    });
    s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
  });
  const messages: Message[] = [
    { role: "user", content: "first question" },
    { role: "assistant", content: "First **answer**." },
    { role: "user", content: "edit it" },
    {
      role: "assistant",
      content: "",
      toolCalls: [{ id: "c1", name: "edit_file", arguments: '{"file_path":"a.ts"}' }],
    },
    { role: "tool", toolCallId: "c1", name: "edit_file", content: "Edited a.ts" },
    { role: "assistant", content: "Done editing." },
  ];
  Object.assign(s, { messages });
  return s;
}

const app = (s: ScriptedSession) =>
  renderUi(<App session={s} services={{}} ui={makeUi(false)} version="t" history={null} completer={null} />);

async function typeText(r: ReturnType<typeof app>, text: string) {
  for (const ch of text) await r.press(ch);
}

describe("transcript viewer in the app", () => {
  it("opens with Ctrl+O, opens a diff in place, and q returns to the same prompt", async () => {
    const s = session();
    const r = app(s);
    await r.waitFor("Ask anything");
    await typeText(r, "go");
    await r.press("\r");
    await r.waitFor("Ask anything", { in: "last" });
    await typeText(r, "draft");
    await r.waitFor("❯ draft", { in: "last" });
    await r.press("\u000f");
    let screen = await r.waitFor("Transcript ·", { in: "last" });
    expect(screen).toContain("block 5/5");
    expect(screen).toContain("+1 −1 in 1 hunk");
    expect(screen).not.toContain("❯ draft");
    await r.press("k");
    await r.waitFor("block 4/5", { in: "last" });
    await r.press("\r");
    screen = await r.waitFor("2   │ -const b = 2;", { in: "last" });
    expect(screen).toContain("  2 │ +const b = 3;");
    await r.press("q");
    screen = await r.waitFor("❯ draft", { in: "last" });
    expect(screen).not.toContain("Transcript ·");
    // Enter the alternate screen once and leave it once, in that order.
    const raw = r.frames.join("");
    expect(raw.split(ENTER_ALT).length - 1).toBe(1);
    expect(raw.split(EXIT_ALT).length - 1).toBe(1);
    expect(raw.indexOf(ENTER_ALT)).toBeLessThan(raw.indexOf(EXIT_ALT));
    // The prompt takes keys again, and a second round works the same.
    await r.press("!");
    await r.waitFor("❯ draft!", { in: "last" });
    await r.press("\u000f");
    await r.waitFor("Transcript ·", { in: "last" });
    await r.press("q");
    screen = await r.waitFor("❯ draft!", { in: "last" });
    expect(screen).not.toContain("draft!q");
  });

  it("keys in the same read as Ctrl+O go to the viewer, keys after q go back to the prompt", async () => {
    const r = app(session());
    await r.waitFor("Ask anything");
    await r.press("\u000fkk");
    await r.waitFor("block 3/5", { in: "last" });
    await r.press("qab");
    await r.waitFor("❯ ab", { in: "last" });
  });

  it("/transcript opens it too, and Esc closes it", async () => {
    const r = app(session());
    await r.waitFor("Ask anything");
    await typeText(r, "/transcript");
    await r.press("\r");
    await r.waitFor("Transcript ·", { in: "last" });
    await r.press("\u001b");
    await r.waitFor("Ask anything", { in: "last" });
  });

  it("holds text printed by a running turn until it closes, and closes for an approval", async () => {
    let release: () => void = () => {};
    let answer: unknown;
    const s = new ScriptedSession(async (s, _p, signal) => {
      await new Promise<void>((r) => {
        release = r;
      });
      s.emit({ type: "text_delta", delta: "Printed while viewing.\n\n" });
      answer = await s.handler?.(
        { request: { tool: "bash", kind: "shell", title: "Run: ls", detail: "ls" }, scopes: [] },
        signal,
      );
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    Object.assign(s, { messages: [{ role: "user", content: "earlier" }] });
    const r = app(s);
    await r.waitFor("Ask anything");
    await typeText(r, "go");
    await r.press("\r");
    await r.waitFor("Esc to interrupt", { in: "last" });
    await r.press("\u000f");
    await r.waitFor("Transcript ·", { in: "last" });
    const shown = r.frames.length;
    release();
    // The approval takes the screen back: the viewer closes and the held text is printed on the main screen.
    await r.waitFor("Yes, once", { in: "last" });
    await r.waitFor((all) => all.split("Printed while viewing.").length > 1);
    const after = r.frames.slice(shown).join("");
    expect(after.indexOf(EXIT_ALT)).toBeGreaterThanOrEqual(0);
    expect(after.indexOf("Printed while viewing.")).toBeGreaterThan(after.indexOf(EXIT_ALT));
    await r.press("y");
    await r.waitFor("Ask anything", { in: "last" });
    expect(answer).toEqual({ kind: "once" });
  });

  it("follows a running turn: appended messages join the open viewer", async () => {
    let release: () => void = () => {};
    const messages: Message[] = [{ role: "user", content: "earlier" }];
    const s = new ScriptedSession(async (s) => {
      await new Promise<void>((r) => {
        release = r;
      });
      const answer: Message = { role: "assistant", content: "Answer that arrived later." };
      messages.push(answer);
      s.emit({ type: "history_append", message: answer });
      s.emit({ type: "done", reason: "completed", text: "", turns: 1 });
    });
    Object.assign(s, { messages });
    const r = app(s);
    await r.waitFor("Ask anything");
    await typeText(r, "go");
    await r.press("\r");
    await r.waitFor("Esc to interrupt", { in: "last" });
    messages.push({ role: "user", content: "go" });
    await r.press("\u000f");
    await r.waitFor("block 2/2", { in: "last" });
    release();
    const screen = await r.waitFor("block 3/3", { in: "last" });
    expect(screen).toContain("Answer that arrived later.");
    expect(screen).toContain("Transcript ·");
  });
});
