// A provider's live model list: GET <baseURL>/models, with the context window and prices from whatever metadata
// the server gives (OpenRouter/Together `context_length`, Groq `context_window`, Mistral `max_context_length`,
// vLLM `max_model_len`, llama.cpp `meta.n_ctx_train`), enriched for local servers from their native APIs
// (LM Studio /api/v0/models, Ollama /api/show), which the OpenAI-compatible list leaves out. Never throws.
import { isLoopback } from "./connection.js";
import { errorFromText } from "./error-body.js";

export interface LiveModel {
  id: string;
  /** Tokens, when the server says. */
  contextWindow?: number;
  maxOutputTokens?: number;
  /** USD per million tokens, when the server says (OpenRouter). */
  prices?: { input: number; output: number };
}

export interface ModelsTarget {
  baseURL: string;
  apiKey: string;
  headers: Record<string, string>;
  providerId?: string;
}

export interface ModelsResult {
  models: LiveModel[];
  /** Why the list is empty or partial (unreachable, no /models route, bad key). */
  error?: string;
  /** The server has no model list (404/405/501): nothing is wrong, there is just nothing to offer. */
  unsupported?: boolean;
}

type Rec = Record<string, unknown>;
type Fetch = typeof globalThis.fetch;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const posInt = (v: unknown): number | undefined => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
};
/** Ollama asks /api/show per model; a server with hundreds is not worth hundreds of requests. */
const MAX_SHOW = 25;

function contextOf(m: Rec): number | undefined {
  const top = isRec(m.top_provider) ? m.top_provider : {};
  const meta = isRec(m.meta) ? m.meta : {};
  return (
    posInt(m.loaded_context_length) ??
    posInt(m.context_length) ??
    posInt(m.context_window) ??
    posInt(m.max_context_length) ??
    posInt(m.max_model_len) ??
    posInt(top.context_length) ??
    posInt(meta.n_ctx_train)
  );
}

function pricesOf(m: Rec): LiveModel["prices"] {
  const p = isRec(m.pricing) ? m.pricing : undefined;
  const input = Number(p?.prompt);
  const output = Number(p?.completion);
  if (!p || !Number.isFinite(input) || !Number.isFinite(output) || input < 0 || output < 0) return undefined;
  return { input: +(input * 1e6).toFixed(6), output: +(output * 1e6).toFixed(6) };
}

function toModel(m: Rec): LiveModel | undefined {
  const id = typeof m.id === "string" ? m.id : typeof m.name === "string" ? m.name : undefined;
  if (!id) return undefined;
  const top = isRec(m.top_provider) ? m.top_provider : {};
  return {
    id,
    contextWindow: contextOf(m),
    maxOutputTokens: posInt(top.max_completion_tokens) ?? posInt(m.max_completion_tokens),
    prices: pricesOf(m),
  };
}

async function getJson(
  f: Fetch,
  url: string,
  init: RequestInit,
): Promise<{ json?: unknown; error?: string; status?: number }> {
  try {
    const res = await f(url, init);
    const text = await res.text();
    if (!res.ok)
      return {
        error: `${res.status} ${errorFromText(text)?.message ?? res.statusText}`,
        status: res.status,
      };
    return { json: JSON.parse(text) as unknown };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { error: cause ?? (err instanceof Error ? err.message : String(err)) };
  }
}

const root = (baseURL: string) => baseURL.replace(/\/+$/, "").replace(/\/v1$/, "");

/** Lists the models `target` serves. Local servers (loopback, lmstudio, ollama) are asked for context lengths. */
export async function fetchModels(
  target: ModelsTarget,
  opts: { signal?: AbortSignal; fetch?: Fetch } = {},
): Promise<ModelsResult> {
  const f = opts.fetch ?? globalThis.fetch;
  const init: RequestInit = {
    headers: { authorization: `Bearer ${target.apiKey}`, ...target.headers },
    signal: opts.signal,
  };
  const base = target.baseURL.replace(/\/+$/, "");
  const { json, error, status } = await getJson(f, `${base}/models`, init);
  if (error)
    return {
      models: [],
      error: `GET ${base}/models failed: ${error}`,
      ...(status === 404 || status === 405 || status === 501 ? { unsupported: true } : {}),
    };
  const list = isRec(json) ? (json.data ?? json.models) : json;
  const models = (Array.isArray(list) ? list : [])
    .filter(isRec)
    .map(toModel)
    .filter((m): m is LiveModel => m !== undefined);
  const local =
    isLoopback(target.baseURL) || target.providerId === "lmstudio" || target.providerId === "ollama";
  if (local && models.some((m) => m.contextWindow === undefined)) await enrichLocal(f, target, init, models);
  return { models };
}

async function enrichLocal(
  f: Fetch,
  target: ModelsTarget,
  init: RequestInit,
  models: LiveModel[],
): Promise<void> {
  const origin = root(target.baseURL);
  // LM Studio: one request lists every model with max/loaded context lengths; embedding models cannot chat.
  const lm = await getJson(f, `${origin}/api/v0/models`, init);
  const lmList = isRec(lm.json) && Array.isArray(lm.json.data) ? lm.json.data.filter(isRec) : [];
  if (lmList.length) {
    const byId = new Map(lmList.map((m) => [String(m.id), m]));
    for (const m of models) {
      const info = byId.get(m.id);
      if (info) m.contextWindow ??= contextOf(info);
    }
    const embeddings = new Set(lmList.filter((m) => m.type === "embeddings").map((m) => String(m.id)));
    models.splice(0, models.length, ...models.filter((m) => !embeddings.has(m.id)));
    return;
  }
  // Ollama: per model, model_info["<architecture>.context_length"].
  const missing = models.filter((m) => m.contextWindow === undefined).slice(0, MAX_SHOW);
  await Promise.all(
    missing.map(async (m) => {
      const show = await getJson(f, `${origin}/api/show`, {
        ...init,
        method: "POST",
        headers: { ...(init.headers as Record<string, string>), "content-type": "application/json" },
        body: JSON.stringify({ model: m.id }),
      });
      const info = isRec(show.json) && isRec(show.json.model_info) ? show.json.model_info : {};
      const key = Object.keys(info).find((k) => k.endsWith(".context_length"));
      if (key) m.contextWindow = posInt(info[key]);
    }),
  );
}
