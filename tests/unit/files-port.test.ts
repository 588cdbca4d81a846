// The file port (ToolContext.files): read_file, write_file and edit_file read and write through it when a
// front-end provides one (an ACP editor's buffers), after the same path policy as the disk.
import { readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { editFileTool } from "../../src/tools/edit-file.js";
import { readFileTool } from "../../src/tools/read-file.js";
import type { FilePort } from "../../src/tools/tool.js";
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
let buffers: Map<string, string>;
let calls: string[];
const port = (): FilePort => ({
  async readText(p) {
    calls.push(`read ${p}`);
    return buffers.get(p) ?? readFileSync(p, "utf8");
  },
  async writeText(p, t) {
    calls.push(`write ${p}`);
    buffers.set(p, t);
  },
});

beforeEach(async () => {
  ws = await makeWorkspace();
  await ws.write({ "a.txt": "disk\n" });
  buffers = new Map();
  calls = [];
});
afterEach(() => ws.cleanup());

describe("file port", () => {
  it("read_file shows the buffer's text, not the disk's", async () => {
    buffers.set(path.join(ws.dir, "a.txt"), "unsaved line 1\nunsaved line 2\n");
    const ctx = { ...makeContext(ws.dir), files: port() };
    const out = text(await run(readFileTool, { file_path: "a.txt" }, ctx));
    expect(out).toContain("unsaved line 2");
    expect(out).not.toContain("disk");
  });

  it("edit_file edits the buffer and writes through the port; the disk is untouched", async () => {
    const abs = path.join(ws.dir, "a.txt");
    buffers.set(abs, "alpha\nbeta\n");
    const ctx = { ...makeContext(ws.dir), files: port() };
    await run(readFileTool, { file_path: "a.txt" }, ctx);
    await run(editFileTool, { file_path: "a.txt", old_string: "beta", new_string: "BETA" }, ctx);
    expect(buffers.get(abs)).toBe("alpha\nBETA\n");
    expect(readFileSync(abs, "utf8")).toBe("disk\n");
    expect(ctx.requests[0]?.detail).toContain("+BETA");
  });

  it("write_file creates through the port", async () => {
    const ctx = { ...makeContext(ws.dir), files: port() };
    await run(writeFileTool, { file_path: "new/b.txt", content: "hi\n" }, ctx);
    expect(buffers.get(path.join(ws.dir, "new/b.txt"))).toBe("hi\n");
  });

  it("the path policy runs before the port: outside paths and escaping symlinks never reach it", async () => {
    symlinkSync("/etc", path.join(ws.dir, "etc-link"));
    const ctx = { ...makeContext(ws.dir), files: port() };
    await runError(readFileTool, { file_path: "/etc/hostname" }, ctx);
    await runError(readFileTool, { file_path: "etc-link/hostname" }, ctx);
    await runError(writeFileTool, { file_path: "../x.txt", content: "no" }, ctx);
    expect(calls).toEqual([]);
  });
});
