// Pure mapping between ACP session shapes and the runtime's: prompt blocks → our prompt, a run's result → a
// stop reason, saved history → replayed updates, ACP MCP servers → our server config, approval prompts ↔
// permission options, and the mode / model / command lists the client shows.

import { fileURLToPath } from "node:url";
import type * as acp from "@agentclientprotocol/sdk";
import type {
  ApprovalAnswer,
  ApprovalPrompt,
  ContentPart,
  LoopResult,
  McpServerConfig,
  Message,
  PermissionMode,
  ToolCallDescription,
} from "../runtime/index.js";
import { toolCallFromDescription } from "./map-tools.js";

const uriPath = (uri: string): string => {
  try {
    return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
};

/** ACP prompt blocks → our prompt: text as is, embedded resources as tagged context, links as mentions. */
export function promptFromBlocks(blocks: readonly acp.ContentBlock[]): string | ContentPart[] {
  const parts: ContentPart[] = [];
  for (const b of blocks) {
    if (b.type === "text") parts.push({ type: "text", text: b.text });
    else if (b.type === "image") parts.push({ type: "image", mimeType: b.mimeType, data: b.data });
    else if (b.type === "resource") {
      const r = b.resource;
      const where = uriPath(r.uri);
      parts.push({
        type: "text",
        text:
          "text" in r
            ? `<context path="${where}">\n${r.text.replace(/\n$/, "")}\n</context>`
            : `[binary resource ${where} attached; not shown]`,
      });
    } else if (b.type === "resource_link") parts.push({ type: "text", text: `@${uriPath(b.uri)}` });
    else parts.push({ type: "text", text: `[${b.type} content not supported]` });
  }
  if (parts.every((p) => p.type === "text"))
    return parts.map((p) => (p.type === "text" ? p.text : "")).join("\n");
  return parts;
}

export type PromptEnd = { stopReason: acp.StopReason; note?: string } | { error: string };

/**
 * How a run ended, for ACP: completed → end_turn; max_turns → max_turn_requests; aborted → cancelled; a
 * token limit → max_tokens, another budget (cost, time) → max_turn_requests, both with the reason as a note;
 * the loop guard's stop → max_turn_requests with its reason; a failure → a JSON-RPC error with its message.
 */
export function promptEnd(result: Pick<LoopResult, "reason" | "error">): PromptEnd {
  switch (result.reason) {
    case "completed":
      return { stopReason: "end_turn" };
    case "max_turns":
      return { stopReason: "max_turn_requests", note: result.error };
    case "aborted":
      return { stopReason: "cancelled" };
    case "limit":
      return {
        stopReason: /token/i.test(result.error ?? "") ? "max_tokens" : "max_turn_requests",
        note: result.error,
      };
    case "loop":
      return { stopReason: "max_turn_requests", note: result.error };
    case "error":
      return { error: result.error ?? "The request failed." };
  }
}

/** ACP MCP server shapes → our config (stdio env and http headers become records). */
export function mcpServersFromAcp(servers: readonly acp.McpServer[]): Record<string, McpServerConfig> {
  const out: Record<string, McpServerConfig> = {};
  const record = (pairs: ReadonlyArray<{ name: string; value: string }>) =>
    Object.fromEntries(pairs.map((p) => [p.name, p.value]));
  for (const s of servers) {
    if ("type" in s && (s.type === "http" || s.type === "sse"))
      out[s.name] = { type: s.type, url: s.url, headers: record(s.headers) };
    else if ("command" in s)
      out[s.name] = { type: "stdio", command: s.command, args: s.args, env: record(s.env) };
  }
  return out;
}

const text = (t: string): acp.ContentBlock => ({ type: "text", text: t });

function parseArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const flatten = (c: string | ContentPart[]) =>
  typeof c === "string" ? c : c.map((p) => (p.type === "text" ? p.text : `[${p.mimeType} image]`)).join("\n");

/** A saved conversation as the updates a client replays (user/agent chunks, thoughts, finished tool calls). */
export function historyUpdates(
  messages: readonly Message[],
  cwd: string,
  describe: (name: string, args: unknown) => ToolCallDescription,
): acp.SessionUpdate[] {
  const results = new Map<string, { content: string; isError: boolean }>();
  for (const m of messages)
    if (m.role === "tool")
      results.set(m.toolCallId, { content: flatten(m.content), isError: Boolean(m.isError) });
  const out: acp.SessionUpdate[] = [];
  for (const m of messages) {
    if (m.role === "user") {
      const body = flatten(m.content);
      // Compaction summaries and injected context are user-role messages too; they are not the user's words.
      if (!body.startsWith("<")) out.push({ sessionUpdate: "user_message_chunk", content: text(body) });
    } else if (m.role === "assistant") {
      if (m.reasoning) out.push({ sessionUpdate: "agent_thought_chunk", content: text(m.reasoning) });
      if (m.content.trim()) out.push({ sessionUpdate: "agent_message_chunk", content: text(m.content) });
      for (const call of m.toolCalls ?? []) {
        const args = parseArgs(call.arguments);
        const r = results.get(call.id);
        out.push({
          sessionUpdate: "tool_call",
          ...toolCallFromDescription(call.id, describe(call.name, args), args, cwd),
          status: r && !r.isError ? "completed" : "failed",
          content: [{ type: "content", content: text(r?.content ?? "(interrupted)") }],
        });
      }
    }
  }
  return out;
}

/** Permission options for an approval: once, for the session (first offered scope, if any), reject. */
export function permissionOptions(prompt: ApprovalPrompt): acp.PermissionOption[] {
  const scope = prompt.scopes[0];
  return [
    { optionId: "allow_once", name: "Allow once", kind: "allow_once" },
    ...(scope
      ? [
          {
            optionId: "allow_session",
            name: `Allow ${scope.label} for this session`,
            kind: "allow_always" as const,
          },
        ]
      : []),
    { optionId: "reject", name: "Reject", kind: "reject_once" },
  ];
}

/** The client's choice as our answer; a cancelled request (or an unknown option) rejects. */
export function answerFor(outcome: acp.RequestPermissionOutcome, prompt: ApprovalPrompt): ApprovalAnswer {
  if (outcome.outcome !== "selected") return { kind: "reject" };
  const scope = prompt.scopes[0];
  if (outcome.optionId === "allow_once") return { kind: "once" };
  if (outcome.optionId === "allow_session" && scope) return { kind: "session", scope };
  return { kind: "reject" };
}

const APPROVAL_KINDS: Record<string, acp.ToolKind> = {
  write: "edit",
  edit: "edit",
  shell: "execute",
  fetch: "fetch",
};

/** The tool call shown with a permission request: the request's title, kind, file and full detail. */
export function permissionToolCall(
  callId: string,
  prompt: ApprovalPrompt,
  diffBlock?: acp.ToolCallContent,
): acp.ToolCallUpdate {
  const r = prompt.request;
  const content: acp.ToolCallContent[] = diffBlock
    ? [diffBlock]
    : [
        {
          type: "content",
          content: text(
            `\`\`\`${r.kind === "edit" || r.kind === "write" ? "diff" : ""}\n${r.detail}\n\`\`\``,
          ),
        },
      ];
  if (r.reason) content.push({ type: "content", content: text(r.reason) });
  return {
    toolCallId: callId,
    title: r.title,
    kind: APPROVAL_KINDS[r.kind] ?? "other",
    content,
    ...(r.path ? { locations: [{ path: r.path }] } : {}),
  };
}

export const MODES: ReadonlyArray<{ id: PermissionMode; name: string; description: string }> = [
  { id: "default", name: "Default", description: "Ask before edits, commands and fetches" },
  { id: "accept-edits", name: "Accept edits", description: "Edit files in the workspace without asking" },
  { id: "plan", name: "Plan", description: "Read and explore only; nothing is changed" },
];

/** The modes offered; a session resumed in another mode (bypass) lists it too, so the current one is valid. */
export function modeState(current: string): acp.SessionModeState {
  const modes: acp.SessionMode[] = MODES.map((m) => ({ ...m }));
  if (!modes.some((m) => m.id === current)) modes.push({ id: current, name: current });
  return { currentModeId: current, availableModes: modes };
}

/** The model selector (a config option of category "model"); the current model is always listed. */
export function modelOption(current: string, models: readonly string[]): acp.SessionConfigOption {
  const refs = models.includes(current) ? models : [current, ...models];
  return {
    id: "model",
    name: "Model",
    category: "model",
    type: "select",
    currentValue: current,
    options: refs.map((ref) => ({ value: ref, name: ref })),
  };
}

/** Slash commands the client offers: compact, init, and one per skill. */
export function availableCommands(skills: readonly string[]): acp.AvailableCommand[] {
  return [
    {
      name: "compact",
      description: "Summarise older history now to free context",
      input: { hint: "optional focus" },
    },
    { name: "init", description: "Write or update AGENTS.md for this project" },
    ...skills.map((s) => ({ name: s, description: `Use the ${s} skill`, input: { hint: "arguments" } })),
  ];
}
