// list_directory and todo_read/todo_write in real temp workspaces; plus the gitignore matcher both search
// engines and the listing rely on.
import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIST_MAX_ENTRIES, listDirectoryTool } from "../../src/tools/list-directory.js";
import { todoReadTool, todoWriteTool } from "../../src/tools/todo.js";
import { matchLayers, parseGitignore } from "../../src/utils/gitignore.js";
import {
  makeContext,
  makeWorkspace,
  run,
  runError,
  type TempWorkspace,
  text,
} from "../helpers/tool-context.js";

let ws: TempWorkspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(() => ws.cleanup());

describe("list_directory", () => {
  it("lists folders first, sorted, with sizes and counts, hiding .git and ignored entries", async () => {
    await ws.write({
      ".gitignore": "node_modules/\n*.log\n!keep.log\n",
      "b.txt": "12345",
      "A.md": "x",
      "keep.log": "k",
      "debug.log": "d",
      "src/index.ts": "",
      "src/util.ts": "",
      "node_modules/x/index.js": "",
      ".git/HEAD": "ref",
      ".github/workflows/ci.yml": "",
    });
    const r = await run(listDirectoryTool, {}, makeContext(ws.dir));
    expect(text(r)).toBe(
      [
        "Workspace root (6 entries: 2 folders, 4 files or links)",
        ".github/  (1 entry)",
        "src/  (2 entries)",
        ".gitignore  30 B",
        "A.md  1 B",
        "b.txt  5 B",
        "keep.log  1 B",
        "(2 hidden by .gitignore: debug.log, node_modules/)",
      ].join("\n"),
    );
    expect(r.details).toEqual({ kind: "list", path: ".", entries: 6, omitted: 0 });
  });

  it("applies the root .gitignore and nested ones to a subfolder", async () => {
    await ws.write({
      ".gitignore": "dist/\n",
      "pkg/.gitignore": "*.gen.ts\n",
      "pkg/a.ts": "",
      "pkg/a.gen.ts": "",
      "pkg/dist/out.js": "",
    });
    const out = text(await run(listDirectoryTool, { directory_path: "pkg" }, makeContext(ws.dir)));
    expect(out).toContain("a.ts  0 B");
    expect(out).not.toMatch(/a\.gen\.ts {2}/);
    expect(out).toContain("(2 hidden by .gitignore: a.gen.ts, dist/)");
  });

  it("shows symlinks as such", async () => {
    await ws.write({ "real.txt": "abc" });
    await symlink("real.txt", path.join(ws.dir, "link.txt"));
    await symlink("nowhere", path.join(ws.dir, "broken"));
    const out = text(await run(listDirectoryTool, {}, makeContext(ws.dir)));
    expect(out).toContain("link.txt -> real.txt  (symlink, 3 B)");
    expect(out).toContain("broken -> nowhere  (symlink, dangling)");
  });

  it("caps the listing and counts what was left out", async () => {
    const dir = path.join(ws.dir, "many");
    await mkdir(dir);
    const files: Record<string, string> = {};
    for (let i = 0; i < LIST_MAX_ENTRIES + 20; i++) files[`many/f${String(i).padStart(4, "0")}.txt`] = "";
    await ws.write(files);
    const r = await run(listDirectoryTool, { directory_path: "many" }, makeContext(ws.dir));
    expect(text(r)).toContain(`… 20 more entries not shown (listing capped at ${LIST_MAX_ENTRIES}).`);
    expect(r.details).toEqual({ kind: "list", path: "many", entries: LIST_MAX_ENTRIES, omitted: 20 });
  });

  it("explains files, missing folders and outside paths", async () => {
    await ws.write({ "src/a.ts": "" });
    const ctx = makeContext(ws.dir);
    expect(await runError(listDirectoryTool, { directory_path: "src/a.ts" }, ctx)).toMatch(
      /is a file.*read_file/,
    );
    expect(await runError(listDirectoryTool, { directory_path: "scr" }, ctx)).toMatch(
      /Folder not found: scr. Did you mean: src/,
    );
    expect(await runError(listDirectoryTool, { directory_path: ".." }, ctx)).toMatch(/outside the workspace/);
  });
});

describe("gitignore matcher", () => {
  const check = (rules: string, rel: string, isDir = false) =>
    matchLayers([{ base: "/r", rules: parseGitignore(rules) }], `/r/${rel}`, isDir);
  it.each([
    ["*.log", "a.log", false, "ignore"],
    ["*.log", "deep/x/a.log", false, "ignore"],
    ["/build", "build", true, "ignore"],
    ["/build", "sub/build", true, undefined],
    ["docs/*.md", "docs/a.md", false, "ignore"],
    ["docs/*.md", "docs/sub/a.md", false, undefined],
    ["docs/*.md", "x/docs/a.md", false, undefined],
    ["**/gen", "a/b/gen", true, "ignore"],
    ["a/**/z", "a/z", false, "ignore"],
    ["a/**/z", "a/b/c/z", false, "ignore"],
    ["out/", "out", false, undefined],
    ["out/", "x/out", true, "ignore"],
    ["*.log\n!keep.log", "keep.log", false, "include"],
    ["# comment\n\\#hash", "#hash", false, "ignore"],
    ["f?o.[ch]", "fxo.c", false, "ignore"],
    ["f[!a]o", "fao", false, undefined],
    ["trailing   ", "trailing", false, "ignore"],
    ["vendor/**", "vendor/a/b.js", false, "ignore"],
  ])("%j vs %s (dir %s) → %s", (rules, rel, isDir, want) => {
    expect(check(rules, rel, isDir)).toBe(want);
  });
});

describe("todo_read / todo_write", () => {
  it("replaces and returns the full list, per session state", async () => {
    const ctx = makeContext(ws.dir);
    expect(text(await run(todoReadTool, {}, ctx))).toBe("No todos.");
    const todos = [
      { id: "1", content: "Write tests", status: "completed", priority: "high" },
      { id: "2", content: "Implement", status: "in_progress", priority: "medium" },
      { id: "3", content: "Docs", status: "pending", priority: "low" },
    ];
    const w = await run(todoWriteTool, { todos }, ctx);
    expect(text(w)).toBe(
      "Todo list updated (3 items: 1 completed, 1 in progress, 1 pending):\n" +
        "[x] Write tests  (id: 1, high)\n[~] Implement  (id: 2, medium)\n[ ] Docs  (id: 3, low)",
    );
    expect(w.details).toEqual({ kind: "todo", todos });
    expect(ctx.state.todos).toEqual(todos);
    const r = await run(todoReadTool, {}, ctx);
    expect(text(r)).toContain("[~] Implement");
    expect(text(await run(todoReadTool, {}, makeContext(ws.dir)))).toBe("No todos.");
  });

  it("rejects duplicate ids and bad statuses; warns on several in progress", async () => {
    const ctx = makeContext(ws.dir);
    const item = { id: "a", content: "x", status: "in_progress", priority: "high" };
    expect(await runError(todoWriteTool, { todos: [item, item] }, ctx)).toMatch(/Duplicate todo id "a"/);
    await expect(run(todoWriteTool, { todos: [{ ...item, status: "done" }] }, ctx)).rejects.toThrow();
    const w = await run(todoWriteTool, { todos: [item, { ...item, id: "b" }] }, ctx);
    expect(text(w)).toMatch(/Warning: 2 items are in progress/);
    expect(text(await run(todoWriteTool, { todos: [] }, ctx))).toBe("Todo list cleared.");
  });
});
