import { describe, expect, it } from "vitest";
import { htmlToAnsi, loadHighlighter } from "../../src/tui/render/highlight.js";
import { makeUi } from "../../src/tui/render/theme.js";

const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

describe("syntax highlighting", () => {
  it("paints highlight.js spans and decodes entities, innermost styled span winning", () => {
    const { painter } = makeUi(true);
    const out = htmlToAnsi(
      '<span class="hljs-keyword">if</span> a &lt; b &amp;&amp; <span class="hljs-string">&quot;x&quot;</span>',
      painter,
    );
    expect(strip(out)).toBe('if a < b && "x"');
    expect(out).toContain(painter.paint("if", "blue"));
    expect(out).toContain(painter.paint('"x"', "green"));
  });

  it("highlights known languages (by alias too) and leaves unknown ones as they are", async () => {
    const { painter } = makeUi(true);
    const hl = await loadHighlighter(painter);
    const code = "export const x = 1; // note <b>";
    const ts = hl(code, "ts");
    expect(strip(ts)).toBe(code);
    expect(ts).not.toBe(code);
    expect(hl("print('hi')", "py")).not.toBe("print('hi')");
    expect(hl(code, "no-such-lang")).toBe(code);
    expect(hl(code, undefined)).toBe(code);
  });

  it("adds no escape codes without colour", async () => {
    const { painter } = makeUi(false);
    const hl = await loadHighlighter(painter);
    expect(hl("const a = 1;", "js")).toBe("const a = 1;");
  });
});
