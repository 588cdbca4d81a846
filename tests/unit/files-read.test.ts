// read_file in real temp workspaces: numbering, windows and hints, caps, binary refusal, suggestions, stamps,
// and the path policy (outside paths, symlinks leading out, read-only roots).
import { mkdir, open, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { READ_MAX_LINE_CHARS, readFileTool } from "../../src/tools/read-file.js";
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
beforeEach(async () => {
  ws = await makeWorkspace();
  outside = await makeWorkspace("pa-outside-");
});
afterEach(async () => {
  await ws.cleanup();
  await outside.cleanup();
});

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join("\n");

describe("read_file", () => {
  it("numbers lines from 1 and reports the end of file", async () => {
    await ws.write({ "a.txt": "alpha\nbeta\n" });
    const r = await run(readFileTool, { file_path: "a.txt" }, makeContext(ws.dir));
    expect(text(r)).toBe("     1\talpha\n     2\tbeta\n\n(End of file: 2 lines.)");
    expect(r.details).toEqual({ kind: "read", path: "a.txt", startLine: 1, endLine: 2, totalLines: 2 });
  });

  it("shows a window with the total and the offset to continue with", async () => {
    await ws.write({ "a.txt": lines(10) });
    const r = text(await run(readFileTool, { file_path: "a.txt", offset: 3, limit: 4 }, makeContext(ws.dir)));
    expect(r).toContain("     3\tline 3\n     4\tline 4\n     5\tline 5\n     6\tline 6\n");
    expect(r).not.toContain("line 7");
    expect(r).toContain("Showing lines 3-6 of 10. 4 more lines: use offset=7 to read on.");
    const next = text(await run(readFileTool, { file_path: "a.txt", offset: 7 }, makeContext(ws.dir)));
    expect(next.split("\n")[0]).toBe("     7\tline 7");
    expect(next).toContain("end of file at 10");
  });

  it("treats offset 0 as 1 and refuses offsets past the end", async () => {
    await ws.write({ "a.txt": lines(3) });
    const ctx = makeContext(ws.dir);
    expect(text(await run(readFileTool, { file_path: "a.txt", offset: 0 }, ctx))).toMatch(/^ {5}1\tline 1/);
    expect(await runError(readFileTool, { file_path: "a.txt", offset: 9 }, ctx)).toMatch(
      /offset 9 is past the end of a.txt, which has 3 lines/,
    );
  });

  it("counts a last line without a newline, strips CR and the BOM", async () => {
    await ws.write({ "w.txt": "\uFEFFone\r\ntwo\r\nthree" });
    const r = text(await run(readFileTool, { file_path: "w.txt" }, makeContext(ws.dir)));
    expect(r).toBe("     1\tone\n     2\ttwo\n     3\tthree\n\n(End of file: 3 lines.)");
  });

  it("cuts long lines and marks them", async () => {
    await ws.write({ "long.txt": `${"x".repeat(READ_MAX_LINE_CHARS + 50)}\nshort\n` });
    const r = text(await run(readFileTool, { file_path: "long.txt" }, makeContext(ws.dir)));
    expect(r).toContain(
      `… [line truncated: first ${READ_MAX_LINE_CHARS} of ${READ_MAX_LINE_CHARS + 50} chars shown]`,
    );
    expect(r).toContain("     2\tshort");
  });

  it("handles an empty file", async () => {
    await ws.write({ "e.txt": "" });
    expect(text(await run(readFileTool, { file_path: "e.txt" }, makeContext(ws.dir)))).toContain("is empty");
  });

  it("refuses binary files with a clear message", async () => {
    await ws.write({ "img.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
    expect(await runError(readFileTool, { file_path: "img.png" }, makeContext(ws.dir))).toMatch(
      /img.png looks like a binary file/,
    );
  });

  it("points directories to list_directory", async () => {
    await mkdir(path.join(ws.dir, "src"));
    expect(await runError(readFileTool, { file_path: "src" }, makeContext(ws.dir))).toMatch(
      /use list_directory/i,
    );
  });

  it("suggests similar names for a missing file in an existing folder", async () => {
    await ws.write({ "src/config.ts": "", "src/other.ts": "", "lib/deep/util.ts": "" });
    const ctx = makeContext(ws.dir);
    expect(await runError(readFileTool, { file_path: "src/confg.ts" }, ctx)).toMatch(
      /File not found: src\/confg.ts. Did you mean: src\/config.ts/,
    );
    expect(await runError(readFileTool, { file_path: "src/util.ts" }, ctx)).toMatch(/lib\/deep\/util.ts/);
    expect(await runError(readFileTool, { file_path: "nope/config.js" }, ctx)).toMatch(/src\/config.ts/);
  });

  it("records the file stamp for the staleness guard", async () => {
    await ws.write({ "a.txt": "x\n" });
    const ctx = makeContext(ws.dir);
    await run(readFileTool, { file_path: "a.txt" }, ctx);
    expect(ctx.state.fileStamps.get(path.join(ws.dir, "a.txt"))?.size).toBe(2);
  });

  it("stops reading after the window on a huge file", async () => {
    const big = path.join(ws.dir, "big.log");
    const fh = await open(big, "w");
    const chunk = Buffer.from(`${"y".repeat(99)}\n`.repeat(10_000)); // 1 MB
    for (let i = 0; i < 40; i++) await fh.write(chunk);
    await fh.close();
    const r = text(await run(readFileTool, { file_path: "big.log", limit: 5 }, makeContext(ws.dir)));
    expect(r).toContain("     5\t");
    expect(r).toContain("continues past what was counted. Use offset=6");
  });

  it("caps the output size and says where to continue", async () => {
    await ws.write({ "wide.txt": Array.from({ length: 100 }, () => "z".repeat(1500)).join("\n") });
    const r = text(await run(readFileTool, { file_path: "wide.txt" }, makeContext(ws.dir)));
    expect(r).toMatch(/Showing lines 1-(\d+) of 100 \(output capped at 60000 characters\)/);
  });

  it("refuses paths outside the workspace and symlinks leading outside", async () => {
    await outside.write({ "secret.txt": "s3cret" });
    await symlink(path.join(outside.dir, "secret.txt"), path.join(ws.dir, "link.txt"));
    await symlink(path.join(outside.dir, "missing.txt"), path.join(ws.dir, "dangling.txt"));
    await symlink(outside.dir, path.join(ws.dir, "outdir"));
    const ctx = makeContext(ws.dir);
    expect(await runError(readFileTool, { file_path: "../x" }, ctx)).toMatch(/outside the workspace/);
    expect(await runError(readFileTool, { file_path: path.join(outside.dir, "secret.txt") }, ctx)).toMatch(
      /outside/,
    );
    expect(await runError(readFileTool, { file_path: "link.txt" }, ctx)).toMatch(/outside the workspace/);
    expect(await runError(readFileTool, { file_path: "dangling.txt" }, ctx)).toMatch(/outside the workspace/);
    expect(await runError(readFileTool, { file_path: "outdir/secret.txt" }, ctx)).toMatch(
      /outside the workspace/,
    );
    expect(await runError(readFileTool, { file_path: "~/.bashrc" }, ctx)).toMatch(/~/);
  });

  it("follows a symlink that stays inside and reads read-only roots", async () => {
    await ws.write({ "real.txt": "inside\n" });
    await symlink("real.txt", path.join(ws.dir, "alias.txt"));
    await outside.write({ "SKILL.md": "skill body\n" });
    const ctx = makeContext(ws.dir, { readOnlyRoots: [outside.dir] });
    expect(text(await run(readFileTool, { file_path: "alias.txt" }, ctx))).toContain("inside");
    expect(text(await run(readFileTool, { file_path: path.join(outside.dir, "SKILL.md") }, ctx))).toContain(
      "skill body",
    );
  });

  it("reads a file whose name contains odd characters", async () => {
    await writeFile(path.join(ws.dir, "a b:c.txt"), "ok\n");
    expect(text(await run(readFileTool, { file_path: "a b:c.txt" }, makeContext(ws.dir)))).toContain("ok");
  });
});
