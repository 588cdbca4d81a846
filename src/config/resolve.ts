// Merges the built-in catalog with configured providers and resolves one `provider/model` reference into
// everything a request needs: base URL, key (with its precedence), headers, params, compat flags, prices.
import { UserError } from "../errors.js";
import type { FullCompat, ResolvedModel } from "../providers/types.js";
import { BUILTIN_PROVIDERS, type CatalogProvider, DEFAULT_CONTEXT_WINDOW } from "./catalog.js";
import type { Env } from "./paths.js";
import type { Compat, ConfigFile, ModelConfig, ProviderConfig } from "./schema.js";

export type { FullCompat, ResolvedModel } from "../providers/types.js";

export interface MergedProvider {
  id: string;
  name: string;
  baseURL?: string;
  apiKey?: string;
  apiKeyEnvVar?: string;
  keyless: boolean;
  headers: Record<string, string>;
  defaultParams: Record<string, unknown>;
  compat: Compat;
  models: Record<string, ModelConfig & { name: string }>;
}

/** Flags of a provider that declares none (what the conformance table calls "default"). */
export const DEFAULT_COMPAT: FullCompat = {
  maxTokensField: "max_tokens",
  systemRole: "system",
  streamUsage: true,
  reasoningField: "reasoning_content",
  toolResultName: false,
  supportsImages: false,
  echoReasoning: false,
};

/** Quirks inferred from a custom provider's base URL, so gateways to known vendors work without flags. */
function compatFromUrl(baseURL: string | undefined): Compat {
  if (!baseURL) return {};
  if (baseURL.includes("api.openai.com")) return BUILTIN_PROVIDERS.openai?.compat ?? {};
  if (baseURL.includes("generativelanguage.googleapis.com")) return BUILTIN_PROVIDERS.google?.compat ?? {};
  if (baseURL.includes("openrouter.ai")) return BUILTIN_PROVIDERS.openrouter?.compat ?? {};
  if (baseURL.includes("api.mistral.ai")) return BUILTIN_PROVIDERS.mistral?.compat ?? {};
  // Moonshot's thinking models (kimi-k2-thinking) reject a tool-call turn without its reasoning_content.
  if (/api\.moonshot\.(ai|cn)/.test(baseURL)) return { echoReasoning: true };
  return {};
}

function fromCatalog(id: string, p: CatalogProvider): MergedProvider {
  return {
    id,
    name: p.name,
    baseURL: p.baseURL,
    apiKeyEnvVar: p.apiKeyEnvVar,
    keyless: p.keyless ?? false,
    headers: {},
    defaultParams: {},
    compat: p.compat ?? {},
    models: Object.fromEntries(Object.entries(p.models).map(([mid, mm]) => [mid, { ...mm }])),
  };
}

/** Built-ins overridden field by field by config; models merged by id; custom providers added. */
export function mergeProviders(config: ConfigFile): Record<string, MergedProvider> {
  const out: Record<string, MergedProvider> = {};
  for (const [id, p] of Object.entries(BUILTIN_PROVIDERS)) out[id] = fromCatalog(id, p);
  for (const [id, pc] of Object.entries(config.providers ?? {}) as Array<[string, ProviderConfig]>) {
    const base = out[id] ?? {
      id,
      name: id,
      keyless: false,
      headers: {},
      defaultParams: {},
      compat: compatFromUrl(pc.baseURL),
      models: {},
    };
    const models = { ...base.models };
    for (const [mid, mc] of Object.entries(pc.models ?? {})) {
      const prev = models[mid];
      models[mid] = {
        ...prev,
        ...mc,
        name: mc.name ?? prev?.name ?? mid,
        defaultParams: { ...prev?.defaultParams, ...mc.defaultParams },
        compat: { ...prev?.compat, ...mc.compat },
      };
    }
    out[id] = {
      ...base,
      name: pc.name ?? base.name,
      baseURL: pc.baseURL ?? base.baseURL,
      apiKey: pc.apiKey ?? base.apiKey,
      apiKeyEnvVar: pc.apiKeyEnvVar ?? base.apiKeyEnvVar,
      headers: pc.headers ?? base.headers,
      defaultParams: { ...base.defaultParams, ...pc.defaultParams },
      compat: { ...base.compat, ...pc.compat },
      models,
    };
  }
  return out;
}

/** Splits "provider/model" at the first slash (model ids may contain slashes). */
export function parseModelRef(ref: string): { providerId: string; modelId: string } {
  const i = ref.indexOf("/");
  if (i <= 0 || i === ref.length - 1) {
    throw new UserError(`Invalid model "${ref}": use provider/model, for example openai/gpt-5-mini.`);
  }
  return { providerId: ref.slice(0, i), modelId: ref.slice(i + 1) };
}

/** The model to use when none is given: config `model`, else the first custom provider model, else a keyed built-in. */
export function defaultModelRef(config: ConfigFile, env: Env): string | undefined {
  if (config.model) return config.model;
  for (const [id, p] of Object.entries(config.providers ?? {})) {
    const first = Object.keys(p.models ?? {})[0];
    if (first) return `${id}/${first}`;
  }
  for (const [id, p] of Object.entries(BUILTIN_PROVIDERS)) {
    if (p.apiKeyEnvVar && env[p.apiKeyEnvVar]) return `${id}/${Object.keys(p.models)[0]}`;
  }
  return undefined;
}

export function resolveModel(config: ConfigFile, ref: string | undefined, env: Env): ResolvedModel {
  const chosen = ref ?? defaultModelRef(config, env);
  if (!chosen) {
    throw new UserError(
      'No model configured. Pass --model provider/model, set "model" in protoagent.jsonc, or export a provider key such as OPENAI_API_KEY.',
    );
  }
  const { providerId, modelId } = parseModelRef(chosen);
  const providers = mergeProviders(config);
  const provider = providers[providerId];
  if (!provider) {
    throw new UserError(
      `Unknown provider "${providerId}". Known: ${Object.keys(providers).sort().join(", ")}.`,
    );
  }
  const model = provider.models[modelId];
  const baseURL = env.PROTOAGENT_BASE_URL || provider.baseURL;
  if (!baseURL)
    throw new UserError(`Provider "${providerId}" has no baseURL; set providers.${providerId}.baseURL.`);
  const apiKey =
    env.PROTOAGENT_API_KEY ||
    provider.apiKey ||
    (provider.apiKeyEnvVar ? env[provider.apiKeyEnvVar] : undefined) ||
    (provider.keyless || Object.keys(provider.headers).length > 0 ? "none" : undefined);
  if (!apiKey) {
    const variable = provider.apiKeyEnvVar ?? "PROTOAGENT_API_KEY";
    throw new UserError(
      `Missing API key for ${provider.name}: export ${variable}, or set providers.${providerId}.apiKey in protoagent.jsonc.`,
    );
  }
  return {
    ref: chosen,
    providerId,
    modelId,
    providerName: provider.name,
    modelName: model?.name ?? modelId,
    baseURL,
    apiKey,
    headers: provider.headers,
    defaultParams: { ...provider.defaultParams, ...model?.defaultParams },
    compat: { ...DEFAULT_COMPAT, ...provider.compat, ...model?.compat } as FullCompat,
    contextWindow: model?.contextWindow || DEFAULT_CONTEXT_WINDOW,
    maxOutputTokens: model?.maxOutputTokens,
    prices: {
      input: model?.inputPricePerMillion ?? 0,
      output: model?.outputPricePerMillion ?? 0,
      cached: model?.cachedPricePerMillion,
    },
    known: model !== undefined,
  };
}
