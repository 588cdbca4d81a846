import { describe, expect, it } from "vitest";
import { createPainter, stripAnsi, visibleWidth } from "../../src/tui/render/ansi.js";
import { renderMarkdown } from "../../src/tui/render/markdown.js";
import { sanitizeForTerminal } from "../../src/tui/render/sanitize.js";
import { itemText, toolLines } from "../../src/tui/render/transcript-text.js";
import { expandTabs, wrapAnsi } from "../../src/tui/render/wrap.js";
import type { ToolView } from "../../src/tui/state/app-types.js";

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("wrapAnsi keeps leading whitespace", () => {
  it("keeps indentation of short lines, and blank lines stay blank", () => {
    expect(wrapAnsi("def f(x):\n    if x:\n        return 1\n\n    return 2", 40)).toEqual([
      "def f(x):",
      "    if x:",
      "        return 1",
      "",
      "    return 2",
    ]);
    expect(wrapAnsi("   ", 10)).toEqual([""]);
  });

  it("hangs continuation rows of a long indented line at its own indent", () => {
    const rows = wrapAnsi("    return compute(alpha, beta) + compute(gamma, delta)", 24);
    expect(rows).toEqual(["    return", "    compute(alpha, beta)", "    + compute(gamma,", "    delta)"]);
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(24);
    const long = wrapAnsi(`      ${"x".repeat(40)}`, 16);
    expect(long.every((r) => r.startsWith("      ") && visibleWidth(r) <= 16)).toBe(true);
    expect(long.join("").replace(/ /g, "")).toBe("x".repeat(40));
  });

  it("never lets indentation wider than the line overflow, nor drops it", () => {
    const rows = wrapAnsi(`${" ".repeat(25)}x`, 10);
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(10);
    expect(rows.join("").indexOf("x")).toBe(25);
  });

  it("is ANSI-aware: escapes before or inside the indent keep it and take no width", () => {
    const p = createPainter(true);
    const line = p.paint("        x = compute(a, b, c)", "green");
    const rows = wrapAnsi(line, 20);
    expect(stripAnsi(rows[0] ?? "")).toBe("        x =");
    expect(stripAnsi(rows[1] ?? "")).toBe("        compute(a,");
    expect(rows[0]?.startsWith("\u001b[32m        x")).toBe(true);
    expect(stripAnsi(wrapAnsi("  \u001b[36mdef\u001b[39m f():", 40)[0] ?? "")).toBe("  def f():");
  });

  it("expands tabs to 4-column stops so the measured width is the shown width", () => {
    expect(expandTabs("\tif x:\n")).toBe("    if x:\n");
    expect(expandTabs("ab\tc")).toBe("ab  c");
    expect(expandTabs("\u001b[31m+\u001b[39m\treturn")).toBe("\u001b[31m+\u001b[39m   return");
    expect(wrapAnsi("\t\treturn 1", 40)).toEqual(["        return 1"]);
  });

  it("still wraps prose without leading spaces on continuation rows", () => {
    expect(wrapAnsi("hello world this is a paragraph", 11)).toEqual([
      "hello world",
      "this is a",
      "paragraph",
    ]);
  });
});

describe("code blocks and diffs keep indentation", () => {
  it("renders a fenced Python block with its indentation (plain and highlighted)", () => {
    const md = "```python\ndef f(x):\n    if x:\n        return 1\n    return 2\n```";
    const plain = renderMarkdown(md, { width: 80, painter: createPainter(false) }).split("\n");
    expect(plain).toEqual([" python", "  def f(x):", "      if x:", "          return 1", "      return 2"]);
  });

  it("keeps diff context indentation in tool bodies", () => {
    const t: ToolView = {
      callId: "c",
      name: "edit_file",
      description: { subject: "a.py" } as ToolView["description"],
      status: "done",
      live: "",
      startedAt: 0,
      details: {
        kind: "diff",
        path: "a.py",
        diff: "@@ -1,3 +1,3 @@\n def f(x):\n-    return 1\n+    return 2\n         pass",
        added: 1,
        removed: 1,
        created: false,
      },
    };
    const lines = toolLines(t, true, 80, createPainter(false));
    // Numbered like the transcript viewer's diffs (diff-view.ts); the code's own indentation follows the sign.
    expect(lines.slice(1)).toEqual([
      "  @@ -1,3 +1,3 @@",
      "  1 1 │  def f(x):",
      "  2   │ -    return 1",
      "    2 │ +    return 2",
      "  3 3 │          pass",
    ]);
  });
});

describe("sanitizeForTerminal", () => {
  const cases: [string, string, string][] = [
    ["OSC 0 title (BEL)", "a\u001b]0;pwned\u0007b", "ab"],
    ["OSC 2 title (ST)", "a\u001b]2;pwned\u001b\\b", "ab"],
    ["OSC 52 clipboard", "x\u001b]52;c;cm0gLXJmIH4=\u0007y", "xy"],
    [
      "OSC 8 hyperlink",
      "see \u001b]8;;https://evil.example\u001b\\here\u001b]8;;\u001b\\ now",
      "see here now",
    ],
    ["CSI 2K erase line", "run `ls\u001b[2K` ok", "run `ls` ok"],
    ["CSI ?1049h alt screen", "a\u001b[?1049hb", "ab"],
    ["CSI SGR from a tool", "\u001b[1;31merror\u001b[0m: x", "error: x"],
    ["DCS string", "a\u001bPq#0;2;0;0;0\u001b\\b", "ab"],
    ["APC / PM / SOS", "a\u001b_x\u001b\\b\u001b^y\u001b\\c\u001bXz\u001b\\d", "abcd"],
    ["C1 CSI", "a\u009b2Jb", "ab"],
    ["C1 OSC with ST", "a\u009d0;t\u009cb", "ab"],
    ["bare C1 controls", "a\u0085\u008db", "ab"],
    ["bare ESC", "a\u001b", "a"],
    ["ESC before text", "a\u001bcb", "acb"],
    ["charset switch", "\u001b(Bok", "ok"],
    ["CR overwrite", "safe\rrm -rf ~", "saferm -rf ~"],
    ["CRLF", "a\r\nb", "a\nb"],
    ["BEL, BS, NUL, DEL", "a\u0007\u0008\u0000\u007fb", "ab"],
    ["unterminated OSC keeps its text", "a\u001b]0;title", "a]0;title"],
    ["tabs and newlines stay", "a\tb\nc", "a\tb\nc"],
    ["unicode stays", "héllo — 世界 🙂", "héllo — 世界 🙂"],
  ];
  it.each(cases)("%s", (_name, input, want) => {
    const out = sanitizeForTerminal(input);
    expect(out).toBe(want);
    expect(UNSAFE.test(out)).toBe(false);
  });

  it("is applied to every printed item and tool part, before our own styling", () => {
    const ctx = {
      width: 80,
      painter: createPainter(true),
      header: { version: "0", model: "m", sessionId: "s", cwd: "/", mode: "default" },
    };
    const hostile = "x\u001b]0;T\u0007\u001b[2K\u009b1J\u001b]52;c;QQ==\u0007y";
    const items = [
      { kind: "markdown", id: 1, text: `answer ${hostile}` },
      { kind: "reasoning", id: 2, text: hostile },
      { kind: "notice", id: 3, level: "warn", text: `Rejected: \`${hostile}\`` },
      { kind: "output", id: 4, title: hostile, body: hostile },
      { kind: "user", id: 5, text: hostile },
    ] as const;
    for (const item of items) {
      const out = itemText(item, ctx);
      // Only SGR (ours) may remain.
      expect(UNSAFE.test(out.replace(/\u001b\[[0-9;]*m/g, ""))).toBe(false);
      expect(stripAnsi(out)).toContain("xy");
    }
    const tool: ToolView = {
      callId: "c",
      name: `mcp_${hostile}`,
      description: { subject: `file${hostile}.txt` } as ToolView["description"],
      status: "error",
      summary: hostile,
      content: `out ${hostile}`,
      live: "",
      startedAt: 0,
    };
    const out = toolLines(tool, true, 80, createPainter(true)).join("\n");
    expect(UNSAFE.test(out.replace(/\u001b\[[0-9;]*m/g, ""))).toBe(false);
  });
});
