// search_files: the JS engine's contract on a tricky temp tree (ignores, hidden, binary, size and line caps,
// symlinks, odd names, CRLF), and parity — the rg engine must give byte-identical output for every query.
// The parity block skips cleanly when ripgrep is not installed.
import { mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchWithJs } from "../../src/tools/search/js-engine.js";
import { compilePattern, toRustRegex } from "../../src/tools/search/regex.js";
import { RgCollector, RgCountCollector } from "../../src/tools/search/rg-collect.js";
import { createRgDetector } from "../../src/tools/search/rg-engine.js";
import { createSearchFilesTool } from "../../src/tools/search-files.js";
import {
  makeContext,
  makeWorkspace,
  run,
  runError,
  type TempWorkspace,
  text,
} from "../helpers/tool-context.js";

const rgPath = await createRgDetector().find();
let ws: TempWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace("pa-search-");
  await mkdir(path.join(ws.dir, ".git"));
  await mkdir(path.join(ws.dir, "sub-repo/.git"), { recursive: true });
  await ws.write({
    ".gitignore": "ignored/\n*.tmp\n!important.tmp\n",
    "src/a.ts": "const needle = 1;\nNEEDLE upper\nfunction find(x) { return x; }\n",
    "src/b.tsx": "export const B = () => <needle />;\n",
    "src/deep/c.d.ts": "declare const needle: number;\n",
    "src/.hidden/h.ts": "needle in hidden dir\n",
    "src/.dot.ts": "needle in hidden file\n",
    "ignored/x.ts": "needle ignored\n",
    "x.tmp": "needle tmp\n",
    "important.tmp": "needle important\n",
    "pkg/.gitignore": "gen/\n",
    "pkg/gen/g.ts": "needle generated\n",
    "pkg/p.ts": "needle pkg 42\n",
    "sub-repo/ignored/s.ts": "needle in nested repo\n",
    "colon:name.txt": "needle colon\n",
    "space name.md": "a needle with spaces\n",
    "bin.dat": Buffer.from("needle\0binary\n"),
    "big.txt": `needle\n${"z".repeat(1024 * 1024)}\n`,
    "crlf.txt": "needle\r\nfoo needle\r\n",
    "long.txt": `${"a".repeat(600)} needle\n${"b".repeat(20_001)} needle\nshort needle\n`,
    "many.txt": Array.from({ length: 150 }, (_, i) => `needle ${i + 1}`).join("\n"),
    "uni.txt": "ünïcode needle 😀 ok\nnaïve\n",
    "words.txt": "needles\nneedle_x\nneedle-y\n a1b2\n",
  });
  await symlink("src/a.ts", path.join(ws.dir, "link.ts"));
  await symlink("src", path.join(ws.dir, "linkdir"));
});
afterAll(() => ws.cleanup());

const jsTool = createSearchFilesTool({ engine: "js" });
const search = async (args: Record<string, unknown>) => text(await run(jsTool, args, makeContext(ws.dir)));

describe("search_files (JS engine contract)", () => {
  it("honours .gitignore (root, nested, negation, nested repo) and skips hidden, binary, big and symlinks", async () => {
    // many.txt ("needle 1".."needle 150") would fill the 100-match cap: leave it out of this query.
    const out = await search({ search_term: "needle(?! \\d)" });
    const files = new Set(
      out
        .split("\n")
        .slice(1)
        .map((l) => l.slice(0, l.search(/:\d+:/))),
    );
    expect([...files].sort()).toEqual(
      [
        "colon:name.txt",
        "crlf.txt",
        "important.tmp",
        "long.txt",
        "pkg/p.ts",
        "space name.md",
        "src/a.ts",
        "src/b.tsx",
        "src/deep/c.d.ts",
        "sub-repo/ignored/s.ts",
        "uni.txt",
        "words.txt",
      ].sort(),
    );
  });

  it("caps at 100 matches sorted by path then line, 100 per file, and reports the total", async () => {
    const out = await search({ search_term: "needle" });
    const lines = out.split("\n");
    expect(lines[0]).toMatch(
      /^Found 117 matches in 13 files for \/needle\/ in the workspace; showing the first 100/,
    );
    expect(lines).toHaveLength(101);
    expect(lines[1]).toBe("colon:name.txt:1: needle colon");
    expect(lines.slice(1, 8)).toContain("long.txt:3: short needle");
    expect(lines).toContain(`long.txt:2: ${"b".repeat(500)}… [truncated]`);
    expect(out).toContain(`long.txt:1: ${"a".repeat(500)}… [truncated]`);
  });

  it("filters extensions with or without the dot, case-insensitively, and compound ones", async () => {
    const a = await search({ search_term: "needle", file_extensions: ["ts"] });
    const b = await search({ search_term: "needle", file_extensions: [".TS"] });
    expect(a).toBe(b);
    expect(a).toContain("src/deep/c.d.ts:1:");
    expect(a).not.toContain("src/b.tsx");
    expect(await search({ search_term: "needle", file_extensions: ["d.ts"] })).toMatch(
      /^Found 1 match in 1 file/,
    );
    expect(
      await runError(jsTool, { search_term: "x", file_extensions: ["*/x"] }, makeContext(ws.dir)),
    ).toMatch(/not an extension/);
  });

  it("searches a subfolder with the ancestors' ignore rules", async () => {
    expect(await search({ search_term: "needle", directory_path: "pkg" })).toBe(
      "Found 1 match in 1 file for /needle/ in pkg:\npkg/p.ts:1: needle pkg 42",
    );
  });

  it("supports case-insensitivity and reports invalid patterns", async () => {
    expect(await search({ search_term: "NEEDLE", file_extensions: ["ts"] })).toMatch(/^Found 1 match/);
    expect(await search({ search_term: "NEEDLE", case_sensitive: false, file_extensions: ["ts"] })).toMatch(
      /^Found 5 matches in 4 files/,
    );
    expect(await search({ search_term: "(?i)NEEDLE", file_extensions: ["ts"] })).toMatch(/^Found 5 matches/);
    expect(await runError(jsTool, { search_term: "foo(" }, makeContext(ws.dir))).toMatch(
      /not a valid regular expression/,
    );
    expect(await search({ search_term: "definitely-absent" })).toBe(
      "No matches for /definitely-absent/ in the workspace.",
    );
  });
});

describe("JS engine regex guard", () => {
  it("stops a catastrophically backtracking pattern with a clear error instead of hanging", async () => {
    const query = {
      cwd: ws.dir,
      root: ws.dir,
      source: "(a+)+$",
      flags: "u",
      caseSensitive: true,
      extensions: [],
    };
    await ws.write({ "redos.txt": `${"a".repeat(40)}b\n` });
    try {
      await expect(
        searchWithJs(query, new AbortController().signal, { batchTimeoutMs: 300 }),
      ).rejects.toThrow(/took more than 0.3 s to match.*catastrophically/);
    } finally {
      await rm(path.join(ws.dir, "redos.txt"));
    }
  });
});

describe("regex translation to Rust", () => {
  it.each([
    ["foo", "foo"],
    ["a.b", "a[^\\n\\r\\x{2028}\\x{2029}]b"],
    ["\\d+\\w", "[0-9]+[0-9A-Za-z_]"],
    ["[\\w-]", "[0-9A-Za-z_-]"],
    ["\\bx\\b", "(?-u:\\b)x(?-u:\\b)"],
    ["\\/path\\.", "\\x{2F}path\\x{2E}"],
    ["(?<name>x)", "(?P<name>x)"],
    ["[[a]", "[\\x{5B}a]"],
    ["a&&b", "a&&b"],
    ["x#y z", "x\\x{23}y\\x{20}z"],
  ])("%s → %s", (js, rust) => {
    expect(toRustRegex(js)).toBe(rust);
  });
  it.each(["(?=x)", "(?<!x)y", "(a)\\1", "[^]", "\\k<n>"])("%s has no Rust form", (js) => {
    expect(toRustRegex(js)).toBeNull();
  });
  it("compiles JS-style escapes without the u flag as a fallback", () => {
    expect(compilePattern("a\\-b", true).flags).toBe("");
    expect(compilePattern("a-b", false).flags).toBe("iu");
  });
});

describe.skipIf(!rgPath)("search_files engine parity (ripgrep installed)", () => {
  const rgTool = createSearchFilesTool({ engine: "rg" });
  const queries: Array<Record<string, unknown>> = [
    { search_term: "needle" },
    { search_term: "needle", case_sensitive: false },
    { search_term: "NEEDLE" },
    { search_term: "(?i)needle" },
    { search_term: "needle", file_extensions: ["ts"] },
    { search_term: "needle", file_extensions: [".ts", "tsx"] },
    { search_term: "needle", file_extensions: ["d.ts"] },
    { search_term: "needle", file_extensions: ["TMP"] },
    { search_term: "need.e$" },
    { search_term: "needle$" },
    { search_term: "^needle" },
    { search_term: "\\bneedle\\b" },
    { search_term: "needle\\w" },
    { search_term: "needle[\\s-]" },
    { search_term: "\\d{2}" },
    { search_term: "[a-z]\\d[a-z]\\d" },
    { search_term: "n.ïve|😀" },
    { search_term: "(needle|find)\\(" },
    { search_term: "colon|spaces" },
    { search_term: "needle", directory_path: "pkg" },
    { search_term: "needle", directory_path: "src" },
    { search_term: "needle", directory_path: "sub-repo" },
    { search_term: "needle", directory_path: "ignored" },
    { search_term: "needle", directory_path: "src/.hidden" },
    { search_term: "return x;" },
    { search_term: "\\/\\/|<\\w+ \\/>" },
    { search_term: "absent-term" },
  ];
  for (const q of queries) {
    it(`identical results for ${JSON.stringify(q)}`, async () => {
      const ctx = makeContext(ws.dir);
      const [js, rg] = [await run(jsTool, q, ctx), await run(rgTool, q, ctx)];
      expect(text(rg)).toBe(text(js));
      expect({ ...rg.details, engine: "x" }).toEqual({ ...js.details, engine: "x" });
      expect(rg.details).toMatchObject({ engine: "rg" });
    });
  }

  it("stays identical on large result sets and late-binary files", async () => {
    const big = await makeWorkspace("pa-search-big-");
    try {
      const files: Record<string, string | Buffer> = {};
      for (let i = 0; i < 40; i++) {
        files[`bulk/f${String(39 - i).padStart(2, "0")}.txt`] = Array.from(
          { length: 120 },
          (_, l) => `hit ${i} ${l}`,
        ).join("\n");
      }
      // The size cap is inclusive: exactly 1 MB is searched, one byte more is not.
      files["bulk/size-exact.txt"] = `hit size\n${"s".repeat(1024 * 1024 - 9)}`;
      files["bulk/size-over.txt"] = `hit size\n${"s".repeat(1024 * 1024 - 8)}`;
      // A NUL far past rg's first buffer: rg reports matches, then the file as binary; both engines drop it.
      files["bulk/a-late-binary.txt"] = Buffer.concat([
        Buffer.from("hit early\n"),
        Buffer.alloc(200_000, 97),
        Buffer.from("\0"),
      ]);
      await big.write(files);
      const ctx = makeContext(big.dir);
      for (const q of [
        { search_term: "hit" },
        { search_term: "hit 3\\d" },
        { search_term: "hit", directory_path: "bulk" },
      ]) {
        const [js, rg] = [await run(jsTool, q, ctx), await run(rgTool, q, ctx)];
        expect(text(rg)).toBe(text(js));
        expect({ ...rg.details, engine: "x" }).toEqual({ ...js.details, engine: "x" });
      }
      expect(text(await run(rgTool, { search_term: "hit" }, ctx))).toMatch(/^Found 4001 matches in 41 files/);
      expect(text(await run(jsTool, { search_term: "hit size" }, ctx))).toContain(
        "bulk/size-exact.txt:1: hit size",
      );
      expect(text(await run(jsTool, { search_term: "hit size" }, ctx))).not.toContain("size-over");
    } finally {
      await big.cleanup();
    }
  });

  it("falls back to the JS engine for look-around in auto mode, refuses it when rg is forced", async () => {
    const ctx = makeContext(ws.dir);
    const auto = await run(createSearchFilesTool(), { search_term: "needle(?= pkg)" }, ctx);
    expect(text(auto)).toContain("pkg/p.ts:1: needle pkg 42");
    expect(auto.details).toMatchObject({ engine: "js" });
    await expect(run(rgTool, { search_term: "needle(?= pkg)" }, ctx)).rejects.toThrow(/JavaScript-only/);
  });
});

describe("ripgrep detection", () => {
  it("caches one lookup per detector and reports a missing binary as null", async () => {
    const missing = createRgDetector("definitely-not-rg-protoagent");
    const first = missing.find();
    expect(missing.find()).toBe(first);
    expect(await first).toBeNull();
    const ctx = makeContext(ws.dir);
    expect(
      await runError(createSearchFilesTool({ engine: "rg", detector: missing }), { search_term: "x" }, ctx),
    ).toMatch(/not installed/);
    const auto = await run(createSearchFilesTool({ detector: missing }), { search_term: "colon" }, ctx);
    expect(auto.details).toMatchObject({ engine: "js", matches: 1 });
  });
});

describe("ripgrep output parsers", () => {
  const query = { cwd: "/w", root: "/w", source: "x", flags: "u", caseSensitive: true, extensions: [] };
  it("count parser survives chunks split inside a UTF-8 sequence and skips hidden paths", () => {
    const c = new RgCountCollector(query);
    const bytes = Buffer.from("/w/é/a.txt\u00003\n/w/.git/x\u00001\n/w/b:c.txt\u00002\n");
    for (let i = 0; i < bytes.length; i += 3) c.push(bytes.subarray(i, i + 3));
    expect(c.result()).toEqual([
      { abs: "/w/b:c.txt", rel: "b:c.txt", count: 2 },
      { abs: "/w/é/a.txt", rel: "é/a.txt", count: 3 },
    ]);
  });
  it("line parser keeps colons in names and drops a file rg reports as binary", () => {
    const c = new RgCollector(query);
    const out = Buffer.from(
      '/w/a:b.txt\u00007:x: y\n/w/bin.dat\u00001:x\n/w/bin.dat: WARNING: stopped searching binary file after match (found "\\0" byte around offset 9)\n/w/z.txt\u000012:x\r\n',
    );
    for (let i = 0; i < out.length; i += 5) c.push(out.subarray(i, i + 5));
    expect(c.result()).toEqual({
      matches: [
        { path: "a:b.txt", line: 7, text: "x: y" },
        { path: "z.txt", line: 12, text: "x\r" },
      ],
      total: 2,
      files: 2,
    });
  });
});

describe("engine fallback", () => {
  it("answers with the JS engine when the detected rg cannot be spawned", async () => {
    const ghost = { find: async () => "/nonexistent/rg-protoagent" };
    const r = await run(
      createSearchFilesTool({ detector: ghost }),
      { search_term: "colon" },
      makeContext(ws.dir),
    );
    expect(r.details).toMatchObject({ engine: "js", matches: 1 });
  });
});
