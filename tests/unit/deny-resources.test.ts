// Deny rules match what is really touched (issue: they matched raw text): a path rule on a reading tool guards
// the path from every tool and any bash command naming it (symlinked aliases included), a bash rule matches the
// decoded words, anything not statically decodable fails closed — in bypass mode too — and webfetch rules see
// the normalised host. Real tools, real classifier, real engine, real files.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeToolCall } from "../../src/agent/executor.js";
import { createApprovalEngine } from "../../src/approval/index.js";
import type { PermissionMode } from "../../src/config/schema.js";
import { bashTool } from "../../src/tools/bash.js";
import { builtinTools } from "../../src/tools/builtin.js";
import { listDirectoryTool } from "../../src/tools/list-directory.js";
import { readFileTool } from "../../src/tools/read-file.js";
import { createSearchFilesTool } from "../../src/tools/search-files.js";
import type { Tool } from "../../src/tools/tool.js";
import { builtinSpecifiers } from "../helpers/specifiers.js";
import { makeContext, makeWorkspace, type TempWorkspace } from "../helpers/tool-context.js";

let ws: TempWorkspace;
beforeAll(async () => {
  ws = await makeWorkspace("pa-deny-");
  mkdirSync(path.join(ws.dir, "secrets"));
  writeFileSync(path.join(ws.dir, "secrets", "x"), "TOP SECRET\n");
  writeFileSync(path.join(ws.dir, "public.txt"), "hello\n");
  symlinkSync("secrets", path.join(ws.dir, "alias"));
});
afterAll(() => ws.cleanup());

const readOnly = new Map(builtinTools().map((t) => [t.name, t.readOnly]));

/** Runs a tool call against an engine with `deny` rules; returns whether it ran and what it said. */
async function attempt(tool: Tool, args: unknown, deny: string[], mode: PermissionMode = "bypass") {
  const engine = createApprovalEngine({
    mode,
    rules: { deny },
    specifierOf: builtinSpecifiers,
    readsOnly: (name) => readOnly.get(name) === true,
    headless: true,
    cwd: ws.dir,
  });
  const ctx = makeContext(ws.dir);
  ctx.approve = (req) => engine.approve(req, ctx.signal);
  ctx.denied = (abs) => engine.readDenied(abs);
  // Through the executor, as in a session: its deny gate, then the call's one approval.
  const message = await executeToolCall(
    { id: "c1", name: tool.name, arguments: JSON.stringify(args) },
    {
      findTool: (name) => (name === tool.name ? tool : undefined),
      toolNames: () => [tool.name],
      makeContext: () => ctx,
      emit: () => {},
      gate: (name, call) => engine.denyCheck(name, call),
    },
    ctx.signal,
  );
  return { ran: !message.isError, text: String(message.content) };
}

describe("a path deny rule guards the resource", () => {
  const deny = ["read_file(secrets/**)"];
  it("from read_file, also through a symlinked alias", async () => {
    expect((await attempt(readFileTool, { file_path: "secrets/x" }, deny)).ran).toBe(false);
    const alias = await attempt(readFileTool, { file_path: "alias/x" }, deny);
    expect(alias.ran).toBe(false);
    expect(alias.text).not.toContain("TOP SECRET");
    expect((await attempt(readFileTool, { file_path: "public.txt" }, deny)).ran).toBe(true);
  });

  it("from search_files and list_directory", async () => {
    expect(
      (await attempt(createSearchFilesTool(), { search_term: "SECRET", directory_path: "secrets" }, deny))
        .ran,
    ).toBe(false);
    expect((await attempt(listDirectoryTool, { directory_path: "secrets" }, deny)).ran).toBe(false);
  });

  it("from bash commands that name it, even in bypass mode", async () => {
    for (const command of [
      "cat secrets/x",
      "cat alias/x",
      "cp secrets/x out.txt",
      "grep -r SECRET secrets",
    ]) {
      const r = await attempt(bashTool, { command }, deny);
      expect(r.ran, command).toBe(false);
      expect(r.text, command).not.toContain("TOP SECRET");
    }
    expect(existsSync(path.join(ws.dir, "out.txt"))).toBe(false);
    expect((await attempt(bashTool, { command: "cat public.txt" }, deny)).ran).toBe(true);
  });

  it("fails closed on a command it cannot decode", async () => {
    const r = await attempt(bashTool, { command: 'cat "$(echo secrets)/x"' }, deny);
    expect(r.ran).toBe(false);
    expect(r.text).toMatch(/cannot be checked/);
  });
});

describe("a bash deny rule matches decoded words and fails closed in bypass", () => {
  const deny = ["bash(touch:*)"];
  for (const command of [
    "$'\\x74ouch' pwned1",
    "t$()ouch pwned2",
    "{touch,pwned3}",
    "find . -maxdepth 0 -exec touch pwned4 \\;",
    "echo 'touch pwned5' | sh",
    "echo dG91Y2ggcHduZWQ2 | base64 -d | sh",
    "'touch' pwned7",
  ]) {
    it(command, async () => {
      const r = await attempt(bashTool, { command }, deny);
      expect(r.ran).toBe(false);
      for (let i = 1; i <= 7; i++) expect(existsSync(path.join(ws.dir, `pwned${i}`))).toBe(false);
    });
  }
  it("still runs what the rule does not name", async () => {
    expect((await attempt(bashTool, { command: "echo fine" }, deny)).ran).toBe(true);
  });
});

describe("webfetch rules see the normalised host", () => {
  it("a trailing dot does not evade a domain deny rule", async () => {
    const { webfetchTool } = await import("../../src/tools/webfetch.js");
    const r = await attempt(webfetchTool, { url: "https://evil.test./x" }, ["webfetch(domain:evil.test)"]);
    expect(r.ran).toBe(false);
    expect(r.text).toMatch(/deny/i);
  });
});
