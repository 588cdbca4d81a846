// First-run setup seen from a front-end: whether an assembly error is one the inline setup can fix (no model
// configured, no key), which models to offer, and where the choice is saved.
import { loadConfig } from "../config/load.js";
import { type ModelChoice, modelChoices, saveModelChoice } from "../config/model-choice.js";
import { type Env, userConfigPath } from "../config/paths.js";
import { UserError } from "../errors.js";

export type { ModelChoice };

export interface SetupOffer {
  choices: ModelChoice[];
  /** The user config file the choice is written to. */
  target: string;
  save(ref: string, apiKey?: string): void;
}

/** A setup offer when `err` is fixable by choosing a model or entering a key; undefined otherwise. */
export function setupFor(err: unknown, cwd: string, env: Env): SetupOffer | undefined {
  if (!(err instanceof UserError) || !/^No model configured|^Missing API key/.test(err.message))
    return undefined;
  let config: ReturnType<typeof loadConfig>["config"];
  try {
    config = loadConfig({ cwd, env }).config;
  } catch {
    return undefined;
  }
  const target = userConfigPath(env);
  return {
    choices: modelChoices(config, env),
    target,
    save: (ref, apiKey) => saveModelChoice(target, ref, apiKey),
  };
}
