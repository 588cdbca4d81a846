// Live model lists from a real local HTTP server answering with documented bodies (captures/*/models*): context
// windows from each server's metadata, local servers' native APIs, prices from OpenRouter, merged with the catalog
// through the runtime door, and the `protoagent models` command end to end.
import { afterEach, describe, expect, it } from "vitest";
import { modelsCommand } from "../../src/cli/commands/models.js";
import { fetchModels } from "../../src/providers/models.js";
import { listLiveModels } from "../../src/runtime/index.js";
import { loadCapture } from "../helpers/captures.js";
import { FakeProvider } from "../helpers/fake-provider.js";
import { makeTempEnv, type TempEnv } from "../helpers/temp.js";

let fake: FakeProvider | undefined;
let tmp: TempEnv | undefined;
afterEach(async () => {
  await fake?.close();
  tmp?.cleanup();
  fake = undefined;
  tmp = undefined;
});

async function serve(...routes: Array<[string, string, string]>): Promise<FakeProvider> {
  fake = await FakeProvider.start();
  for (const [method, path, capture] of routes) {
    const [provider = "", name = ""] = capture.split("/");
    fake.route(method, path, loadCapture(provider, name).response);
  }
  return fake;
}

const target = (url: string, providerId?: string) => ({ baseURL: url, apiKey: "k", headers: {}, providerId });

describe("fetchModels", () => {
  it("vLLM: max_model_len", async () => {
    const f = await serve(["GET", "/v1/models", "vllm/models"]);
    expect(await fetchModels(target(f.url))).toEqual({
      models: [{ id: "Qwen/Qwen2.5-Coder-32B-Instruct", contextWindow: 32768 }],
    });
  });

  it("OpenRouter: context_length, per-token prices as per million, max completion tokens", async () => {
    const f = await serve(["GET", "/v1/models", "openrouter/models"]);
    const { models } = await fetchModels(target(f.url, "openrouter"));
    expect(models[1]).toEqual({
      id: "acme/new-model",
      contextWindow: 65536,
      maxOutputTokens: 8192,
      prices: { input: 1, output: 2 },
    });
    expect(f.routeHits).toEqual(["GET /v1/models"]);
  });

  it("Ollama: ids from /v1/models, context lengths from /api/show", async () => {
    const f = await serve(
      ["GET", "/v1/models", "ollama/models"],
      ["POST", "/api/show", "ollama/show-qwen3-coder"],
    );
    const { models } = await fetchModels(target(f.url, "ollama"));
    expect(models.map((m) => [m.id, m.contextWindow])).toEqual([
      ["qwen3-coder:latest", 262144],
      ["llama3.1:8b", 262144],
    ]);
  });

  it("LM Studio: the loaded context length from /api/v0/models; embedding models left out", async () => {
    fake = await FakeProvider.start();
    fake.route("GET", "/v1/models", {
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        data: [{ id: "qwen/qwen3-coder-30b" }, { id: "text-embedding-nomic-embed-text-v1.5" }],
        object: "list",
      }),
    });
    fake.route("GET", "/api/v0/models", loadCapture("lmstudio", "models-v0").response);
    const { models } = await fetchModels(target(fake.url, "lmstudio"));
    expect(models).toEqual([{ id: "qwen/qwen3-coder-30b", contextWindow: 32768 }]);
  });

  it("a server without the route: an error, not a throw", async () => {
    fake = await FakeProvider.start();
    const r = await fetchModels(target(fake.url));
    expect(r.models).toEqual([]);
    expect(r.error).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/v1\/models failed: 404 fake provider: no route GET/,
    ); // 404: the server just has no list (the /model picker stays quiet); a reachable server's 401 is a problem.
    expect(r.unsupported).toBe(true);
  });
});

describe("listLiveModels (runtime door) and `protoagent models`", () => {
  it("merges the catalog: known models keep their prices, new ones get the server's window", async () => {
    const f = await serve(["GET", "/v1/models", "openrouter/models"]);
    tmp = makeTempEnv();
    const r = await listLiveModels({
      cwd: tmp.cwd,
      env: { ...tmp.env, OPENROUTER_API_KEY: "k", PROTOAGENT_BASE_URL: f.url },
      providerId: "openrouter",
    });
    expect(r.models).toEqual([
      {
        ref: "openrouter/qwen/qwen3-coder",
        id: "qwen/qwen3-coder",
        contextWindow: 262144,
        contextSource: "server",
        known: true,
        prices: { input: 0.22, output: 0.95 },
      },
      {
        ref: "openrouter/acme/new-model",
        id: "acme/new-model",
        contextWindow: 65536,
        contextSource: "server",
        known: false,
        prices: { input: 1, output: 2 },
      },
    ]);
  });

  it("prints one line per model and exits 1 with one line when the server is unreachable", async () => {
    const f = await serve(["GET", "/v1/models", "vllm/models"]);
    tmp = makeTempEnv();
    const out: string[] = [];
    const err: string[] = [];
    const deps = (env: Record<string, string | undefined>) => ({
      env,
      cwd: () => tmp!.cwd,
      write: (t: string) => out.push(t),
      writeErr: (t: string) => err.push(t),
    });
    await modelsCommand(deps({ ...tmp.env, PROTOAGENT_BASE_URL: f.url })).parseAsync(["lmstudio"], {
      from: "user",
    });
    expect(out.join("")).toBe(
      `LM Studio (local) (${f.url}):\n  lmstudio/Qwen/Qwen2.5-Coder-32B-Instruct  33k ctx  (not in config)\n`,
    );
    await f.close();
    fake = undefined;
    const before = process.exitCode;
    await modelsCommand(deps({ ...tmp.env, PROTOAGENT_BASE_URL: f.url })).parseAsync(["lmstudio"], {
      from: "user",
    });
    expect(err.join("")).toMatch(
      /^LM Studio \(local\): GET http:\/\/127\.0\.0\.1:\d+\/v1\/models failed: ECONNREFUSED\n$/,
    );
    expect(process.exitCode).toBe(1);
    process.exitCode = before;
  });
});
