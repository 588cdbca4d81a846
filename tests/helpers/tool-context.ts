// Test helper for the file tools: a real temp workspace (realpath'd, removed by cleanup) and a minimal
// ToolContext whose approve() is scripted by the test and records every request it was asked.
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ApprovalOutcome, ApprovalRequest } from "../../src/approval/types.js";
import { createToolState, type Tool, type ToolContext, type ToolResult } from "../../src/tools/tool.js";

export interface TempWorkspace {
  dir: string;
  /** Writes files (creating folders) relative to the workspace. */
  write(files: Record<string, string | Buffer>): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeWorkspace(prefix = "pa-files-"): Promise<TempWorkspace> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
  return {
    dir,
    async write(files) {
      for (const [rel, content] of Object.entries(files)) {
        const abs = path.join(dir, rel);
        await mkdir(path.dirname(abs), { recursive: true });
        await writeFile(abs, content);
      }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface TestContext extends ToolContext {
  /** Requests that would prompt (a tool's own `safe` requests pass silently and are in `allRequests` only). */
  requests: ApprovalRequest[];
  allRequests: ApprovalRequest[];
  /** What the next approvals answer; defaults to approving. */
  answer: (req: ApprovalRequest) => ApprovalOutcome;
}

export function makeContext(
  cwd: string,
  opts: { readOnlyRoots?: string[]; protectedRoots?: string[] } = {},
): TestContext {
  const ctx: TestContext = {
    cwd,
    readOnlyRoots: opts.readOnlyRoots ?? [],
    protectedRoots: opts.protectedRoots ?? [],
    signal: new AbortController().signal,
    sessionId: "test-session",
    callId: "call-1",
    state: createToolState(),
    requests: [],
    allRequests: [],
    answer: () => ({ approved: true, by: "test" }),
    async approve(req) {
      ctx.allRequests.push(req);
      if (req.safe) return { approved: true, by: "safe" };
      ctx.requests.push(req);
      return ctx.answer(req);
    },
    update() {},
  };
  return ctx;
}

/** Runs a tool the way the executor will: parse arguments with the zod schema, then execute. */
export async function run(tool: Tool, args: unknown, ctx: ToolContext): Promise<ToolResult> {
  const parsed = tool.parameters.parse(args);
  return tool.execute(parsed, ctx);
}

/** Runs a tool and returns its thrown error message (fails the test if it succeeds). */
export async function runError(tool: Tool, args: unknown, ctx: ToolContext): Promise<string> {
  try {
    const r = await run(tool, args, ctx);
    throw new Error(`expected an error, got: ${typeof r.content === "string" ? r.content : "parts"}`);
  } catch (err) {
    if ((err as Error).message.startsWith("expected an error")) throw err;
    return (err as Error).message;
  }
}

export const text = (r: ToolResult): string => (typeof r.content === "string" ? r.content : "");
