// Unit tables for the pure pieces of the shell policy: word decoding, option parsing, the sed and awk
// validators, character screening, environment scrubbing and bounded output capture.
import { describe, expect, it } from "vitest";
import { findDenied, longMatches, parseArgs } from "../../src/tools/shell/argv.js";
import { isReadOnlyAwkProgram } from "../../src/tools/shell/awk.js";
import { isScrubbed, shellEnvironment } from "../../src/tools/shell/env.js";
import { OutputCapture, sanitizeOutput } from "../../src/tools/shell/output.js";
import { screenCharacters, visibleEscapes } from "../../src/tools/shell/screen.js";
import { isReadOnlySedScript } from "../../src/tools/shell/sed.js";
import { decodeWord, looseDecode } from "../../src/tools/shell/words.js";

describe("decodeWord", () => {
  it.each([
    ["abc", "abc", undefined],
    ["'a b'", "a b", undefined],
    ['"a b"', "a b", undefined],
    ['a"b"c', "abc", undefined],
    ["a\\ b", "a b", undefined],
    ['"a\\"b"', 'a"b', undefined],
    ['"a\\nb"', "a\\nb", undefined],
    ["*.ts", "*.ts", "*.ts"],
    ["'*'.ts", "*.ts", undefined],
    ["src/'*'*", "src/**", "src/\\**"],
    ["\\*", "*", undefined],
    ["HEAD~3", "HEAD~3", undefined],
    ["@{u}", "@{u}", undefined],
  ])("%s → %s", (src, value, glob) => {
    const r = decodeWord(src);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.word).toEqual(glob === undefined ? { value } : { value, glob });
  });
  it.each([
    "$x",
    "a$b",
    '"$x"',
    "`id`",
    '"`id`"',
    "~",
    "~/x",
    "a=~/x",
    "x:~/y",
    "{a,b}",
    "a{1..3}",
    "a\\",
    "'open",
  ])("refuses %s", (src) => expect(decodeWord(src).ok).toBe(false));
  it("decodes loosely for hard-block detection", () => {
    expect(looseDecode("r''m")).toBe("rm");
    expect(looseDecode('"$HOME"')).toBe("$HOME");
    expect(looseDecode("\\/")).toBe("/");
    expect(looseDecode("$'/'")).toBe("/");
  });
});

describe("parseArgs", () => {
  it("splits clusters, attached and separate values, and --", () => {
    const p = parseArgs(["-la", "-n5", "-k", "2", "--max-count=3", "--lines", "4", "file", "--", "-x"], {
      shortValue: "nk",
      longValue: ["--lines"],
    });
    expect(p.options).toEqual([
      { name: "-l" },
      { name: "-a" },
      { name: "-n", value: "5" },
      { name: "-k", value: "2" },
      { name: "--max-count", value: "3" },
      { name: "--lines", value: "4" },
    ]);
    expect(p.operands).toEqual(["file", "-x"]);
  });
  it("matches GNU abbreviations of denied long options", () => {
    expect(longMatches("--out", "--output")).toBe(true);
    expect(longMatches("--o", "--output")).toBe(true);
    expect(longMatches("--outputs", "--output")).toBe(false);
    expect(findDenied(parseArgs(["-ni"], {}), ["-i"])).toBe("-i");
    expect(findDenied(parseArgs(["--compress-prog=sh"], {}), ["--compress-program"])).toBe(
      "--compress-program",
    );
  });
});

describe("sed scripts", () => {
  it.each([
    "p",
    "1p",
    "1,20p",
    "$p",
    "/foo/p",
    "/a\\/b/p",
    "2,$p",
    "5q",
    "s/a/b/",
    "s/a/b/g",
    "s#a#b#gI",
    "s/a/b/2",
    "1d",
    "/^$/d",
    "y/abc/xyz/",
    "1!G;h;$!d",
    "=",
    "0~3p",
    "s/a;w x/b/",
    "l",
    "n;p",
    "s/[/]/x/",
    "/[/]/p",
    "s/[[:alpha:]/]/x/g",
    "s/[]/]/x/",
  ])("read-only: %s", (s) => expect(isReadOnlySedScript(s)).toBe(true));
  it.each([
    "w out",
    "1w out",
    "s/a/b/w out",
    "s/a/b/e",
    "e id",
    "r /etc/passwd",
    "R x",
    "W x",
    "1e",
    "a text",
    "i text",
    "c text",
    "{p}",
    "s/a/b",
    "s/a/b/ge",
    "F",
    "z;w x",
    "p;w x",
    "s/a/b/gw x",
    "v",
    "Q;e",
    "s/[/]/;p;/w out/p",
    "/[/]/w out",
    "s/[[:alpha:]/]/x/w out",
    "s/[/x/",
  ])("asks: %s", (s) => expect(isReadOnlySedScript(s)).toBe(false));
});

describe("awk programs", () => {
  it.each([
    "{print $1}",
    "NR==2",
    "$1 > 1",
    "{ if ($1 > 1) print $1 }",
    "END {print NR}",
    '$1 == "a" || $2 == "b"',
    "{sum += $1} END {print sum}",
    "length > 80",
    '{printf "%s\\n", $2}',
    "{print ($1 > 2)}",
    '{print "a|b"}',
    "/a|b/",
    "$1 ~ /x>y/ {print}",
    "{print $1 / 2}",
    "# comment with | and >\n{print}",
    "/\\//",
    "/[/]/ {print}",
  ])("read-only: %s", (p) => expect(isReadOnlyAwkProgram(p)).toBe(true));
  it.each([
    'BEGIN {system("id")}',
    '{print | "sh"}',
    '{print > "f"}',
    '{print >> "f"}',
    '{printf "%s", $1 > "f"}',
    '{"date" | getline d}',
    '{getline x < "/etc/passwd"}',
    '@load "x"',
    "{close(x)}",
    '{print $1 |& "cat"}',
    "{fflush()}",
    '{print $1>"out"}',
    '/"/ {print > "f"}',
    '{print /"/ > "f"}',
    '"unterminated',
    "/open",
    '{print "a" > "f" # "}',
    '{print 1 /"/ > "f"; x = "/"}',
  ])("asks: %s", (p) => expect(isReadOnlyAwkProgram(p)).toBe(false));
});

describe("character screening", () => {
  it.each([
    "ls\u200b",
    "ls\u202e",
    "\ufeffls",
    "ls\u00a0x",
    "a\rb",
    "a\u0000",
    "a\u2066",
    "x\u2028",
    "x\udb40\udc41",
  ])("flags %j", (c) => expect(screenCharacters(c)).not.toBeNull());
  it("passes tabs, newlines and ordinary Unicode", () => {
    expect(screenCharacters("grep -n 'héllo → 世界' a\tb\nls")).toBeNull();
  });
  it("flags over-long commands", () => {
    expect(screenCharacters("a".repeat(10_001))).toMatch(/10001 characters/);
  });
  it("makes invisible characters visible", () => {
    expect(visibleEscapes("ls\u202erm")).toBe("ls\\u{202e}rm");
  });
});

describe("environment scrubbing", () => {
  it.each([
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "GITHUB_TOKEN",
    "GH_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_PROFILE",
    "PROTOAGENT_API_KEY",
    "DB_PASSWORD",
    "MY_SECRET",
    "NPM_TOKEN",
    "BASH_ENV",
    "ENV",
    "LD_PRELOAD",
    "DYLD_INSERT_LIBRARIES",
    "GIT_EXTERNAL_DIFF",
    "GIT_SSH_COMMAND",
    "NODE_OPTIONS",
    "BASH_FUNC_ls%%",
    "PROMPT_COMMAND",
    "SLACK_WEBHOOK",
  ])("drops %s", (name) => expect(isScrubbed(name, "x")).toBe(true));
  it.each([
    "PATH",
    "HOME",
    "LANG",
    "TERM",
    "USER",
    "SHELL",
    "TMPDIR",
    "LC_ALL",
    "JAVA_HOME",
    "SSH_AUTH_SOCK",
    "EDITOR",
  ])("keeps %s", (name) => expect(isScrubbed(name, "/usr/bin")).toBe(false));
  it("drops values that look like keys under innocent names", () => {
    expect(isScrubbed("FOO", "sk-abcdefghijklmnopqrstuvwxyz")).toBe(true);
    expect(isScrubbed("FOO", "ghp_abcdef")).toBe(true);
  });
  it("hardens git through GIT_CONFIG_*", () => {
    const env = shellEnvironment({ PATH: "/bin", OPENAI_API_KEY: "sk-x", GIT_DIR: "/evil" });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.PATH).toBe("/bin");
    expect(env.GIT_TERMINAL_PROMPT).toBe("0");
    expect(env.PAGER).toBe("cat");
    const count = Number(env.GIT_CONFIG_COUNT);
    const pairs = Array.from(
      { length: count },
      (_, i) => `${env[`GIT_CONFIG_KEY_${i}`]}=${env[`GIT_CONFIG_VALUE_${i}`]}`,
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        "core.fsmonitor=false",
        "core.hooksPath=/dev/null",
        "core.pager=cat",
        "safe.bareRepository=explicit",
      ]),
    );
  });
});

describe("output capture", () => {
  it("keeps everything below the limits", () => {
    const c = new OutputCapture(10, 10);
    c.add("hello ", 6);
    c.add("world", 5);
    expect(c.result()).toEqual({ text: "hello world", truncated: false, totalBytes: 11 });
  });
  it("keeps head and tail and counts the total", () => {
    const c = new OutputCapture(5, 5);
    for (let i = 0; i < 1000; i++) c.add("0123456789", 10);
    const r = c.result();
    expect(r.truncated).toBe(true);
    expect(r.totalBytes).toBe(10_000);
    expect(r.text.startsWith("01234")).toBe(true);
    expect(r.text.endsWith("56789")).toBe(true);
    expect(r.text).toMatch(/output truncated: 9\.8 KB in total; 9990 characters omitted/);
  });
  it("strips terminal escapes and control characters", () => {
    expect(sanitizeOutput("\u001b[31mred\u001b[0m a\r\nb\rc\u0007\u001b]0;title\u0007")).toBe("red a\nb\nc");
  });
});
