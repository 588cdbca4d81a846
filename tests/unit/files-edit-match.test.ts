// Table tests of the pure edit cascade: strategy order, re-indentation, uniqueness, counts and messages.
import { describe, expect, it } from "vitest";
import { applyEdit, reindent } from "../../src/tools/edit-match.js";

interface Case {
  name: string;
  content: string;
  old: string;
  new: string;
  opts?: { expectedReplacements?: number; replaceAll?: boolean };
  out?: string;
  strategy?: string;
  fail?: "invalid" | "not-found" | "ambiguous" | "count-mismatch";
  message?: RegExp;
}

const cases: Case[] = [
  { name: "exact single", content: "a\nb\nc\n", old: "b", new: "B", out: "a\nB\nc\n", strategy: "exact" },
  {
    name: "exact multi-line",
    content: "x\n  y\n  z\n",
    old: "  y\n  z",
    new: "  w",
    out: "x\n  w\n",
    strategy: "exact",
  },
  { name: "exact deletion", content: "keep\ndrop\nkeep2\n", old: "drop\n", new: "", out: "keep\nkeep2\n" },
  {
    name: "line-trimmed re-indents deeper",
    content: "function f() {\n    if (a) {\n        go();\n    }\n}\n",
    old: "if (a) {\n    go();\n}",
    new: "if (b) {\n    stop();\n}",
    out: "function f() {\n    if (b) {\n        stop();\n    }\n}\n",
    strategy: "line-trimmed",
  },
  {
    name: "line-trimmed re-indents shallower",
    content: "x = 1\ny = 2\n",
    old: "    x = 1\n    y = 2",
    new: "    x = 10\n    y = 20\n    z = 30",
    out: "x = 10\ny = 20\nz = 30\n",
    strategy: "line-trimmed",
  },
  {
    name: "line-trimmed tolerates trailing spaces in file",
    content: "a  \nb\t\nc\n",
    old: "a\nb",
    new: "A\nB",
    out: "A\nB\nc\n",
    strategy: "line-trimmed",
  },
  {
    name: "tabs in file, spaces in old_string",
    content: "func main() {\n\tfmt.Println(1)\n\treturn\n}\n",
    old: "    fmt.Println(1)\n    return",
    new: "    fmt.Println(2)\n    if x {\n        return\n    }",
    out: "func main() {\n\tfmt.Println(2)\n\tif x {\n\t    return\n\t}\n}\n",
    strategy: "line-trimmed",
  },
  {
    name: "trailing newline in old and new",
    content: "  a\n  b\nc\n",
    old: "a\nb\n",
    new: "x\ny\n",
    out: "  x\n  y\nc\n",
  },
  {
    name: "old has trailing newline, new drops it: lines join",
    content: "  a\n  b\nc\n",
    old: "a\nb\n",
    new: "z",
    out: "  zc\n",
  },
  {
    name: "look-alike: whitespace runs inside a line",
    content: "const x = foo(a,   b);\n",
    old: "foo(a, b)",
    new: "bar(a, b)",
    out: "const x = bar(a, b);\n",
    strategy: "look-alike",
  },
  {
    name: "a one-line fragment never matches across a line break",
    content: "if (x) {\n    call(one,\n         two);\n}\n",
    old: "call(one, two);",
    new: "call(one,\n  two, three);",
    fail: "not-found",
  },
  {
    name: "escape-normalised",
    content: 'say("hi")\nnext\n',
    old: 'say(\\"hi\\")\\nnext',
    new: 'say(\\"bye\\")\\nnext',
    out: 'say("bye")\nnext\n',
    strategy: "escape-normalised",
  },
  {
    name: "padding the fragment match leaves out is left out of new_string too",
    content: "alpha beta gamma\n",
    old: "  beta  ",
    new: "  BETA  ",
    out: "alpha BETA gamma\n",
    strategy: "look-alike",
  },
  {
    name: "exact ambiguous",
    content: "x\nx\n",
    old: "x",
    new: "y",
    fail: "ambiguous",
    message: /Found 2 matches.*lines 1, 2/,
  },
  { name: "replace_all", content: "x\nx\n", old: "x", new: "y", opts: { replaceAll: true }, out: "y\ny\n" },
  {
    name: "expected count ok",
    content: "x x x",
    old: "x",
    new: "y",
    opts: { expectedReplacements: 3 },
    out: "y y y",
  },
  {
    name: "expected count mismatch",
    content: "x x",
    old: "x",
    new: "y",
    opts: { expectedReplacements: 3 },
    fail: "count-mismatch",
    message: /Expected 3 replacements but found 2/,
  },
  {
    name: "stricter ambiguity is never resolved by a looser strategy",
    content: "  foo()\nfoo()\n",
    old: "foo()",
    new: "bar()",
    fail: "ambiguous",
  },
  {
    name: "line-trimmed ambiguity is reported, not narrowed",
    content: "a {\n  b\n}\n  a {\n    b\n  }\n",
    old: "a {\nb\n}",
    new: "c",
    fail: "ambiguous",
    message: /via line-trimmed/,
  },
  { name: "empty old_string", content: "x", old: "", new: "y", fail: "invalid", message: /write_file/ },
  { name: "identical strings", content: "x", old: "x", new: "x", fail: "invalid", message: /identical/ },
  {
    name: "not found shows the closest region and what differs",
    content: "one\ntwo\nconst value = compute(a);\nfour\n",
    old: "const value = compute(b);",
    new: "z",
    fail: "not-found",
    message:
      /closest region is lines 3-3[\s\S]*line 3: at column 23 the file has a \(U\+0061\) where you sent b \(U\+0062\)[\s\S]*compute\(b\)/,
  },
  {
    name: "not found multi-line names the differing line",
    content: "a\nb\nc\nd\n",
    old: "b\nX\nd",
    new: "z",
    fail: "not-found",
    message: /lines 2-4, where 2 of 3 lines match exactly[\s\S]*line 3/,
  },
];

describe("applyEdit cascade", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = applyEdit(c.content, c.old, c.new, c.opts);
      if (c.fail) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.reason).toBe(c.fail);
          if (c.message) expect(r.message).toMatch(c.message);
        }
        return;
      }
      expect(r.ok, r.ok ? "" : r.message).toBe(true);
      if (r.ok) {
        expect(r.content).toBe(c.out);
        if (c.strategy) expect(r.strategy).toBe(c.strategy);
      }
    });
  }

  it("reports the line of each replacement", () => {
    const r = applyEdit("a\nx\nb\nx\n", "x", "y", { replaceAll: true });
    expect(r.ok && r.lines).toEqual([2, 4]);
  });
});

describe("reindent", () => {
  it.each([
    ["a\n  b", "", "    ", "    a\n      b"],
    ["    a\n      b\n  c", "    ", "", "a\n  b\nc"],
    ["  a\n\n  b", "  ", "\t", "\ta\n\n\tb"],
  ])("%j from %j to %j", (input, from, to, expected) => {
    expect(reindent(input, from, to)).toBe(expected);
  });
});
