// Turns a resumed session's history into transcript items, so `--session`/`--continue` shows the conversation
// so far (prompts, answers as Markdown, tool calls with their results) instead of an empty screen.
import { contentText, type Message } from "../../runtime/index.js";
import type { NewItem, ToolView } from "./app-types.js";

function parseArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

export function historyItems(messages: readonly Message[]): NewItem[] {
  const results = new Map<string, { content: string; isError: boolean }>();
  for (const m of messages)
    if (m.role === "tool")
      results.set(m.toolCallId, { content: contentText(m.content), isError: Boolean(m.isError) });
  const items: NewItem[] = [];
  for (const m of messages) {
    if (m.role === "user") {
      const text = contentText(m.content);
      // Compaction summaries and injected context are user-role messages too; show them as notices.
      items.push(
        text.startsWith("<")
          ? { kind: "notice", level: "info", text: text.split("\n")[0] ?? "" }
          : { kind: "user", text },
      );
    } else if (m.role === "assistant") {
      if (m.content.trim()) items.push({ kind: "markdown", text: m.content.trimEnd() });
      for (const call of m.toolCalls ?? []) {
        const r = results.get(call.id);
        const tool: ToolView = {
          callId: call.id,
          name: call.name,
          args: parseArgs(call.arguments),
          status: r ? (r.isError ? "error" : "done") : "aborted",
          content: r?.content,
          live: "",
          startedAt: 0,
        };
        items.push({ kind: "tool", tool, expanded: false });
      }
      if (m.interrupted) items.push({ kind: "interrupted" });
    }
  }
  return items;
}
