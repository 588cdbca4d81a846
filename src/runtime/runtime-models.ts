// The model side of the Runtime facade: what the user can switch to (the merged catalog with key availability),
// and resolving a `provider/model` reference against the config as it is on disk now (a key added while the
// TUI runs counts), so runtime.ts stays a thin list of front-end verbs.

import { loadConfig } from "../config/load.js";
import { type ModelChoice, modelChoices } from "../config/model-choice.js";
import type { Env } from "../config/paths.js";
import { type ResolvedModel, resolveModel } from "../config/resolve.js";
import { type LiveModels, listLiveModels } from "./live-models.js";

/** The merged catalog with labels and whether a key (or no need for one: local servers) is there. */
export function currentModelChoices(cwd: string, env: Env): ModelChoice[] {
  try {
    return modelChoices(loadConfig({ cwd, env }).config, env);
  } catch {
    return [];
  }
}

/** Resolves `ref` against the current config (throws a one-line UserError for an unknown model or no key). */
export function resolveCurrent(cwd: string, env: Env, ref: string): ResolvedModel {
  return resolveModel(loadConfig({ cwd, env }).config, ref, env);
}

/**
 * The runtime's model verbs with one memory: context windows a server reported for models config does not know
 * (from a live listing), so switching to such a model gets the server's window, not the generic default.
 */
export class RuntimeModels {
  private readonly liveWindows = new Map<string, number>();

  constructor(
    private readonly cwd: () => string,
    private readonly env: Env,
  ) {}

  choices(): ModelChoice[] {
    return currentModelChoices(this.cwd(), this.env);
  }

  async live(providerId: string, signal?: AbortSignal): Promise<LiveModels> {
    const live = await listLiveModels({ cwd: this.cwd(), env: this.env, providerId, signal });
    for (const m of live.models)
      if (m.contextSource === "server") this.liveWindows.set(m.ref, m.contextWindow);
    return live;
  }

  /** `ref` resolved against the current config (throws a one-line error), with a server-reported window. */
  resolve(ref: string): ResolvedModel {
    const resolved = resolveCurrent(this.cwd(), this.env, ref);
    const window = resolved.known ? undefined : this.liveWindows.get(ref);
    return window ? { ...resolved, contextWindow: window } : resolved;
  }
}
