// The models a user can pick (merged catalog: built-ins plus config, custom providers included) and how a pick
// is saved. Shared by `protoagent configure`, the TUI's first-run setup and /model, so none imports another.
import { existsSync, readFileSync } from "node:fs";
import type { Env } from "./paths.js";
import { mergeProviders } from "./resolve.js";
import type { ConfigFile } from "./schema.js";
import { CONFIG_TEMPLATE, editJsonc, modelEdits, writePrivateFile } from "./write.js";

export interface ModelChoice {
  ref: string;
  label: string;
  envVar?: string;
  hasKey: boolean;
}

/** Every provider/model of the merged catalog (built-ins + config, custom providers included). */
export function modelChoices(config: ConfigFile, env: Env): ModelChoice[] {
  const out: ModelChoice[] = [];
  for (const p of Object.values(mergeProviders(config))) {
    const hasKey = Boolean(
      env.PROTOAGENT_API_KEY ||
        p.apiKey ||
        (p.apiKeyEnvVar && env[p.apiKeyEnvVar]) ||
        p.keyless ||
        Object.keys(p.headers).length > 0,
    );
    for (const [id, m] of Object.entries(p.models)) {
      out.push({ ref: `${p.id}/${id}`, label: `${p.name} – ${m.name}`, envVar: p.apiKeyEnvVar, hasKey });
    }
  }
  return out;
}

/** Writes the model (and the key, when given) into `file`, keeping its comments; creates it from the template. */
export function saveModelChoice(file: string, ref: string, apiKey?: string): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : CONFIG_TEMPLATE;
  writePrivateFile(file, editJsonc(text, modelEdits(ref, apiKey)));
}
