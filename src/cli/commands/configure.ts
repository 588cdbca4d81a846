// `protoagent configure`: choose the model (and optionally store a key) in the user or project config.
// Non-interactive with --provider/--model/--api-key; otherwise the same Ink setup the TUI shows on first run.
// Fixes over the reference: comments kept, custom providers listed, provider/model validated against the
// merged catalog, and omitting --api-key never deletes a stored key.
import { loadConfig } from "../../config/load.js";
import { modelChoices, saveModelChoice } from "../../config/model-choice.js";
import { type Env, projectConfigPath, userConfigPath } from "../../config/paths.js";
import { mergeProviders } from "../../config/resolve.js";
import type { ConfigFile } from "../../config/schema.js";
import { UserError } from "../../errors.js";

export interface ConfigureOptions {
  project?: boolean;
  user?: boolean;
  provider?: string;
  /** A model id, or provider/model. */
  model?: string;
  apiKey?: string;
  cwd?: string;
  env?: Env;
  /** Output sink (tests capture it). */
  out?: (line: string) => void;
}

/** Validates provider/model against the merged catalog; returns the canonical ref. */
export function validateModel(config: ConfigFile, provider: string | undefined, model: string): string {
  let pid = provider;
  let mid = model;
  if (!pid) {
    const i = model.indexOf("/");
    if (i <= 0) throw new UserError("Give --provider <id> and --model <id>, or --model provider/model.");
    pid = model.slice(0, i);
    mid = model.slice(i + 1);
  } else if (model.startsWith(`${pid}/`)) mid = model.slice(pid.length + 1);
  const providers = mergeProviders(config);
  const p = providers[pid];
  if (!p)
    throw new UserError(`Unknown provider "${pid}". Known: ${Object.keys(providers).sort().join(", ")}.`);
  if (!p.models[mid]) {
    const known = Object.keys(p.models).join(", ") || "(none listed)";
    throw new UserError(
      `Unknown model "${mid}" for ${p.name}. Known: ${known}. To use another, add it under providers.${pid}.models.`,
    );
  }
  return `${pid}/${mid}`;
}

export function targetPath(opts: { project?: boolean; user?: boolean; cwd: string; env: Env }): string {
  if (opts.project && opts.user) throw new UserError("Choose only one of --project or --user.");
  return opts.project ? projectConfigPath(opts.cwd) : userConfigPath(opts.env);
}

export async function runConfigure(opts: ConfigureOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const out = opts.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const file = targetPath({ ...opts, cwd, env });
  const loaded = loadConfig({ cwd, env });
  if (opts.provider || opts.model || opts.apiKey) {
    if (!opts.model)
      throw new UserError(
        "Non-interactive configure requires --model (and --provider unless --model is provider/model).",
      );
    const ref = validateModel(loaded.config, opts.provider, opts.model);
    saveModelChoice(file, ref, opts.apiKey);
    const choice = modelChoices(loaded.config, env).find((c) => c.ref === ref);
    out("Configured protoagent:");
    out(`  ${file}`);
    out(`  model: ${ref}`);
    if (opts.apiKey) out("  API key: stored in the file (mode 0600)");
    else if (!choice?.hasKey)
      out(`  API key: none found — export ${choice?.envVar ?? "PROTOAGENT_API_KEY"} or pass --api-key`);
    return 0;
  }
  if (!process.stdin.isTTY)
    throw new UserError(
      "Non-interactive configure requires --provider and --model (stdin is not a terminal).",
    );
  const { runSetupWizard } = await import("../../tui/setup-wizard.js");
  const ok = await runSetupWizard({
    choices: modelChoices(loaded.config, env),
    target: file,
    env,
    save: (ref, apiKey) => saveModelChoice(file, ref, apiKey),
  });
  if (ok) out(`Configuration saved to ${file}.`);
  else out("Configuration not changed.");
  return ok ? 0 : 1;
}
