// The zod schema of protoagent.jsonc. Strict objects everywhere: an unknown key is an error that names the
// file, line, column and key path, because a silently ignored typo in a safety setting is worse than a refusal.
import { z } from "zod";
import type { FullCompat } from "../providers/types.js";
import { SANDBOX_MODES } from "../sandbox/types.js";

/** Request keys protoagent owns; config may not override them through defaultParams. */
export const RESERVED_REQUEST_KEYS = [
  "model",
  "messages",
  "tools",
  "tool_choice",
  "stream",
  "stream_options",
] as const;

const defaultParams = z.record(z.string(), z.unknown()).superRefine((params, ctx) => {
  for (const key of RESERVED_REQUEST_KEYS) {
    if (key in params)
      ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is reserved and set by protoagent` });
  }
});

export const compatSchema = z.strictObject({
  /** Which field carries the output-token cap. */
  maxTokensField: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
  /** Role used for the system prompt. */
  systemRole: z.enum(["system", "developer"]).optional(),
  /** Whether to ask for usage in the stream (stream_options.include_usage). */
  streamUsage: z.boolean().optional(),
  /** Field of streamed deltas that carries reasoning text. */
  reasoningField: z.enum(["reasoning_content", "reasoning", "none"]).optional(),
  /** Whether tool messages carry a `name` field. */
  toolResultName: z.boolean().optional(),
  /** Whether the model accepts image content parts. */
  supportsImages: z.boolean().optional(),
  /** Whether assistant messages carry their reasoning back (DeepSeek/Moonshot thinking models need it). */
  echoReasoning: z.boolean().optional(),
});

// The provider layer's FullCompat must stay the all-set form of this schema (fails to compile otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _compatInStep: Same<Required<z.infer<typeof compatSchema>>, FullCompat> = true;
void _compatInStep;

export const modelSchema = z.strictObject({
  name: z.string().optional(),
  contextWindow: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  inputPricePerMillion: z.number().nonnegative().optional(),
  outputPricePerMillion: z.number().nonnegative().optional(),
  cachedPricePerMillion: z.number().nonnegative().optional(),
  defaultParams: defaultParams.optional(),
  compat: compatSchema.optional(),
});

export const providerSchema = z.strictObject({
  name: z.string().optional(),
  baseURL: z.string().optional(),
  apiKey: z.string().optional(),
  apiKeyEnvVar: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  defaultParams: defaultParams.optional(),
  compat: compatSchema.optional(),
  models: z.record(z.string(), modelSchema).optional(),
});

export const mcpServerSchema = z.strictObject({
  type: z.enum(["stdio", "http", "sse"]).optional(),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
  url: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  enabled: z.boolean().optional(),
  timeoutMs: z.number().int().positive().optional(),
  includeTools: z.array(z.string()).optional(),
  excludeTools: z.array(z.string()).optional(),
  /** Calls to this server's tools run without asking (the user vouches for it). */
  trust: z.boolean().optional(),
  /** OAuth for a remote server: a pre-registered client, scopes, or the client-credentials grant (CI). */
  oauth: z
    .strictObject({
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
      scopes: z.array(z.string()).optional(),
      /** An https URL of this client's metadata document, used as client_id where the server supports it. */
      clientMetadataUrl: z.string().optional(),
      /** The authorization server's issuer URL: configured credentials are only ever sent there. */
      issuer: z.string().optional(),
      /** For client_credentials: authenticate with a private-key JWT (PEM, usually "${VAR}") instead of a secret. */
      privateKey: z.string().optional(),
      /** The JWT signing algorithm for privateKey (default ES256). */
      signingAlgorithm: z.string().optional(),
      /** "client_credentials" needs clientId, issuer and clientSecret or privateKey; no browser (machine use). */
      grant: z.enum(["authorization_code", "client_credentials"]).optional(),
      /** Fixed loopback port for the redirect, for a client registered with one exact redirect URI. */
      redirectPort: z.number().int().min(1).max(65535).optional(),
    })
    .optional(),
});

export const permissionModeSchema = z.enum(["default", "accept-edits", "plan"]);

export const permissionsSchema = z.strictObject({
  mode: permissionModeSchema.optional(),
  allow: z.array(z.string()).optional(),
  ask: z.array(z.string()).optional(),
  deny: z.array(z.string()).optional(),
});

export const limitsSchema = z.strictObject({
  maxTurns: z.number().int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
  maxTokens: z.number().int().positive().optional(),
  /** A duration such as "90s", "10m", "1h". */
  timeout: z.string().optional(),
});

/** Repeats of the same tool call with the same result before a nudge and before the run stops (0: never). */
const repeatCount = z
  .number()
  .int()
  .nonnegative()
  .refine((n) => n === 0 || n >= 2, "must be 0 (off) or at least 2");
export const loopGuardSchema = z.strictObject({
  nudgeAfter: repeatCount.optional(),
  stopAfter: repeatCount.optional(),
});

export const compactionSchema = z.strictObject({
  /** Fraction of the context window at which auto-compaction runs. */
  threshold: z.number().gt(0).lte(1).optional(),
  enabled: z.boolean().optional(),
});

/** File checkpoints for /rewind and /undo (src/checkpoints/): on by default, bounded in size. */
export const checkpointsSchema = z.strictObject({
  enabled: z.boolean().optional(),
  /** Upper bound of the whole checkpoint store; the oldest sessions' snapshots are pruned first. */
  maxSizeMB: z.number().positive().optional(),
});

/** The OS sandbox for shell commands (src/sandbox/): read-only (default), workspace-write or off. */
export const sandboxModeSchema = z.enum(SANDBOX_MODES);

/** How the TUI gets the user's attention (src/tui/notify.ts): auto-detected, a bell, OSC 9, OSC 777, or nothing. */
export const NOTIFY_MODES = ["auto", "bell", "osc9", "osc777", "off"] as const;

export const tuiSchema = z.strictObject({
  /** When an approval waits or a long turn ends. "auto" is off inside tmux/screen. */
  notifications: z.enum(NOTIFY_MODES).optional(),
  /** A turn must have run at least this long for its end to notify. */
  notifyAfterSeconds: z.number().nonnegative().optional(),
});

/** Sub-agents (src/session/sub-agent.ts): how many sub_agent calls of one reply run at once. */
export const subAgentsSchema = z.strictObject({
  maxParallel: z.number().int().min(1).max(16).optional(),
});

/** Lifecycle hook events (src/hooks/), named as Claude Code names them so existing setups paste as is. */
export const HOOK_EVENTS = [
  "SessionStart",
  "UserPromptSubmit",
  "PreToolUse",
  "PostToolUse",
  "Stop",
  "SubagentStop",
  "PreCompact",
  "Notification",
  "SessionEnd",
] as const;

/** One hook command: run through the shell with the event's JSON on stdin; `timeout` in seconds (default 60). */
export const hookCommandSchema = z.strictObject({
  type: z.literal("command"),
  command: z.string().min(1),
  timeout: z.number().positive().optional(),
});

/** `matcher`: a tool name or regex (PreToolUse/PostToolUse), a source (SessionStart), a trigger (PreCompact). */
export const hookMatcherSchema = z.strictObject({
  matcher: z
    .string()
    .optional()
    .refine((m) => m === undefined || validMatcher(m), { message: "not a valid regular expression" }),
  hooks: z.array(hookCommandSchema),
});

/** "*" means every name (Claude's spelling); anything else must compile as a regular expression. */
function validMatcher(m: string): boolean {
  if (m === "*") return true;
  try {
    new RegExp(m);
    return true;
  } catch {
    return false;
  }
}

/** `{ "<Event>": [ { "matcher": "...", "hooks": [ { "type": "command", "command": "..." } ] } ] }` */
export const hooksSchema = z.partialRecord(z.enum(HOOK_EVENTS), z.array(hookMatcherSchema));

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  model: z.string().optional(),
  compactionModel: z.string().optional(),
  providers: z.record(z.string(), providerSchema).optional(),
  mcp: z
    .strictObject({
      servers: z.record(z.string(), mcpServerSchema).optional(),
      /** MCP tool search (src/mcp/tool-search.ts): schemas above `threshold` × context window → search/load. */
      toolSearch: z
        .strictObject({
          mode: z.enum(["auto", "always", "never"]).optional(),
          threshold: z.number().gt(0).lte(1).optional(),
        })
        .optional(),
    })
    .optional(),
  permissions: permissionsSchema.optional(),
  sandbox: sandboxModeSchema.optional(),
  limits: limitsSchema.optional(),
  compaction: compactionSchema.optional(),
  loopGuard: loopGuardSchema.optional(),
  checkpoints: checkpointsSchema.optional(),
  skills: z
    .strictObject({ enabled: z.boolean().optional(), paths: z.array(z.string()).optional() })
    .optional(),
  tui: tuiSchema.optional(),
  /** Specialist agents: off switch, and what Claude Code model aliases (haiku, sonnet, opus) mean here. */
  agents: z
    .strictObject({
      enabled: z.boolean().optional(),
      modelAliases: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  subAgents: subAgentsSchema.optional(),
  hooks: hooksSchema.optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type ModelConfig = z.infer<typeof modelSchema>;
export type McpServerConfig = z.infer<typeof mcpServerSchema>;
export type Compat = z.infer<typeof compatSchema>;
export type PermissionMode = z.infer<typeof permissionModeSchema> | "bypass";
export type PermissionsConfig = z.infer<typeof permissionsSchema>;
export type LimitsConfig = z.infer<typeof limitsSchema>;
export type TuiConfig = z.infer<typeof tuiSchema>;
export type HookEvent = (typeof HOOK_EVENTS)[number];
export type HooksConfig = z.infer<typeof hooksSchema>;
