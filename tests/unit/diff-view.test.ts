// diff-view: every hunk, old/new line numbers, word highlights on paired lines, indentation kept (tabs, CRLF),
// rows never wider than the width, and plain text without colour (NO_COLOR).
import { describe, expect, it } from "vitest";
import { createPainter, stripAnsi, visibleWidth } from "../../src/tui/render/ansi.js";
import { diffSummary, parseUnifiedDiff, renderDiff } from "../../src/tui/render/diff-view.js";
import { unifiedDiff } from "../../src/utils/diff.js";

const plain = createPainter(false);
const color = createPainter(true);
const file = (n: number) => `${Array.from({ length: n }, (_, i) => `line ${i + 1}`).join("\n")}\n`;

describe("diff-view", () => {
  it("numbers old and new lines in a gutter, hunk by hunk", () => {
    const before = file(40);
    const after = before.replace("line 5\n", "line five\n").replace("line 30\n", "line 30\nline 30b\n");
    const { diff } = unifiedDiff("a.txt", before, after);
    const hunks = parseUnifiedDiff(diff);
    expect(hunks).toHaveLength(2);
    const rows = renderDiff(diff, { width: 60, painter: plain });
    expect(rows).toContain("@@ -2,7 +2,7 @@  (hunk 1/2)");
    expect(rows).toContain(" 5    │ -line 5");
    expect(rows).toContain("    5 │ +line five");
    expect(rows).toContain(" 6  6 │  line 6");
    // After the second change new numbers run one ahead of old ones.
    expect(rows.find((r) => r.startsWith("   31 │ +"))).toBe("   31 │ +line 30b");
    expect(rows).toContain("31 32 │  line 31");
    expect(rows.some((r) => r.startsWith("@@") && r.includes("(hunk 2/2)"))).toBe(true);
    expect(diffSummary(diff)).toBe("+2 −1 in 2 hunks");
  });

  it("leaves nothing out, however long the diff", () => {
    const before = file(500);
    const after = before.replace(/line (\d*0)\n/g, "LINE $1\n");
    const { diff, added, removed } = unifiedDiff("big.txt", before, after);
    const rows = renderDiff(diff, { width: 80, painter: plain });
    expect(rows.filter((r) => / \+LINE/.test(r))).toHaveLength(added);
    expect(rows.filter((r) => / -line/.test(r))).toHaveLength(removed);
    expect(rows.filter((r) => r.startsWith("@@"))).toHaveLength(parseUnifiedDiff(diff).length);
    expect(rows.some((r) => r.includes("LINE 500"))).toBe(true);
  });

  it("highlights the changed words of paired lines, not the whole line", () => {
    const diff = "@@ -1,1 +1,1 @@\n-const total = price * count;\n+const total = price * amount;";
    const [, del, add] = renderDiff(diff, { width: 80, painter: color });
    const inverse = (s: string | undefined) =>
      [...(s ?? "").matchAll(/\u001b\[7m([^\u001b]*)/g)].map((m) => m[1]);
    expect(inverse(del)).toEqual(["count"]);
    expect(inverse(add)).toEqual(["amount"]);
    expect(del).toContain("\u001b[31m");
    expect(add).toContain("\u001b[32m");
    // Rewritten lines share too little to mark words in.
    const rewrite = renderDiff("@@ -1 +1 @@\n-alpha beta gamma\n+completely different", {
      width: 80,
      painter: color,
    });
    expect(rewrite.join("")).not.toContain("\u001b[7m");
  });

  it("keeps indentation: tabs become spaces, CR is dropped, leading spaces stay", () => {
    const diff = "@@ -1,2 +1,2 @@\r\n \tif (x) {\r\n-\t\treturn 1;\r\n+\t\treturn 2;\r\n";
    const rows = renderDiff(diff, { width: 60, painter: plain });
    expect(rows).toEqual([
      "@@ -1,2 +1,2 @@",
      "1 1 │      if (x) {",
      "2   │ -        return 1;",
      "  2 │ +        return 2;",
    ]);
    expect(rows.join("")).not.toContain("\r");
  });

  it("wraps long lines under the gutter and never exceeds the width", () => {
    const long = "x".repeat(150);
    const rows = renderDiff(`@@ -1 +1 @@\n-${long}\n+${long}y`, { width: 40, painter: color });
    for (const r of rows) expect(visibleWidth(r)).toBeLessThanOrEqual(40);
    expect(stripAnsi(rows[2] ?? "")).toMatch(/^ {3} ┆ {2}x+$/);
  });

  it("removes escape sequences a file may hold", () => {
    const rows = renderDiff("@@ -1 +1 @@\n-a\u001b]0;title\u0007b\n+a\u001b[2Kc", {
      width: 40,
      painter: plain,
    });
    expect(rows.join("\n")).not.toContain("\u001b");
    expect(rows).toContain("1   │ -ab");
  });

  it("without colour the rows carry no escape codes at all", () => {
    const { diff } = unifiedDiff("a", "one two\n", "one three\n");
    expect(renderDiff(diff, { width: 40, painter: plain }).join("\n")).not.toContain("\u001b");
  });
});
