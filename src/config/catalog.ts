// Built-in provider catalog: data only. Prices are USD per million tokens; context windows in tokens.
// Users override any field (or add providers) in protoagent.jsonc; see src/config/resolve.ts for the merge.
import type { Compat } from "./schema.js";

export interface CatalogModel {
  name: string;
  contextWindow: number;
  maxOutputTokens?: number;
  inputPricePerMillion?: number;
  outputPricePerMillion?: number;
  cachedPricePerMillion?: number;
  compat?: Compat;
}

export interface CatalogProvider {
  name: string;
  baseURL: string;
  /** Environment variable holding the key; absent for local servers that need none. */
  apiKeyEnvVar?: string;
  /** Local servers accept any key. */
  keyless?: boolean;
  compat?: Compat;
  models: Record<string, CatalogModel>;
}

const m = (
  name: string,
  contextWindow: number,
  input?: number,
  output?: number,
  cached?: number,
  maxOutputTokens?: number,
): CatalogModel => ({
  name,
  contextWindow,
  inputPricePerMillion: input,
  outputPricePerMillion: output,
  cachedPricePerMillion: cached,
  maxOutputTokens,
});

export const BUILTIN_PROVIDERS: Record<string, CatalogProvider> = {
  openai: {
    name: "OpenAI",
    baseURL: "https://api.openai.com/v1",
    apiKeyEnvVar: "OPENAI_API_KEY",
    compat: { maxTokensField: "max_completion_tokens", systemRole: "developer", supportsImages: true },
    models: {
      "gpt-5.4": m("GPT-5.4", 1_048_576, 2.5, 15, 0.25, 128_000),
      "gpt-5-mini": m("GPT-5 mini", 400_000, 0.25, 2, 0.025, 128_000),
      "gpt-5-nano": m("GPT-5 nano", 400_000, 0.05, 0.4, 0.005, 128_000),
      "gpt-4.1": m("GPT-4.1", 1_047_576, 2, 8, 0.5, 32_768),
    },
  },
  anthropic: {
    name: "Anthropic",
    baseURL: "https://api.anthropic.com/v1/",
    apiKeyEnvVar: "ANTHROPIC_API_KEY",
    compat: { supportsImages: true },
    models: {
      "claude-opus-4-6": m("Claude Opus 4.6", 200_000, 5, 25, 0.5, 64_000),
      "claude-sonnet-4-6": m("Claude Sonnet 4.6", 200_000, 3, 15, 0.3, 64_000),
      "claude-haiku-4-5": m("Claude Haiku 4.5", 200_000, 1, 5, 0.1, 64_000),
    },
  },
  google: {
    name: "Google Gemini",
    baseURL: "https://generativelanguage.googleapis.com/v1beta/openai/",
    apiKeyEnvVar: "GEMINI_API_KEY",
    compat: { supportsImages: true, reasoningField: "none" },
    models: {
      "gemini-3.1-pro-preview": m("Gemini 3.1 Pro (preview)", 1_048_576, 2, 12, 0.2, 65_536),
      "gemini-3-flash-preview": m("Gemini 3 Flash (preview)", 1_048_576, 0.5, 3, 0.05, 65_536),
      "gemini-2.5-pro": m("Gemini 2.5 Pro", 1_048_576, 1.25, 10, 0.125, 65_536),
      "gemini-2.5-flash": m("Gemini 2.5 Flash", 1_048_576, 0.3, 2.5, 0.03, 65_536),
    },
  },
  openrouter: {
    name: "OpenRouter",
    baseURL: "https://openrouter.ai/api/v1",
    apiKeyEnvVar: "OPENROUTER_API_KEY",
    compat: { reasoningField: "reasoning" },
    models: {
      "anthropic/claude-sonnet-4.6": m("Claude Sonnet 4.6", 200_000, 3, 15, 0.3),
      "openai/gpt-5.4": m("GPT-5.4", 1_048_576, 2.5, 15, 0.25),
      "google/gemini-3-flash-preview": m("Gemini 3 Flash (preview)", 1_048_576, 0.5, 3),
      "qwen/qwen3-coder": m("Qwen3 Coder", 262_144, 0.22, 0.95),
    },
  },
  groq: {
    name: "Groq",
    baseURL: "https://api.groq.com/openai/v1",
    apiKeyEnvVar: "GROQ_API_KEY",
    compat: { reasoningField: "reasoning" },
    models: {
      "openai/gpt-oss-120b": m("GPT-OSS 120B", 131_072, 0.15, 0.75),
      "moonshotai/kimi-k2-instruct-0905": m("Kimi K2", 262_144, 1, 3),
      "llama-3.3-70b-versatile": m("Llama 3.3 70B", 131_072, 0.59, 0.79),
    },
  },
  deepseek: {
    name: "DeepSeek",
    baseURL: "https://api.deepseek.com/v1",
    apiKeyEnvVar: "DEEPSEEK_API_KEY",
    compat: { reasoningField: "reasoning_content" },
    models: {
      "deepseek-chat": m("DeepSeek V3.2 (chat)", 131_072, 0.28, 0.42, 0.028),
      // Thinking mode: a tool-call turn must carry its reasoning_content back, or the next request is a 400.
      "deepseek-reasoner": {
        ...m("DeepSeek V3.2 (reasoner)", 131_072, 0.28, 0.42, 0.028),
        compat: { echoReasoning: true },
      },
    },
  },
  xai: {
    name: "xAI",
    baseURL: "https://api.x.ai/v1",
    apiKeyEnvVar: "XAI_API_KEY",
    compat: { supportsImages: true },
    models: {
      "grok-4": m("Grok 4", 256_000, 3, 15, 0.75),
      "grok-4-fast": m("Grok 4 Fast", 2_000_000, 0.2, 0.5, 0.05),
      "grok-code-fast-1": m("Grok Code Fast", 256_000, 0.2, 1.5, 0.02),
    },
  },
  mistral: {
    name: "Mistral",
    baseURL: "https://api.mistral.ai/v1",
    apiKeyEnvVar: "MISTRAL_API_KEY",
    // api.mistral.ai rejects stream_options with a 422 (extra_forbidden); it sends usage in the last chunk anyway.
    compat: { streamUsage: false },
    models: {
      "devstral-medium-latest": m("Devstral Medium", 131_072, 0.4, 2),
      "mistral-large-latest": m("Mistral Large", 131_072, 2, 6),
      "codestral-latest": m("Codestral", 256_000, 0.3, 0.9),
    },
  },
  cerebras: {
    name: "Cerebras",
    baseURL: "https://api.cerebras.ai/v1",
    apiKeyEnvVar: "CEREBRAS_API_KEY",
    compat: { reasoningField: "reasoning" },
    models: {
      "gpt-oss-120b": m("GPT-OSS 120B", 131_072, 0.35, 0.75),
      "qwen-3-coder-480b": m("Qwen3 Coder 480B", 131_072, 2, 2),
    },
  },
  ollama: {
    name: "Ollama (local)",
    baseURL: "http://localhost:11434/v1",
    keyless: true,
    models: {
      "qwen3-coder": m("Qwen3 Coder", 262_144),
      "gpt-oss:20b": m("GPT-OSS 20B", 131_072),
      "llama3.1": m("Llama 3.1", 131_072),
    },
  },
  lmstudio: {
    name: "LM Studio (local)",
    baseURL: "http://localhost:1234/v1",
    keyless: true,
    models: {
      "qwen/qwen3-coder-30b": m("Qwen3 Coder 30B", 262_144),
      "openai/gpt-oss-20b": m("GPT-OSS 20B", 131_072),
    },
  },
};

/** Used when a model declares no context window: never 0 (which would make every request "over" the limit). */
export const DEFAULT_CONTEXT_WINDOW = 128_000;
