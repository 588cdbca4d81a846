// edit_file in real temp workspaces: the read-before-edit/staleness guard, re-indentation through the tool,
// CRLF/BOM/mode preservation, real LCS diffs in details and approvals, and the two failure messages.
import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolDeniedError } from "../../src/approval/types.js";
import { editFileTool } from "../../src/tools/edit-file.js";
import { readFileTool } from "../../src/tools/read-file.js";
import { writeFileTool } from "../../src/tools/write-file.js";
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

const at = (rel: string) => path.join(ws.dir, rel);

async function readCtx(rel: string) {
  const ctx = makeContext(ws.dir);
  await run(readFileTool, { file_path: rel }, ctx);
  return ctx;
}

describe("edit_file", () => {
  it("requires a read in this session first", async () => {
    await ws.write({ "a.ts": "const a = 1;\n" });
    expect(
      await runError(
        editFileTool,
        { file_path: "a.ts", old_string: "1", new_string: "2" },
        makeContext(ws.dir),
      ),
    ).toMatch(/You must read a.ts before editing it: call read_file/);
  });

  it("refuses when the file changed on disk since the read", async () => {
    await ws.write({ "a.ts": "const a = 1;\n" });
    const ctx = await readCtx("a.ts");
    await writeFile(at("a.ts"), "const a = 100;\n");
    expect(
      await runError(editFileTool, { file_path: "a.ts", old_string: "1", new_string: "2" }, ctx),
    ).toMatch(/a.ts has changed on disk since you last read it.*Re-read it with read_file/);
    expect(await readFile(at("a.ts"), "utf8")).toBe("const a = 100;\n");
  });

  it("allows consecutive edits and edits after its own write without re-reading", async () => {
    const ctx = makeContext(ws.dir);
    await run(writeFileTool, { file_path: "n.ts", content: "a\nb\nc\n" }, ctx);
    await run(editFileTool, { file_path: "n.ts", old_string: "b", new_string: "B" }, ctx);
    await run(editFileTool, { file_path: "n.ts", old_string: "c", new_string: "C" }, ctx);
    expect(await readFile(at("n.ts"), "utf8")).toBe("a\nB\nC\n");
  });

  it("re-indents new_string to the matched region", async () => {
    await ws.write({ "m.py": "class A:\n    def f(self):\n        return 1\n" });
    const ctx = await readCtx("m.py");
    const r = await run(
      editFileTool,
      {
        file_path: "m.py",
        old_string: "def f(self):\n    return 1",
        new_string: "def f(self):\n    x = 2\n    return x",
      },
      ctx,
    );
    expect(await readFile(at("m.py"), "utf8")).toBe(
      "class A:\n    def f(self):\n        x = 2\n        return x\n",
    );
    expect(text(r)).toMatch(/matched via line-trimmed; new_string re-indented/);
  });

  it("keeps CRLF, the BOM and mode 0755", async () => {
    await ws.write({ "s.sh": "\uFEFF#!/bin/sh\r\necho one\r\necho two\r\n" });
    await chmod(at("s.sh"), 0o755);
    const ctx = await readCtx("s.sh");
    await run(
      editFileTool,
      { file_path: "s.sh", old_string: "echo one\necho two", new_string: "echo 1\necho 2" },
      ctx,
    );
    expect(await readFile(at("s.sh"), "utf8")).toBe("\uFEFF#!/bin/sh\r\necho 1\r\necho 2\r\n");
    expect((await stat(at("s.sh"))).mode & 0o777).toBe(0o755);
  });

  it("puts a real LCS diff in the approval and the details", async () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n");
    await ws.write({ "d.txt": `${body}\n` });
    const ctx = await readCtx("d.txt");
    const r = await run(
      editFileTool,
      { file_path: "d.txt", old_string: "line 10\n", new_string: "line 10\ninserted\n" },
      ctx,
    );
    expect(r.details).toMatchObject({ kind: "diff", path: "d.txt", added: 1, removed: 0, created: false });
    const req = ctx.requests[0]!;
    expect(req).toMatchObject({ tool: "edit_file", kind: "edit", title: "Edit d.txt", path: at("d.txt") });
    expect(req.detail).toBe(
      "--- a/d.txt\n+++ b/d.txt\n@@ -8,6 +8,7 @@\n line 8\n line 9\n line 10\n+inserted\n line 11\n line 12\n line 13\n",
    );
  });

  it("leaves the file untouched when denied", async () => {
    await ws.write({ "a.ts": "x\n" });
    const ctx = await readCtx("a.ts");
    ctx.answer = () => ({ approved: false, reason: "Rejected by the user." });
    const err = await run(editFileTool, { file_path: "a.ts", old_string: "x", new_string: "y" }, ctx).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ToolDeniedError);
    expect(await readFile(at("a.ts"), "utf8")).toBe("x\n");
  });

  it("gives distinct not-found and ambiguity errors", async () => {
    await ws.write({ "a.ts": "foo();\nbar();\nfoo();\n" });
    const ctx = await readCtx("a.ts");
    expect(
      await runError(editFileTool, { file_path: "a.ts", old_string: "foo();", new_string: "baz();" }, ctx),
    ).toMatch(/Found 2 matches of old_string in a.ts.*lines 1, 3.*replace_all/);
    expect(
      await runError(editFileTool, { file_path: "a.ts", old_string: "bar(1);", new_string: "q" }, ctx),
    ).toMatch(/old_string was not found in a.ts[\s\S]*closest region is lines 2-2/);
    const r = await run(
      editFileTool,
      { file_path: "a.ts", old_string: "foo();", new_string: "baz();", replace_all: true },
      ctx,
    );
    expect(text(r)).toMatch(/2 replacements at lines 1, 3/);
  });

  it("validates empty and identical strings and missing files", async () => {
    await ws.write({ "a.ts": "x\n" });
    const ctx = await readCtx("a.ts");
    expect(await runError(editFileTool, { file_path: "a.ts", old_string: "", new_string: "y" }, ctx)).toMatch(
      /old_string is empty.*write_file/,
    );
    expect(
      await runError(editFileTool, { file_path: "a.ts", old_string: "x", new_string: "x" }, ctx),
    ).toMatch(/identical/);
    expect(
      await runError(editFileTool, { file_path: "b.ts", old_string: "x", new_string: "y" }, ctx),
    ).toMatch(/File not found: b.ts.*write_file.*Did you mean: a.ts/);
  });

  it("refuses an edit that would change nothing", async () => {
    await ws.write({ "w.ts": "call(a,  b);\n" });
    const ctx = await readCtx("w.ts");
    expect(
      await runError(
        editFileTool,
        { file_path: "w.ts", old_string: "call(a, b);", new_string: "call(a,  b);" },
        ctx,
      ),
    ).toMatch(/would not change w.ts/);
    expect(ctx.requests).toHaveLength(0);
  });

  it("refuses binary files", async () => {
    await ws.write({ "bin.dat": Buffer.from("abc\0def") });
    const ctx = makeContext(ws.dir);
    ctx.state.fileStamps.set(at("bin.dat"), { mtimeMs: (await stat(at("bin.dat"))).mtimeMs, size: 7 });
    expect(
      await runError(editFileTool, { file_path: "bin.dat", old_string: "abc", new_string: "x" }, ctx),
    ).toMatch(/binary/);
  });
});
