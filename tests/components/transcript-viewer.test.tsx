// The TranscriptViewer component on its own: the frame is exactly one row shorter than the terminal at any
// size, keys move the selection and open blocks in place, a resize re-wraps, and model text is sanitised.
import { cleanup, render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { TranscriptViewer } from "../../src/components/TranscriptViewer.js";
import { stripAnsi } from "../../src/tui/render/ansi.js";
import { makeUi, UiProvider } from "../../src/tui/render/theme.js";
import type { ViewerBlock } from "../../src/tui/viewer/blocks.js";
import { describeBuiltin } from "../helpers/describe.js";

afterEach(() => cleanup());

const diff = [
  "--- a/src/a.ts",
  "+++ b/src/a.ts",
  "@@ -1,3 +1,3 @@",
  " function f() {",
  "-  return 1;",
  "+  return 2;",
  " }",
  "@@ -20,2 +20,3 @@",
  " const x = 1;",
  "+const y = 2;",
  " export { x };",
].join("\n");

const blocks: ViewerBlock[] = [
  { kind: "user", text: "please edit" },
  { kind: "reasoning", text: "I should change the return value.\nThen add y." },
  { kind: "markdown", text: "Sure.\u001b]0;PWNED\u0007 Editing **now**." },
  {
    kind: "tool",
    expanded: false,
    tool: {
      callId: "c1",
      name: "edit_file",
      description: describeBuiltin("edit_file", { file_path: "src/a.ts", old_string: "1", new_string: "2" }),
      status: "done",
      details: { kind: "diff", path: "src/a.ts", diff, added: 2, removed: 1, created: false },
      live: "",
      startedAt: 0,
    },
  },
  { kind: "markdown", text: "Done." },
];

function view(props: { columns?: number; rows?: number; color?: boolean } = {}) {
  let closed = 0;
  const el = (columns: number, rows: number) => (
    <UiProvider value={makeUi(props.color ?? false)}>
      <TranscriptViewer blocks={blocks} columns={columns} rows={rows} onClose={() => closed++} />
    </UiProvider>
  );
  const r = render(el(props.columns ?? 60, props.rows ?? 20));
  const last = () => stripAnsi(r.lastFrame() ?? "");
  const press = async (s: string) => {
    r.stdin.write(s);
    await new Promise((res) => setImmediate(res));
  };
  const waitFor = async (text: string) => {
    const deadline = Date.now() + 10_000;
    while (!last().includes(text)) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${text}. Frame:\n${last()}`);
      await new Promise((res) => setImmediate(res));
    }
    return last();
  };
  return {
    r,
    last,
    press,
    waitFor,
    resize: (c: number, h: number) => r.rerender(el(c, h)),
    closed: () => closed,
  };
}

describe("TranscriptViewer", () => {
  it("fills the terminal but one row, shows closed tools and reasoning as summaries", async () => {
    const v = view({ columns: 60, rows: 20 });
    const screen = await v.waitFor("block 5/5");
    expect(screen.split("\n")).toHaveLength(19);
    expect(screen).toContain("❯ please edit");
    expect(screen).toContain("∴ reasoning · 2 lines · Enter opens");
    expect(screen).toContain("+2 −1 in 2 hunks · Enter opens");
    expect(screen).toContain("Sure. Editing now.");
    expect(screen).not.toContain("PWNED");
  });

  it("opens the diff in place with every hunk, and closes it again", async () => {
    const v = view({ columns: 60, rows: 30 });
    await v.waitFor("block 5/5");
    await v.press("k");
    await v.waitFor("block 4/5");
    const before = v.last().split("\n");
    await v.press("\r");
    const open = (await v.waitFor("(hunk 2/2)")).split("\n");
    // Rows above the opened block stay where they were.
    const head = before.findIndex((l) => l.includes("edit_file"));
    expect(open.slice(0, head + 1)).toEqual(before.slice(0, head + 1));
    expect(open).toContain("▌    2    │ -  return 1;");
    expect(open).toContain("▌       2 │ +  return 2;");
    expect(open).toContain("▌      21 │ +const y = 2;");
    expect(open).toContain("▌   21 22 │  export { x };");
    await v.press("\u001b[D");
    await v.waitFor("+2 −1 in 2 hunks");
    expect(v.last().split("\n")).toEqual(before);
  });

  it("e opens everything, g/G jump, and q, Esc or Ctrl+O close", async () => {
    const v = view({ columns: 60, rows: 40 });
    await v.waitFor("block 5/5");
    await v.press("e");
    const all = await v.waitFor("Then add y.");
    expect(all).toContain("(hunk 1/2)");
    await v.press("g");
    await v.waitFor("block 1/5");
    await v.press("G");
    await v.waitFor("block 5/5");
    await v.press("q");
    await v.press("\u001b");
    await v.press("\u000f");
    expect(v.closed()).toBe(3);
  });

  it("re-wraps on resize and keeps to the new height", async () => {
    const v = view({ columns: 80, rows: 24 });
    await v.waitFor("block 5/5");
    v.resize(30, 10);
    const small = await v.waitFor("block 5/5");
    const lines = small.split("\n");
    expect(lines).toHaveLength(9);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    v.resize(100, 40);
    expect((await v.waitFor("❯ please edit")).split("\n")).toHaveLength(39);
  });

  it("without colour no row carries an escape code", async () => {
    const v = view({ color: false });
    await v.waitFor("block 5/5");
    await v.press("k");
    await v.press("\r");
    await v.waitFor("(hunk 2/2)");
    expect(v.r.lastFrame()).not.toContain("\u001b");
  });

  it("/ finds a block by its words, opens it, and n / N repeat the search", async () => {
    const v = view({ columns: 60, rows: 30 });
    await v.waitFor("block 5/5");
    await v.press("/");
    await v.waitFor("/▏ (Enter finds, Esc cancels)");
    await v.press("return 2");
    await v.waitFor("/return 2▏");
    await v.press("\r");
    const found = await v.waitFor("/return 2 (n/N)");
    expect(found).toContain("block 4/5");
    expect(found).toContain("+  return 2;");
    await v.press("/add y\r");
    await v.waitFor("/add y (n/N)");
    expect(v.last()).toContain("block 2/5");
    expect(v.last()).toContain("Then add y.");
    await v.press("/nowhere\r");
    await v.waitFor('no match for "nowhere"');
    await v.press("/\u001b");
    await v.waitFor("block 2/5");
    expect(v.closed()).toBe(0);
  });
});
