// The model side of the Runtime facade: what the user can switch to (the merged catalog with key availability),
// and resolving a `provider/model` reference against the config as it is on disk now (a key added while the
// TUI runs counts), so runtime.ts stays a thin list of front-end verbs.

import { loadConfig } from "../config/load.js";
import { type ModelChoice, modelChoices } from "../config/model-choice.js";
import type { Env } from "../config/paths.js";
import { type ResolvedModel, resolveModel } from "../config/resolve.js";

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
