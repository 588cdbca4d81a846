// The row budget and the pre-wrapped live rows: pure arithmetic and rendering, no Ink.
import { describe, expect, it } from "vitest";
import { createPainter } from "../../src/tui/render/ansi.js";
import { editorRows } from "../../src/tui/render/editor-rows.js";
import { liveRows, openFence, progressiveSource } from "../../src/tui/render/live-rows.js";
import { renderMarkdown } from "../../src/tui/render/markdown.js";
import { followTop, frameRows, planRows, tailRows, windowLabel } from "../../src/tui/render/row-budget.js";
import { guardStdout, screenRows } from "../../src/tui/render/terminal-out.js";

describe("planRows", () => {
  const total = (p: { live: number; input: number; approval: number }) => p.live + p.input + p.approval;

  it("never gives more than the frame minus the chrome", () => {
    for (const termRows of [10, 15, 24, 40, 60])
      for (const chrome of [0, 2, 5])
        for (const live of [0, 3, 100])
          for (const input of [1, 5, 40])
            for (const approval of [undefined, { base: 9, detail: 3 }, { base: 9, detail: 200 }]) {
              const p = planRows({ termRows, chrome, live, input, approval });
              expect(total(p) + chrome).toBeLessThanOrEqual(Math.max(frameRows(termRows), chrome + 1));
              expect(p.input).toBeGreaterThanOrEqual(Math.min(1, frameRows(termRows) - chrome));
            }
  });

  it("keeps half the rows for the live turn when a long prompt is recalled", () => {
    const p = planRows({ termRows: 24, chrome: 2, live: 100, input: 31 });
    expect(p.live).toBe(Math.ceil((22 - 2) / 2));
    expect(p.input).toBe(20 - p.live);
  });

  it("gives an idle input all it wants and an approval first claim", () => {
    expect(planRows({ termRows: 24, chrome: 2, live: 0, input: 12 }).input).toBe(12);
    const p = planRows({ termRows: 24, chrome: 2, live: 5, input: 3, approval: { base: 10, detail: 30 } });
    expect(p).toEqual({ live: 0, input: 1, approval: 19 });
  });
});

describe("scrolling helpers", () => {
  it("follows the focus row minimally", () => {
    expect(followTop(0, 30, 10, 31)).toBe(21);
    expect(followTop(21, 25, 10, 31)).toBe(21);
    expect(followTop(21, 3, 10, 31)).toBe(3);
    expect(followTop(50, 0, 10, 5)).toBe(0);
  });
  it("labels a window and keeps tails", () => {
    expect(windowLabel(11, 9, 200)).toBe("lines 12–20 of 200");
    expect(tailRows([1, 2, 3], 2)).toEqual([2, 3]);
    expect(tailRows([1, 2, 3], 0)).toEqual([]);
  });
});

describe("editorRows", () => {
  it("hard-wraps to the width, keeps spaces and reports the cursor row", () => {
    const { rows, cursorRow } = editorRows("abcdef  gh\nxy", 12, 4, true);
    expect(rows.map((r) => r.replace(/\u001b\[\d+m/g, ""))).toEqual(["abcd", "ef  ", "gh", "xy"]);
    expect(cursorRow).toBe(3);
  });
});

describe("progressive Markdown", () => {
  const p = createPainter(false);
  it("closes an open fence virtually and renders the partial block as code", () => {
    const src = progressiveSource("```py\ndef f():\n    return 1\n", 10_000);
    expect(openFence(src)).toBeNull();
    const out = renderMarkdown(src, { width: 40, painter: p });
    expect(out.split("\n")).toContain("      return 1");
  });
  it("re-opens the fence when only the end of a long block is kept", () => {
    const body = Array.from({ length: 500 }, (_, i) => `    line ${i}`).join("\n");
    const src = progressiveSource(`Intro\n\`\`\`js\n${body}`, 400);
    expect(src.startsWith("```js\n")).toBe(true);
    expect(src.length).toBeLessThan(450);
    expect(src.endsWith("```")).toBe(true);
  });
  it("the live rows of a finished block equal its printed rendering", () => {
    const text = "Some **bold** text and `code` that wraps across the narrow terminal width here.";
    const rows = liveRows(
      { text, reasoning: "", tools: [] },
      { width: 30, painter: p, expanded: false, maxRows: 20 },
    );
    expect(rows).toEqual(["", ...renderMarkdown(text, { width: 30, painter: p }).split("\n")]);
    expect(rows.every((r) => r.length <= 30)).toBe(true);
  });
});

describe("guardStdout", () => {
  it("removes erase-scrollback, counts it, and hides the real height from Ink only", () => {
    const writes: string[] = [];
    const fake = { isTTY: true, rows: 24, columns: 80, write: (s: string) => writes.push(s) > 0 };
    let stripped = 0;
    const out = guardStdout(fake as unknown as NodeJS.WriteStream, () => stripped++);
    out.write("\u001b[2J\u001b[3J\u001b[Hhello");
    out.write("plain");
    expect(writes).toEqual(["\u001b[2J\u001b[Hhello", "plain"]);
    expect(stripped).toBe(1);
    expect(out.rows).toBeGreaterThan(1000);
    expect(screenRows(out)).toBe(24);
  });
});
