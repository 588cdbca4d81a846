import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConfigure } from "../../src/cli/commands/configure.js";
import { runInit } from "../../src/cli/commands/init.js";
import { loadConfig } from "../../src/config/load.js";
import { modelChoices } from "../../src/config/model-choice.js";
import { editJsonc } from "../../src/config/write.js";
import { historyFile, openHistory } from "../../src/tui/input/history.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let t: TempEnv;
beforeEach(() => {
  t = makeTempEnv();
});
afterEach(() => t.cleanup());

const userFile = () => path.join(t.configHome, "protoagent", "protoagent.jsonc");
const capture = () => {
  const lines: string[] = [];
  return { lines, out: (l: string) => lines.push(l) };
};

describe("jsonc edits", () => {
  it("keeps comments and formatting", () => {
    const text =
      '// top comment\n{\n  // the model\n  "model": "a/b", /* inline */\n  "limits": { "maxTurns": 3 }\n}\n';
    const out = editJsonc(text, [
      { path: ["model"], value: "c/d" },
      { path: ["providers", "c", "apiKey"], value: "k" },
    ]);
    expect(out).toContain("// top comment");
    expect(out).toContain("// the model");
    expect(out).toContain("/* inline */");
    expect(out).toContain('"model": "c/d"');
    expect(out).toContain('"apiKey": "k"');
  });
});

describe("protoagent configure (non-interactive)", () => {
  it("writes the user config from the template, keeping its comments", async () => {
    const c = capture();
    expect(
      await runConfigure({
        provider: "openai",
        model: "gpt-5-mini",
        apiKey: "sk-1",
        cwd: t.cwd,
        env: t.env,
        out: c.out,
      }),
    ).toBe(0);
    const text = readFileSync(userFile(), "utf8");
    expect(text).toContain("// The model to use");
    expect(text).toContain('"model": "openai/gpt-5-mini"');
    expect(text).toContain('"apiKey": "sk-1"');
    expect(statSync(userFile()).mode & 0o777).toBe(0o600);
    expect(loadConfig({ cwd: t.cwd, env: t.env }).config.model).toBe("openai/gpt-5-mini");
    expect(c.lines.join("\n")).toContain("openai/gpt-5-mini");
  });

  it("does not delete a stored key when --api-key is omitted", async () => {
    await runConfigure({
      model: "openai/gpt-5-mini",
      apiKey: "sk-keep",
      cwd: t.cwd,
      env: t.env,
      out: () => {},
    });
    await runConfigure({ model: "openai/gpt-5-nano", cwd: t.cwd, env: t.env, out: () => {} });
    const text = readFileSync(userFile(), "utf8");
    expect(text).toContain('"apiKey": "sk-keep"');
    expect(text).toContain('"model": "openai/gpt-5-nano"');
  });

  it("validates provider and model against the merged catalog, custom providers included", async () => {
    await expect(runConfigure({ provider: "nope", model: "x", cwd: t.cwd, env: t.env })).rejects.toThrow(
      /Unknown provider "nope"/,
    );
    await expect(
      runConfigure({ provider: "openai", model: "gpt-0", cwd: t.cwd, env: t.env }),
    ).rejects.toThrow(/Unknown model "gpt-0"/);
    await expect(
      runConfigure({ project: true, user: true, model: "a/b", cwd: t.cwd, env: t.env }),
    ).rejects.toThrow(/only one/);
    mkdirSync(path.dirname(userFile()), { recursive: true });
    writeFileSync(
      userFile(),
      '{ "providers": { "mine": { "baseURL": "http://127.0.0.1:9/v1", "models": { "m1": {} } } } }\n',
    );
    const cfg = loadConfig({ cwd: t.cwd, env: t.env }).config;
    expect(modelChoices(cfg, t.env).map((c) => c.ref)).toContain("mine/m1");
    expect(
      await runConfigure({
        project: true,
        provider: "mine",
        model: "m1",
        cwd: t.cwd,
        env: t.env,
        out: () => {},
      }),
    ).toBe(0);
    expect(readFileSync(path.join(t.cwd, ".protoagent", "protoagent.jsonc"), "utf8")).toContain(
      '"model": "mine/m1"',
    );
  });
});

describe("protoagent init", () => {
  it("creates, refuses to overwrite, and overwrites with --force", async () => {
    const c = capture();
    expect(await runInit({ project: true, cwd: t.cwd, env: t.env, out: c.out })).toBe(0);
    const file = path.join(t.cwd, ".protoagent", "protoagent.jsonc");
    expect(c.lines[0]).toBe(`Created protoagent config: ${file}`);
    expect(loadConfig({ cwd: t.cwd, env: t.env }).project?.path).toBe(file);
    writeFileSync(file, "{}\n");
    await runInit({ project: true, cwd: t.cwd, env: t.env, out: c.out });
    expect(c.lines[1]).toContain("already exists");
    expect(readFileSync(file, "utf8")).toBe("{}\n");
    await runInit({ project: true, force: true, cwd: t.cwd, env: t.env, out: c.out });
    expect(c.lines[2]).toBe(`Overwrote protoagent config: ${file}`);
  });
});

describe("input history", () => {
  it("persists per project and skips duplicates", async () => {
    const file = historyFile(t.env, t.cwd);
    const h = await openHistory(file);
    await h.add("first");
    await h.add("first");
    await h.add("multi\nline");
    const again = await openHistory(file);
    expect(again.entries()).toEqual(["first", "multi\nline"]);
    expect(historyFile(t.env, "/other")).not.toBe(file);
  });
});
