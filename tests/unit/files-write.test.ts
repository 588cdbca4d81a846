// write_file in real temp workspaces: creation with parents, atomic replace keeping mode/CRLF/BOM, the
// read-before-overwrite guard, approvals (full diff, denial, protected paths) and symlink handling.
import { chmod, lstat, readFile, readlink, stat, symlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ToolDeniedError } from "../../src/approval/types.js";
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
let outside: TempWorkspace;
let oldUmask: number;
beforeAll(() => {
  oldUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(oldUmask);
});
beforeEach(async () => {
  ws = await makeWorkspace();
  outside = await makeWorkspace("pa-outside-");
});
afterEach(async () => {
  await ws.cleanup();
  await outside.cleanup();
});

const at = (rel: string) => path.join(ws.dir, rel);

describe("write_file", () => {
  it("creates a new file in new nested folders with 0644, after approval of the diff", async () => {
    const ctx = makeContext(ws.dir);
    const r = await run(writeFileTool, { file_path: "a/b/c/new.txt", content: "one\ntwo\n" }, ctx);
    expect(await readFile(at("a/b/c/new.txt"), "utf8")).toBe("one\ntwo\n");
    expect((await stat(at("a/b/c/new.txt"))).mode & 0o777).toBe(0o644);
    expect(text(r)).toBe("Created a/b/c/new.txt (2 lines).");
    expect(r.details).toMatchObject({
      kind: "diff",
      path: "a/b/c/new.txt",
      added: 2,
      removed: 0,
      created: true,
    });
    expect(ctx.requests).toHaveLength(1);
    expect(ctx.requests[0]).toMatchObject({
      tool: "write_file",
      kind: "write",
      title: "Create a/b/c/new.txt",
    });
    expect(ctx.requests[0]!.detail).toContain(
      "--- /dev/null\n+++ b/a/b/c/new.txt\n@@ -0,0 +1,2 @@\n+one\n+two",
    );
    expect(ctx.requests[0]!.path).toBe(at("a/b/c/new.txt"));
  });

  it("refuses to overwrite a file the session has not read, and a stale one", async () => {
    await ws.write({ "f.txt": "old\n" });
    const ctx = makeContext(ws.dir);
    expect(await runError(writeFileTool, { file_path: "f.txt", content: "new\n" }, ctx)).toMatch(
      /You must read f.txt before overwriting it/,
    );
    await run(readFileTool, { file_path: "f.txt" }, ctx);
    await writeFile(at("f.txt"), "changed by the user\n");
    expect(await runError(writeFileTool, { file_path: "f.txt", content: "new\n" }, ctx)).toMatch(
      /has changed on disk since you last read it/,
    );
    expect(await readFile(at("f.txt"), "utf8")).toBe("changed by the user\n");
    expect(ctx.requests).toHaveLength(0);
  });

  it("keeps mode 0755, CRLF line endings and the BOM of an existing file", async () => {
    await ws.write({ "run.sh": "\uFEFF#!/bin/sh\r\necho hi\r\n" });
    await chmod(at("run.sh"), 0o755);
    const ctx = makeContext(ws.dir);
    await run(readFileTool, { file_path: "run.sh" }, ctx);
    const r = await run(writeFileTool, { file_path: "run.sh", content: "#!/bin/sh\necho bye\n" }, ctx);
    expect(await readFile(at("run.sh"), "utf8")).toBe("\uFEFF#!/bin/sh\r\necho bye\r\n");
    expect((await stat(at("run.sh"))).mode & 0o777).toBe(0o755);
    expect(r.details).toMatchObject({ added: 1, removed: 1, created: false });
    expect(ctx.requests[0]!.detail).toContain("-echo hi\n+echo bye");
    // The stamp is refreshed, so a second write needs no re-read.
    await run(writeFileTool, { file_path: "run.sh", content: "#!/bin/sh\n" }, ctx);
    expect(await readFile(at("run.sh"), "utf8")).toBe("\uFEFF#!/bin/sh\r\n");
  });

  it("does not ask when the content is already there", async () => {
    await ws.write({ "same.txt": "a\r\nb\r\n" });
    const ctx = makeContext(ws.dir);
    await run(readFileTool, { file_path: "same.txt" }, ctx);
    const r = await run(writeFileTool, { file_path: "same.txt", content: "a\nb\n" }, ctx);
    expect(text(r)).toBe("No change: same.txt already has exactly this content.");
    expect(ctx.requests).toHaveLength(0);
  });

  it("leaves the file untouched when the user refuses, passing the feedback on", async () => {
    const ctx = makeContext(ws.dir);
    ctx.answer = () => ({
      approved: false,
      reason: "User rejected the write.",
      feedback: "use docs/ instead",
    });
    const err = await run(writeFileTool, { file_path: "x.txt", content: "x" }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolDeniedError);
    expect((err as ToolDeniedError).feedback).toBe("use docs/ instead");
    await expect(stat(at("x.txt"))).rejects.toThrow();
  });

  it("marks protected paths in the approval request", async () => {
    const ctx = makeContext(ws.dir);
    await run(writeFileTool, { file_path: ".env.local", content: "A=1\n" }, ctx);
    await run(writeFileTool, { file_path: "notes.md", content: "n\n" }, ctx);
    expect(ctx.requests.map((r) => r.protectedPath)).toEqual([true, false]);
  });

  it("refuses a change made while the approval was pending", async () => {
    await ws.write({ "f.txt": "v1\n" });
    const ctx = makeContext(ws.dir);
    await run(readFileTool, { file_path: "f.txt" }, ctx);
    ctx.approve = async () => {
      await writeFile(at("f.txt"), "v2 by someone else\n");
      await utimes(at("f.txt"), new Date(), new Date(Date.now() + 5000));
      return { approved: true, by: "test" };
    };
    expect(await runError(writeFileTool, { file_path: "f.txt", content: "mine\n" }, ctx)).toMatch(
      /changed on disk while the write was waiting/,
    );
    expect(await readFile(at("f.txt"), "utf8")).toBe("v2 by someone else\n");
  });

  it("writes through an inside symlink to its target and keeps the link", async () => {
    await ws.write({ "target.txt": "t\n" });
    await symlink("target.txt", at("link.txt"));
    const ctx = makeContext(ws.dir);
    await run(readFileTool, { file_path: "link.txt" }, ctx);
    await run(writeFileTool, { file_path: "link.txt", content: "updated\n" }, ctx);
    expect((await lstat(at("link.txt"))).isSymbolicLink()).toBe(true);
    expect(await readlink(at("link.txt"))).toBe("target.txt");
    expect(await readFile(at("target.txt"), "utf8")).toBe("updated\n");
  });

  it("refuses symlinks leading outside (even dangling), outside paths and read-only roots", async () => {
    await outside.write({ "victim.txt": "keep\n" });
    await symlink(path.join(outside.dir, "victim.txt"), at("evil.txt"));
    await symlink(path.join(outside.dir, "new.txt"), at("dangling.txt"));
    await symlink(outside.dir, at("outdir"));
    const ro = makeContext(ws.dir, { readOnlyRoots: [outside.dir] });
    const ctx = makeContext(ws.dir);
    for (const p of [
      "evil.txt",
      "dangling.txt",
      "outdir/x.txt",
      "../escape.txt",
      path.join(outside.dir, "x"),
    ]) {
      expect(await runError(writeFileTool, { file_path: p, content: "pwned" }, ctx)).toMatch(
        /outside the workspace/,
      );
    }
    expect(
      await runError(writeFileTool, { file_path: path.join(outside.dir, "x"), content: "y" }, ro),
    ).toMatch(/read-only/);
    expect(await readFile(path.join(outside.dir, "victim.txt"), "utf8")).toBe("keep\n");
    await expect(stat(path.join(outside.dir, "new.txt"))).rejects.toThrow();
    expect(ctx.requests).toHaveLength(0);
  });

  it("refuses a directory and a path below a file", async () => {
    await ws.write({ "file.txt": "x" });
    const ctx = makeContext(ws.dir);
    expect(await runError(writeFileTool, { file_path: ".", content: "x" }, ctx)).toMatch(/is a directory/);
    expect(await runError(writeFileTool, { file_path: "file.txt/sub.txt", content: "x" }, ctx)).toMatch(
      /parent of it is a file/,
    );
  });
});
