// Cost of a request from per-model prices (USD per million tokens). `inputTokens` includes cached tokens (as
// prompt_tokens does); cached ones are billed at the cached price when one is configured, else at the input price.
import type { Usage } from "../agent/messages.js";

export interface Prices {
  inputPricePerMillion?: number;
  outputPricePerMillion?: number;
  cachedPricePerMillion?: number;
}

export interface Cost {
  inputUsd: number;
  cachedUsd: number;
  outputUsd: number;
  totalUsd: number;
  /** False when the model has no input or output price: the figures are then lower bounds (0). */
  priced: boolean;
}

export function requestCost(usage: Usage, prices: Prices): Cost {
  const inPrice = prices.inputPricePerMillion ?? 0;
  const cachedPrice = prices.cachedPricePerMillion ?? inPrice;
  const outPrice = prices.outputPricePerMillion ?? 0;
  const cached = Math.min(usage.cachedTokens, usage.inputTokens);
  const inputUsd = ((usage.inputTokens - cached) * inPrice) / 1e6;
  const cachedUsd = (cached * cachedPrice) / 1e6;
  const outputUsd = (usage.outputTokens * outPrice) / 1e6;
  return {
    inputUsd,
    cachedUsd,
    outputUsd,
    totalUsd: inputUsd + cachedUsd + outputUsd,
    priced: prices.inputPricePerMillion !== undefined && prices.outputPricePerMillion !== undefined,
  };
}

/** "$0.0042", "$1.27", "$12.40": small amounts keep two significant digits. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0.00";
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(2)}`;
}

/** "950", "12.3k", "1.2M". */
export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(1)}M`;
}
