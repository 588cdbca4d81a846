import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessionsCommand } from "../../src/cli/commands/sessions.js";
import { UserError } from "../../src/errors.js";
import { sessionsDir } from "../../src/store/paths.js";
import { SessionStore } from "../../src/store/store.js";

let root: string;
let out: string;
let env: Record<string, string>;
const at = "2026-01-01T00:00:00.000Z";

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "pa-sessions-cmd-"));
  env = { XDG_DATA_HOME: path.join(root, "data"), HOME: root };
  out = "";
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function run(...args: string[]): Promise<string> {
  out = "";
  const program = new Command("protoagent").exitOverride();
  program.addCommand(sessionsCommand({ env, write: (s) => (out += s), cwd: () => "/proj" }));
  await program.parseAsync(["node", "protoagent", "sessions", ...args]);
  return out;
}

function seed(): string {
  const store = new SessionStore({ dir: sessionsDir(env), version: "1" });
  const w = store.create({ cwd: "/proj", model: "fake/m1" });
  w.append([
    { t: "msg", at, m: { role: "system", content: "sys" } },
    { t: "msg", at, m: { role: "user", content: "Fix   the\nbuild" } },
    {
      t: "msg",
      at,
      m: {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "1", name: "bash", arguments: '{"command":"npm run build"}' }],
      },
    },
    { t: "msg", at, m: { role: "tool", toolCallId: "1", name: "bash", content: "exit 0" } },
    { t: "msg", at, m: { role: "assistant", content: "Fixed." } },
    {
      t: "usage",
      at,
      usage: { inputTokens: 1200, outputTokens: 300, cachedTokens: 0 },
      costUsd: 0.0123,
      contextTokens: 1500,
      contextWindow: 100000,
    },
  ]);
  w.close();
  return w.id;
}

describe("protoagent sessions", () => {
  it("list shows title, cwd, model, turns, cost; --json is machine-readable", async () => {
    const id = seed();
    const text = await run("list");
    expect(text).toContain(`${id.slice(0, 8)}  Fix the build`);
    expect(text).toMatch(/1 turns · \$0\.01 · fake\/m1 · \/proj/);
    const rows = JSON.parse(await run("list", "--json"));
    expect(rows).toEqual([
      expect.objectContaining({
        id,
        title: "Fix the build",
        cwd: "/proj",
        model: "fake/m1",
        turns: 1,
        costUsd: 0.0123,
        messages: 5,
      }),
    ]);
    expect(JSON.parse(await run("list", "--here", "--json"))).toHaveLength(1);
  });

  it("show prints the transcript with tool names; delete removes; unknown ids are errors", async () => {
    const id = seed();
    const text = await run("show", id.slice(0, 5));
    expect(text).toContain("> Fix   the\nbuild");
    expect(text).toContain('▶ bash {"command":"npm run build"}');
    expect(text).toContain("✓ bash: exit 0");
    const json = JSON.parse(await run("show", id, "--json"));
    expect(json).toMatchObject({ id, title: "Fix the build", turns: 1, costUsd: 0.0123 });
    expect(json.messages).toHaveLength(5);
    expect(JSON.parse(await run("delete", id, "--json"))).toEqual({ deleted: id });
    await expect(run("show", id)).rejects.toThrow(UserError);
    await expect(run("delete", "../etc")).rejects.toThrow(/not a session id/);
    expect(await run("list")).toBe("No saved sessions.\n");
  });
});
