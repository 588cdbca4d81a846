import { describe, expect, it } from "vitest";
import { createPainter, stripAnsi, visibleWidth } from "../../src/tui/render/ansi.js";
import { renderMarkdown } from "../../src/tui/render/markdown.js";
import { splitBlocks, splitStable } from "../../src/tui/render/stream-split.js";
import { wrapAnsi } from "../../src/tui/render/wrap.js";

const plain = (md: string, width = 80) => renderMarkdown(md, { width, painter: createPainter(false) });
const color = (md: string, width = 80) => renderMarkdown(md, { width, painter: createPainter(true) });

describe("markdown rendering", () => {
  it("renders headings, emphasis, code spans and links", () => {
    const out = color("# Title\n\nSome **bold**, *it* and `code` [docs](https://x.dev).");
    expect(out).toContain("\u001b[1m");
    expect(stripAnsi(out)).toBe("Title\n\nSome bold, it and code docs (https://x.dev).");
    expect(plain("## Sub")).toBe("## Sub");
  });

  it("does not italicise globs", () => {
    const out = color("Match src/*.ts and lib/*.js please");
    expect(out).not.toContain("\u001b[3m");
    expect(stripAnsi(out)).toBe("Match src/*.ts and lib/*.js please");
    expect(color("real *emphasis* here")).toContain("\u001b[3memphasis");
  });

  it("aligns tables and fits them to narrow widths", () => {
    const md = "| Name | Size |\n|:--|--:|\n| a | 1 |\n| a much longer name that wraps | 12345 |";
    const wide = plain(md).split("\n");
    expect(wide[0]).toMatch(/^ Name\s+│\s+Size$/);
    expect(wide[2]).toMatch(/│\s+1$/);
    const narrow = plain(md, 30).split("\n");
    for (const l of narrow) expect(visibleWidth(l)).toBeLessThanOrEqual(30);
    expect(narrow.join(" ")).toContain("wraps");
  });

  it("renders lists with numbering, nesting and tasks", () => {
    expect(plain("3. c\n4. d")).toBe("3. c\n4. d");
    expect(plain("- a\n  - b\n- [x] done")).toBe("• a\n  • b\n[x] done");
  });

  it("highlights fenced code through the injected highlighter", () => {
    const out = renderMarkdown("```ts\nconst a = 1;\n```", {
      width: 80,
      painter: createPainter(true),
      highlight: (code, lang) => `<${lang}>${code}`,
    });
    expect(stripAnsi(out)).toBe(" ts\n  <ts>const a = 1;");
  });

  it("wraps paragraphs to the width without losing words", () => {
    const text = "word ".repeat(30).trim();
    const lines = plain(text, 40).split("\n");
    for (const l of lines) expect(visibleWidth(l)).toBeLessThanOrEqual(40);
    expect(lines.join(" ").split(" ").length).toBe(30);
    expect(wrapAnsi("x".repeat(25), 10)).toEqual(["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"]);
  });

  it("renders the same whether streamed block by block or at once", () => {
    const doc =
      "# T\n\nPara one\ncontinues.\n\n```js\nlet a = 1;\n\nlet b = 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\nEnd.";
    let rest = "";
    const blocks: string[] = [];
    for (let i = 0; i < doc.length; i += 3) {
      const { stable, tail } = splitStable(rest + doc.slice(i, i + 3));
      if (stable.trim()) blocks.push(stable.trimEnd());
      rest = tail;
    }
    if (rest.trim()) blocks.push(rest.trimEnd());
    expect(blocks.map((b) => plain(b)).join("\n\n")).toBe(plain(doc));
  });

  it("cuts complete blocks into bounded pieces at block boundaries that render the same", () => {
    const doc =
      "# T\n\nPara one\ncontinues.\n\n```js\nlet a = 1;\n\nlet b = 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\n";
    const stable = doc.repeat(5);
    for (const max of [10, 40, 100, 1000]) {
      const parts = splitBlocks(stable, max);
      expect(parts.join("")).toBe(stable);
      for (const p of parts) expect(splitStable(p)).toEqual({ stable: p, tail: "" });
      const longest = Math.max(...stable.split("\n\n").map((b) => b.length));
      for (const p of parts) expect(p.length).toBeLessThanOrEqual(Math.max(max, 0) + longest + 2);
      expect(parts.map((p) => plain(p.trimEnd())).join("\n\n")).toBe(plain(stable.trimEnd()));
    }
    expect(splitBlocks(stable, 1000).length).toBe(1);
  });
});
