// Step two of compaction: ask a model for a structured state snapshot of the older turns. The request carries
// no tools, no temperature and no output cap (reasoning models reject those); its input is a capped transcript
// that fits the summariser's budget. Failures throw CompactionError so the caller can say so clearly.
import { contentText, type Message, type Usage } from "../agent/messages.js";
import type { StreamFn } from "../providers/types.js";
import type { Todo } from "../tools/todo.js";
import { isCompactionSummary, SUMMARY_TAG } from "./history.js";

export class CompactionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CompactionError";
  }
}

export const SUMMARY_SYSTEM_PROMPT = `You compact the history of a coding session between a user and an AI coding agent. The agent will continue the work from your summary alone (plus the latest request and the most recent turns, which it still sees verbatim), so keep every fact it needs and drop chatter.

Write Markdown with exactly these sections:
## Goal
What the user wants overall, in their words where it matters.
## Instructions and decisions
Rules, preferences and constraints the user stated (quote them), and decisions taken with their reason.
## Files touched
Each file read, created or changed, with a few words on what and why.
## Plan and todos
Steps done, in progress and remaining.
## Open problems
Errors not yet fixed, questions not yet answered, things to verify.
## Key facts
Commands that work, APIs, names, values and findings that would be costly to rediscover.

If the history begins with an earlier summary, merge it in: keep what is still true. Do not invent anything.`;

export interface SummaryRequest {
  /** The messages being replaced (an earlier summary among them is merged). */
  messages: readonly Message[];
  todos: readonly Todo[];
  /** The user's focus for /compact, if any. */
  focus?: string;
  /** Maximum characters of transcript to send (fits the summariser's window). */
  budgetChars: number;
  signal: AbortSignal;
}

const cap = (s: string, n: number): string =>
  s.length <= n
    ? s
    : `${s.slice(0, Math.ceil(n * 0.7))}\n[… ${s.length - n} chars omitted …]\n${s.slice(-Math.floor(n * 0.3))}`;

/** One line (or block) per message; caps shrink until the whole transcript fits, then the oldest lines go. */
export function transcriptForSummary(messages: readonly Message[], budgetChars: number): string {
  let caps = { text: 6000, tool: 1500, args: 600 };
  let lines: string[] = [];
  for (let round = 0; round < 4; round++) {
    lines = messages.map((m) => render(m, caps));
    if (lines.reduce((n, l) => n + l.length + 2, 0) <= budgetChars) return lines.join("\n\n");
    caps = { text: caps.text / 2, tool: caps.tool / 2, args: caps.args / 2 };
  }
  let total = lines.reduce((n, l) => n + l.length + 2, 0);
  let dropped = 0;
  // Keep an earlier summary (first) and the newest lines; drop from the oldest non-summary line on.
  const first = messages[0] && isCompactionSummary(messages[0]) ? 1 : 0;
  while (total > budgetChars && lines.length > first + 1) {
    total -= lines[first]!.length + 2;
    lines.splice(first, 1);
    dropped++;
  }
  if (dropped > 0) lines.splice(first, 0, `[${dropped} older messages omitted for length]`);
  return lines.join("\n\n");
}

function render(m: Message, caps: { text: number; tool: number; args: number }): string {
  switch (m.role) {
    case "system":
      return `[system]\n${cap(m.content, caps.text)}`;
    case "user":
      if (isCompactionSummary(m)) return `[earlier summary]\n${contentText(m.content)}`;
      return `[user]\n${cap(contentText(m.content), caps.text * 2)}`;
    case "assistant": {
      const parts = m.content.trim() ? [`[assistant]\n${cap(m.content, caps.text)}`] : [];
      for (const c of m.toolCalls ?? [])
        parts.push(`[assistant calls ${c.name}] ${cap(c.arguments, caps.args)}`);
      return parts.join("\n");
    }
    case "tool":
      return `[${m.name} ${m.isError ? "error" : "result"}]\n${cap(contentText(m.content), caps.tool)}`;
  }
}

export function formatTodos(todos: readonly Todo[]): string {
  if (todos.length === 0) return "(no todos)";
  return todos.map((t) => `- [${t.status}] ${t.content} (priority ${t.priority}, id ${t.id})`).join("\n");
}

/** Calls the summariser; returns the snapshot text and the request's usage. */
export async function requestSummary(
  stream: StreamFn,
  req: SummaryRequest,
): Promise<{ text: string; usage?: Usage }> {
  const focus = req.focus?.trim() ? `\n\nThe user asked the summary to focus on: ${req.focus.trim()}` : "";
  const user = `Summarise this session history.${focus}\n\nCurrent todo list:\n${formatTodos(req.todos)}\n\n<history>\n${transcriptForSummary(req.messages, req.budgetChars)}\n</history>`;
  let done: { message: { content: string }; usage?: Usage; error?: { message: string } } | undefined;
  for await (const ev of stream({
    messages: [
      { role: "system", content: SUMMARY_SYSTEM_PROMPT },
      { role: "user", content: user },
    ],
    tools: [],
    signal: req.signal,
  })) {
    if (ev.type === "done") done = ev;
  }
  if (!done) throw new CompactionError("Compaction failed: the summary request ended without a result.");
  if (done.error) throw new CompactionError(`Compaction failed: ${done.error.message}`);
  const text = done.message.content.trim();
  if (!text) throw new CompactionError("Compaction failed: the model returned an empty summary.");
  return { text, usage: done.usage };
}

/** The message that replaces the summarised turns (a user message: see docs/sessions.spec.md). */
export function summaryMessage(summary: string, todos: readonly Todo[], removed: number): Message {
  return {
    role: "user",
    content: `${SUMMARY_TAG}
${removed} earlier messages of this session were compacted into the summary below. The system prompt, skill instructions, the latest request and the most recent turns follow verbatim. Continue the work; do not repeat finished steps.

${summary}

## Current todo list (verbatim)
${formatTodos(todos)}
</conversation_summary>`,
  };
}
