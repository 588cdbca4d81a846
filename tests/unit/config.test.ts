import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interpolate, loadConfig, mergeConfig, parseConfigText } from "../../src/config/load.js";
import { defaultModelRef, mergeProviders, parseModelRef, resolveModel } from "../../src/config/resolve.js";
import { UserError } from "../../src/errors.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let t: TempEnv;
beforeEach(() => {
  t = makeTempEnv();
});
afterEach(() => t.cleanup());

function writeUser(text: string) {
  const dir = path.join(t.configHome, "protoagent");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "protoagent.jsonc"), text);
}
function writeProject(text: string) {
  t.write(".protoagent/protoagent.jsonc", text);
}
function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error("expected a UserError");
}

describe("parseConfigText", () => {
  it("accepts comments and trailing commas", () => {
    expect(parseConfigText('// c\n{ "model": "a/b", /* x */ }', "f.jsonc")).toEqual({ model: "a/b" });
  });

  it("reports a wrong type with file, line, column and key path", () => {
    const text =
      '{\n  "providers": {\n    "mock": {\n      "models": { "m1": { "contextWindow": "big" } }\n    }\n  }\n}';
    const err = thrown(() => parseConfigText(text, "/x/protoagent.jsonc"));
    expect(err.message).toBe(
      "/x/protoagent.jsonc:4:27: providers.mock.models.m1.contextWindow: expected number",
    );
    expect(err.exitCode).toBe(2);
  });

  it("reports unknown keys at the key", () => {
    const err = thrown(() => parseConfigText('{\n  "modle": "a/b"\n}', "f.jsonc"));
    expect(err.message).toBe('f.jsonc:2:3: modle: unknown key "modle"');
  });

  it("reports unknown nested keys", () => {
    const err = thrown(() => parseConfigText('{"providers": {"p": {"baseUrl": "x"}}}', "f.jsonc"));
    expect(err.message).toMatch(/^f\.jsonc:1:22: providers\.p\.baseUrl: unknown key "baseUrl"$/);
  });

  it("rejects reserved request keys in defaultParams", () => {
    const err = thrown(() =>
      parseConfigText('{"providers": {"p": {"defaultParams": {"stream": false}}}}', "f.jsonc"),
    );
    expect(err.message).toContain("providers.p.defaultParams.stream");
    expect(err.message).toContain("reserved");
  });

  it("reports JSON syntax errors with a position", () => {
    const err = thrown(() => parseConfigText('{\n  "model": \n}', "f.jsonc"));
    expect(err.message).toMatch(/^f\.jsonc:3:1: invalid JSONC \(ValueExpected\)$/);
  });

  it("validates the enum of permission modes", () => {
    const err = thrown(() => parseConfigText('{"permissions": {"mode": "yolo"}}', "f.jsonc"));
    expect(err.message).toContain("permissions.mode: expected one of");
  });

  it("accepts the shipped example protoagent.jsonc", () => {
    const text = readFileSync(new URL("../../protoagent.jsonc", import.meta.url), "utf8");
    const config = parseConfigText(text, "protoagent.jsonc");
    expect(config.model).toBe("openai/gpt-5-mini");
    expect(config.providers?.["local-vllm"]?.models?.["qwen3-coder"]?.contextWindow).toBe(131072);
  });
});

describe("interpolation", () => {
  it("replaces ${VAR} everywhere, warns on missing ones and drops emptied headers", () => {
    const warnings: string[] = [];
    const out = interpolate(
      { a: "x-${FOO}-y", headers: { Keep: "${FOO}", Drop: "${MISSING}" }, list: ["${FOO}"] },
      { FOO: "1" },
      warnings,
    );
    expect(out).toEqual({ a: "x-1-y", headers: { Keep: "1" }, list: ["1"] });
    expect(warnings).toEqual(["Environment variable MISSING is not set (used in config at headers.Drop)."]);
  });

  it("interpolates apiKey so the literal ${VAR} is never sent", () => {
    writeUser('{"model":"gw/m","providers":{"gw":{"baseURL":"http://h/v1","apiKey":"${MY_KEY}"}}}');
    const loaded = loadConfig({ cwd: t.cwd, env: { ...t.env, MY_KEY: "secret-1" } });
    expect(resolveModel(loaded.config, undefined, t.env).apiKey).toBe("secret-1");
  });
});

describe("layering", () => {
  it("merges project over user, keeping user-only keys and concatenating rule lists", () => {
    writeUser('{"model":"openai/gpt-5-mini","permissions":{"deny":["bash(rm:*)"]},"limits":{"maxTurns":7}}');
    writeProject('{"model":"anthropic/claude-sonnet-4-6","permissions":{"deny":["bash(curl:*)"]}}');
    const { config, user, project } = loadConfig({ cwd: t.cwd, env: t.env });
    expect(config.model).toBe("anthropic/claude-sonnet-4-6");
    expect(config.limits?.maxTurns).toBe(7);
    expect(config.permissions?.deny).toEqual(["bash(rm:*)", "bash(curl:*)"]);
    expect(user?.path).toContain(t.configHome);
    expect(project?.path).toBe(path.join(t.cwd, ".protoagent", "protoagent.jsonc"));
  });

  it("an empty project file does not hide the user's model", () => {
    writeUser('{"model":"openai/gpt-5-mini"}');
    writeProject("{}");
    expect(loadConfig({ cwd: t.cwd, env: t.env }).config.model).toBe("openai/gpt-5-mini");
  });

  it("runs the project filter before merging", () => {
    writeProject('{"model":"openai/gpt-4.1"}');
    const loaded = loadConfig({
      cwd: t.cwd,
      env: t.env,
      projectFilter: () => ({ config: {}, warnings: ["ignored"] }),
    });
    expect(loaded.config.model).toBeUndefined();
    expect(loaded.warnings).toEqual(["ignored"]);
  });

  it("mergeConfig replaces non-rule arrays", () => {
    expect(mergeConfig({ args: ["a"], allow: ["x"] }, { args: ["b"], allow: ["y"] })).toEqual({
      args: ["b"],
      allow: ["x", "y"],
    });
  });
});

describe("providers and models", () => {
  it("has the required built-in providers", () => {
    const ids = Object.keys(mergeProviders({}));
    for (const id of [
      "openai",
      "anthropic",
      "google",
      "openrouter",
      "groq",
      "deepseek",
      "xai",
      "mistral",
      "cerebras",
      "ollama",
      "lmstudio",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("overrides built-ins field by field and merges models by id", () => {
    const providers = mergeProviders({
      providers: {
        openai: { baseURL: "http://gw/v1", models: { "gpt-5-mini": { contextWindow: 1000 }, extra: {} } },
      },
    });
    const openai = providers.openai!;
    expect(openai.baseURL).toBe("http://gw/v1");
    expect(openai.apiKeyEnvVar).toBe("OPENAI_API_KEY");
    expect(openai.models["gpt-5-mini"]?.contextWindow).toBe(1000);
    expect(openai.models["gpt-5-mini"]?.inputPricePerMillion).toBe(0.25);
    expect(openai.models.extra?.name).toBe("extra");
    expect(openai.models["gpt-4.1"]).toBeDefined();
  });

  it("splits model refs at the first slash", () => {
    expect(parseModelRef("openrouter/anthropic/claude-sonnet-4.6")).toEqual({
      providerId: "openrouter",
      modelId: "anthropic/claude-sonnet-4.6",
    });
    expect(() => parseModelRef("gpt-5")).toThrow(/provider\/model/);
  });

  it("gives a model without contextWindow the 128k default, never 0", () => {
    const m = resolveModel(
      { providers: { c: { baseURL: "http://x/v1", apiKey: "k", models: { m: {} } } } },
      "c/m",
      {},
    );
    expect(m.contextWindow).toBe(128_000);
  });

  it("applies key precedence: PROTOAGENT_API_KEY > apiKey > env var > none with headers", () => {
    const cfg = { providers: { openai: { apiKey: "from-config" } } };
    expect(
      resolveModel(cfg, "openai/gpt-5-mini", { PROTOAGENT_API_KEY: "p", OPENAI_API_KEY: "e" }).apiKey,
    ).toBe("p");
    expect(resolveModel(cfg, "openai/gpt-5-mini", { OPENAI_API_KEY: "e" }).apiKey).toBe("from-config");
    expect(resolveModel({}, "openai/gpt-5-mini", { OPENAI_API_KEY: "e" }).apiKey).toBe("e");
    const gw = {
      providers: { gw: { baseURL: "http://g/v1", headers: { "X-Auth": "t" }, models: { m: {} } } },
    };
    expect(resolveModel(gw, "gw/m", {}).apiKey).toBe("none");
    expect(resolveModel({}, "ollama/qwen3-coder", {}).apiKey).toBe("none");
  });

  it("names the variable to set when the key is missing", () => {
    const err = thrown(() => resolveModel({}, "anthropic/claude-sonnet-4-6", {}));
    expect(err.message).toContain("export ANTHROPIC_API_KEY");
    expect(err.exitCode).toBe(2);
  });

  it("applies base URL precedence: PROTOAGENT_BASE_URL > provider.baseURL > built-in", () => {
    const cfg = { providers: { openai: { baseURL: "http://cfg/v1" } } };
    const env = { OPENAI_API_KEY: "k" };
    expect(
      resolveModel(cfg, "openai/gpt-5-mini", { ...env, PROTOAGENT_BASE_URL: "http://env/v1" }).baseURL,
    ).toBe("http://env/v1");
    expect(resolveModel(cfg, "openai/gpt-5-mini", env).baseURL).toBe("http://cfg/v1");
    expect(resolveModel({}, "openai/gpt-5-mini", env).baseURL).toBe("https://api.openai.com/v1");
  });

  it("merges compat and params: provider < model; openai uses developer role and max_completion_tokens", () => {
    const m = resolveModel(
      {
        providers: {
          openai: {
            defaultParams: { temperature: 1, top_p: 0.5 },
            models: { "gpt-5-mini": { defaultParams: { temperature: 0 } } },
          },
        },
      },
      "openai/gpt-5-mini",
      { OPENAI_API_KEY: "k" },
    );
    expect(m.defaultParams).toEqual({ temperature: 0, top_p: 0.5 });
    expect(m.compat.systemRole).toBe("developer");
    expect(m.compat.maxTokensField).toBe("max_completion_tokens");
    expect(m.compat.streamUsage).toBe(true);
  });

  it("rejects unknown providers with the list of known ones", () => {
    expect(() => resolveModel({}, "nope/x", {})).toThrow(/Unknown provider "nope"\. Known: .*openai/);
  });

  it("picks a default model from config or from an exported key", () => {
    expect(defaultModelRef({ model: "a/b" }, {})).toBe("a/b");
    expect(defaultModelRef({ providers: { c: { models: { m: {} } } } }, {})).toBe("c/m");
    expect(defaultModelRef({}, { ANTHROPIC_API_KEY: "k" })).toBe("anthropic/claude-opus-4-6");
    expect(() => resolveModel({}, undefined, {})).toThrow(/No model configured/);
  });
});

describe("custom providers at a known vendor's URL inherit its flags", () => {
  const resolveAt = (baseURL: string) =>
    resolveModel({ providers: { mine: { baseURL, apiKey: "k", models: { m: {} } } } }, "mine/m", {}).compat;

  it("Mistral: no stream_options; Moonshot: reasoning echoed; others: defaults", () => {
    expect(resolveAt("https://api.mistral.ai/v1").streamUsage).toBe(false);
    expect(resolveAt("https://api.moonshot.ai/v1").echoReasoning).toBe(true);
    expect(resolveAt("https://gateway.example.test/v1")).toMatchObject({
      streamUsage: true,
      echoReasoning: false,
    });
  });
});
