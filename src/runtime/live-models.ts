// Live models of a configured provider, for `protoagent models` and the TUI's /model picker: the server's list
// (providers/models.ts) merged with what config and the catalog know. Unknown models get sane defaults: the
// server's context window when it gives one, else the default window; prices only when the server states them.

import { DEFAULT_CONTEXT_WINDOW } from "../config/catalog.js";
import { loadConfig } from "../config/load.js";
import type { Env } from "../config/paths.js";
import { defaultModelRef, mergeProviders, parseModelRef, resolveModel } from "../config/resolve.js";
import { UserError } from "../errors.js";
import { fetchModels } from "../providers/models.js";

export interface LiveModelInfo {
  /** "provider/model", usable with --model and /model. */
  ref: string;
  id: string;
  contextWindow: number;
  /** Where the context window came from. */
  contextSource: "server" | "config" | "default";
  /** In the catalog or config (prices and compat known). */
  known: boolean;
  prices?: { input: number; output: number };
}

export interface LiveModels {
  providerId: string;
  providerName: string;
  baseURL: string;
  models: LiveModelInfo[];
  error?: string;
  /** The server offers no model list (it answered 404/405/501). */
  unsupported?: boolean;
}

export interface LiveModelsOptions {
  cwd: string;
  env: Env;
  /** Provider id; default: the provider of the configured default model. */
  providerId?: string;
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

/** Lists a provider's live models. Throws UserError for an unknown provider or a missing key; never for network. */
export async function listLiveModels(opts: LiveModelsOptions): Promise<LiveModels> {
  const { config } = loadConfig({ cwd: opts.cwd, env: opts.env });
  const fallback = defaultModelRef(config, opts.env);
  const providerId = opts.providerId ?? (fallback ? parseModelRef(fallback).providerId : undefined);
  if (!providerId)
    throw new UserError(
      "No provider given and no model configured: name one, e.g. protoagent models ollama.",
    );
  const provider = mergeProviders(config)[providerId];
  if (!provider) {
    const known = Object.keys(mergeProviders(config)).sort().join(", ");
    throw new UserError(`Unknown provider "${providerId}". Known: ${known}.`);
  }
  // Any model id resolves the provider's URL, key and headers (with their precedence); the id itself is unused.
  const target = resolveModel(config, `${providerId}/${Object.keys(provider.models)[0] ?? "any"}`, opts.env);
  const live = await fetchModels({ ...target, providerId }, { signal: opts.signal, fetch: opts.fetch });
  const models = live.models.map((m): LiveModelInfo => {
    const entry = provider.models[m.id];
    const contextWindow = m.contextWindow ?? entry?.contextWindow;
    return {
      ref: `${providerId}/${m.id}`,
      id: m.id,
      contextWindow: contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      contextSource: m.contextWindow ? "server" : contextWindow ? "config" : "default",
      known: entry !== undefined,
      prices:
        entry?.inputPricePerMillion !== undefined && entry.outputPricePerMillion !== undefined
          ? { input: entry.inputPricePerMillion, output: entry.outputPricePerMillion }
          : m.prices,
    };
  });
  return {
    providerId,
    providerName: provider.name,
    baseURL: target.baseURL,
    models,
    error: live.error,
    ...(live.unsupported ? { unsupported: true } : {}),
  };
}
