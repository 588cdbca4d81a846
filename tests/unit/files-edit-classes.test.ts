// One table per class of model slip the cascade tolerates or refuses (issue 16): partial-line fuzzy matches, blank
// padding, double indentation, omission placeholders, typographic look-alikes, over-escaping, trailing whitespace,
// precise refusals, and proof that every strategy in the cascade decides some case.
import { describe, expect, it } from "vitest";
import { placeholderOf } from "../../src/tools/edit/placeholders.js";
import { CASCADE } from "../../src/tools/edit/strategies.js";
import { applyEdit } from "../../src/tools/edit-match.js";

type Row = [name: string, content: string, old: string, next: string, expected: string | RegExp];

/** A string is the exact file after the edit; a RegExp is the refusal message. */
function check([, content, old, next, expected]: Row) {
  const r = applyEdit(content, old, next);
  if (typeof expected === "string") {
    expect(r.ok, r.ok ? "" : r.message).toBe(true);
    if (r.ok) expect(r.content).toBe(expected);
  } else {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(expected);
  }
}

const table = (rows: Row[]) => it.each(rows)("%s", (...row) => check(row as Row));

const SAMPLE = "This is a sample text.\nAnother line of text.\nYet another line.\n";

describe("a fuzzy match never takes part of a line for whole lines", () => {
  table([
    [
      "the silent wrong edit is refused",
      SAMPLE,
      "This is a sample text\n",
      "This is a replaced text.\n",
      /line 1: at column 22 the file has \. \(U\+002E\) where you sent end of line/,
    ],
    [
      "a multi-line old_string cannot start mid-line fuzzily",
      "x = a(1)\n  b(2)\n",
      "a(1)\n b(2)\n",
      "z\n",
      /not found/,
    ],
    [
      "a one-line fragment stays inside its line",
      "if (x) {\n  call(one,\n    two);\n}\n",
      "call(one, two);",
      "c();",
      /not found/,
    ],
    [
      "a fragment with other spacing is replaced in place",
      "let v = f(a,   b);\n",
      "f(a, b)",
      "g(a)",
      "let v = g(a);\n",
    ],
  ]);
});

describe("blank-line padding", () => {
  table([
    [
      "old starts with a blank line the file has, new without it",
      "a\n\nfoo()\nb\n",
      "\nfoo()\n",
      "bar()\n",
      "a\nbar()\nb\n",
    ],
    [
      "old pads with a blank line the file lacks, new pads too",
      "a\n  foo()\nb\n",
      "\nfoo()\n",
      "\nbar()\n",
      "a\n  bar()\nb\n",
    ],
    [
      "old pads with a blank line the file lacks, new does not",
      "a\n  foo()\nb\n",
      "\nfoo()\n",
      "bar()\n",
      "a\n  bar()\nb\n",
    ],
    ["trailing blank padding the file lacks", "  foo()\nb\n", "foo()\n\n", "bar()\n\n", "  bar()\nb\n"],
  ]);
});

describe("indentation", () => {
  table([
    [
      "unindented old, already-indented new: shifted once",
      "class A:\n    def f(self):\n        return 1\n",
      "def f(self):\n    return 1\n",
      "    def f(self):\n        return 2\n",
      "class A:\n    def f(self):\n        return 2\n",
    ],
    ["one line, two spaces stay two", "{\n  foo()\n}\n", "foo()", "  bar()", "{\n  bar()\n}\n"],
    [
      "unindented old and new: moved to the file's indentation",
      "{\n  foo()\n}\n",
      "foo()\n",
      "bar()\nbaz()\n",
      "{\n  bar()\n  baz()\n}\n",
    ],
    [
      "tabs in the file, spaces sent",
      "f() {\n\tx()\n\ty()\n}\n",
      "    x()\n    y()",
      "    x()\n    z()",
      "f() {\n\tx()\n\tz()\n}\n",
    ],
  ]);
});

describe("omission placeholders in new_string are refused", () => {
  const file = "class A {\n  run() {}\n  stop() {}\n}\n";
  table([
    [
      "(rest of methods ...)",
      file,
      "  run() {}\n  stop() {}\n",
      "  run() { go(); }\n  (rest of methods ...)\n",
      /line 2 is a placeholder, not code: "\(rest of methods \.\.\.\)"[\s\S]*Send the full text/,
    ],
    [
      "// ... existing code ...",
      file,
      "  run() {}",
      "  // ... existing code ...\n  run() { go(); }",
      /placeholder/,
    ],
    ["# ... rest of code ...", "a = 1\nb = 2\n", "a = 1\n", "# ... rest of code ...\na = 3\n", /placeholder/],
    ["{/* ... */}", "<A>\n  <B/>\n</A>\n", "  <B/>\n", "  {/* ... */}\n  <C/>\n", /placeholder/],
    [
      "a placeholder the file already has is kept",
      "a()\n// ... rest of file ...\n",
      "a()",
      "b()\n// ... rest of file ...",
      "b()\n// ... rest of file ...\n// ... rest of file ...\n",
    ],
  ]);
  it.each([
    ['const s = "loading...";'],
    ["return x; // rest of methods ..."],
    ["..."],
    ["f(...args)"],
    ['const note = "(rest of methods ...)";'],
  ])("%s is code, not a placeholder", (line) => expect(placeholderOf(line)).toBeUndefined());
});

describe("typographic look-alikes, either direction", () => {
  table([
    [
      "curly quotes in the file, ASCII sent",
      "msg = ‘hi’\nx\n",
      "msg = 'hi'\n",
      "msg = 'bye'\n",
      "msg = 'bye'\nx\n",
    ],
    ["ASCII in the file, curly sent", 'say("hi")\n', "say(“hi”)", "say(“bye”)", "say(“bye”)\n"],
    ["en dash and ellipsis", "a – b…\nc\n", "a - b...\nc\n", "a - b...\nC\n", "a – b…\nC\n"],
    ["NBSP in the file", "x\u00a0= 1\n", "x = 1", "x = 2", "x = 2\n"],
    [
      "unchanged lines keep the file's characters",
      "“a”\n‘b’\n",
      "\"a\"\n'b'\n",
      "\"a\"\n'c'\n",
      "“a”\n'c'\n",
    ],
    ["refused when ambiguous, naming where", "a = ‘x’\nb = ’x’\n", "= 'x'", "= 'y'", /Found 2 matches/],
    [
      "refused with the code point that differs",
      "s = ‘hello’ + name\n",
      "s = 'hello' + nam\n",
      "z\n",
      /line 1: at column 5 the file has ‘ \(U\+2018\) where you sent ' \(U\+0027\)/,
    ],
  ]);
});

describe("over-escaping and trailing whitespace", () => {
  table([
    [
      '\\" and \\n in old and new',
      'say("hi")\nnext\n',
      'say(\\"hi\\")\\nnext',
      'say(\\"bye\\")\\nnext',
      'say("bye")\nnext\n',
    ],
    [
      "over-escaped and indented differently",
      '  if (s == "a") {\n    go()\n  }\n',
      'if (s == \\"a\\") {\\n  go()\\n}',
      'if (s == \\"b\\") {\\n  go()\\n}',
      '  if (s == "b") {\n    go()\n  }\n',
    ],
    [
      "trailing spaces in the file are kept on unchanged lines",
      "a  \nb\t\nc\n",
      "a\nb\n",
      "a\nB\n",
      "a  \nB\nc\n",
    ],
    ["trailing spaces sent, none in the file", "a\nb\n", "a  \nb  \n", "A\nb\n", "A\nb\n"],
  ]);
});

describe("each strategy in the cascade decides some case", () => {
  const decides: Record<string, [string, string, string]> = {
    exact: ["a\nb\n", "b", "c"],
    "line-trimmed": ["  a\n  b\n", "a\nb", "x\ny"],
    "look-alike": ["it’s\n", "it's", "it is"],
    "escape-normalised": ['p("x")\n', 'p(\\"x\\")', 'p(\\"y\\")'],
  };
  it("lists exactly these strategies, in this order", () => {
    expect(CASCADE.map(([s]) => s)).toEqual(Object.keys(decides));
  });
  it.each(Object.entries(decides))("%s", (strategy, [content, old, next]) => {
    const r = applyEdit(content, old, next);
    expect(r.ok && r.strategy).toBe(strategy);
  });
});
