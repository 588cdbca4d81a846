// What the model sees of the file tools: JSON schemas and descriptions are snapshotted so any change shows in
// review; plus accept/reject cases for the zod parameters and abort/escape behaviour shared by the read-only tools.
import { symlink } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editFileTool } from "../../src/tools/edit-file.js";
import { listDirectoryTool } from "../../src/tools/list-directory.js";
import { readFileTool } from "../../src/tools/read-file.js";
import { createSearchFilesTool } from "../../src/tools/search-files.js";
import { todoReadTool, todoWriteTool } from "../../src/tools/todo.js";
import { type Tool, toolSchema } from "../../src/tools/tool.js";
import { writeFileTool } from "../../src/tools/write-file.js";
import { makeContext, makeWorkspace, run, runError, type TempWorkspace } from "../helpers/tool-context.js";

const tools: Tool[] = [
  readFileTool,
  writeFileTool,
  editFileTool,
  listDirectoryTool,
  createSearchFilesTool(),
  todoReadTool,
  todoWriteTool,
];

describe("file tool schemas", () => {
  it("match the snapshot", () => {
    expect(tools.map((t) => ({ ...toolSchema(t), readOnly: t.readOnly }))).toMatchSnapshot();
  });

  it("use the reference's parameter names", () => {
    const props = (t: Tool) => Object.keys((toolSchema(t).function.parameters.properties ?? {}) as object);
    expect(tools.map((t) => [t.name, props(t)])).toEqual([
      ["read_file", ["file_path", "offset", "limit"]],
      ["write_file", ["file_path", "content"]],
      ["edit_file", ["file_path", "old_string", "new_string", "expected_replacements", "replace_all"]],
      ["list_directory", ["directory_path"]],
      ["search_files", ["search_term", "directory_path", "file_extensions", "case_sensitive"]],
      ["todo_read", []],
      ["todo_write", ["todos"]],
    ]);
  });

  it.each([
    [readFileTool, { file_path: "a" }, true],
    [readFileTool, { file_path: "a", offset: 1.5 }, false],
    [readFileTool, { file_path: "a", limit: 0 }, false],
    [readFileTool, {}, false],
    [writeFileTool, { file_path: "a", content: "" }, true],
    [editFileTool, { file_path: "a", old_string: "x", new_string: "y", expected_replacements: 0 }, false],
    [editFileTool, { file_path: "a", old_string: "x", new_string: "y", replace_all: true }, true],
    [listDirectoryTool, {}, true],
    [createSearchFilesTool(), { search_term: "x", file_extensions: "ts" }, false],
    [todoWriteTool, { todos: [{ id: "1", content: "c", status: "pending", priority: "urgent" }] }, false],
  ] as const)("%# accepts or rejects arguments", (tool, args, ok) => {
    expect((tool as Tool).parameters.safeParse(args).success).toBe(ok);
  });
});

describe("read-only tools: escapes and abort", () => {
  let ws: TempWorkspace;
  let outside: TempWorkspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
    outside = await makeWorkspace("pa-outside-");
    await outside.write({ "secret.txt": "needle secret" });
    await ws.write({ "a.txt": "needle\n" });
    await symlink(outside.dir, path.join(ws.dir, "outlink"));
  });
  afterAll(async () => {
    await ws.cleanup();
    await outside.cleanup();
  });

  it("refuses a folder symlink leading outside for list_directory and search_files", async () => {
    const ctx = makeContext(ws.dir);
    expect(await runError(listDirectoryTool, { directory_path: "outlink" }, ctx)).toMatch(
      /outside the workspace/,
    );
    for (const engine of ["js", "auto"] as const) {
      const tool = createSearchFilesTool({ engine });
      expect(await runError(tool, { search_term: "needle", directory_path: "outlink" }, ctx)).toMatch(
        /outside/,
      );
      const all = await run(tool, { search_term: "needle" }, ctx);
      expect(all.content).not.toContain("secret");
    }
  });

  it("stops when the session aborts", async () => {
    const ctx = makeContext(ws.dir);
    const ac = new AbortController();
    ac.abort();
    ctx.signal = ac.signal;
    for (const engine of ["js", "auto"] as const) {
      expect(await runError(createSearchFilesTool({ engine }), { search_term: "needle" }, ctx)).toMatch(
        /cancelled/,
      );
    }
    expect(await runError(readFileTool, { file_path: "a.txt" }, ctx)).toMatch(/cancelled/);
  });
});
