// `protoagent models [provider] [--json]`: a provider's live models (GET /v1/models) with their context windows,
// so a gateway's or a local server's models can be picked without editing config. Reaches the core only through
// the runtime door. An unreachable server is one line on stderr and exit code 1.
import { Command } from "commander";
import { type Env, type LiveModelInfo, listLiveModels } from "../../runtime/index.js";
import { formatTokens, formatUsd } from "../../usage/cost.js";

export interface ModelsCommandDeps {
  env: Env;
  cwd: () => string;
  write: (text: string) => void;
  writeErr: (text: string) => void;
}

function line(m: LiveModelInfo): string {
  const ctx = `${formatTokens(m.contextWindow)} ctx${m.contextSource === "default" ? " (default)" : ""}`;
  const price = m.prices ? `  ${formatUsd(m.prices.input)}/${formatUsd(m.prices.output)} per M` : "";
  return `${m.ref}  ${ctx}${price}${m.known ? "" : "  (not in config)"}`;
}

export function modelsCommand(deps: ModelsCommandDeps): Command {
  return new Command("models")
    .description("list a provider's live models (GET /v1/models) with context windows")
    .argument("[provider]", "provider id (default: the provider of the configured model)")
    .option("--json", "print JSON")
    .action(async (providerId: string | undefined, o: { json?: boolean }) => {
      const r = await listLiveModels({ cwd: deps.cwd(), env: deps.env, providerId });
      if (o.json) deps.write(`${JSON.stringify(r, null, 2)}\n`);
      else if (r.models.length)
        deps.write(`${r.providerName} (${r.baseURL}):\n${r.models.map((m) => `  ${line(m)}`).join("\n")}\n`);
      if (r.error) {
        deps.writeErr(`${r.providerName}: ${r.error}\n`);
        process.exitCode = 1;
      } else if (!r.models.length && !o.json)
        deps.write(`${r.providerName} (${r.baseURL}) lists no models.\n`);
    });
}
