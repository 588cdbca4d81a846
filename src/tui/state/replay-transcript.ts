// Replays a resumed session's WHOLE log — including what compaction later summarised away — instead of only the
// live history (which after a compaction starts at the summary). The store keeps every message it ever
// recorded as display entries; here they become the same transcript items live events produce, with a
// `── compacted N messages ──` marker and the summary where each compaction happened. Tool calls pair with their
// results in log order (a call id may repeat across a long session), and end as the log's view recorded them.
import type { ToolEndView, TranscriptEntry } from "../../runtime/index.js";
import type { NewItem, ToolView } from "./app-types.js";
import type { DescribeLookup } from "./replay.js";
import { shownPrompt } from "./user-input.js";

function parseArgs(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export interface TranscriptReplayOptions {
  view?: (callId: string) => ToolEndView | undefined;
  expanded?: boolean;
}

export function transcriptItems(
  entries: readonly TranscriptEntry[],
  describe: DescribeLookup,
  opts: TranscriptReplayOptions = {},
): NewItem[] {
  // Results in log order per call id, consumed as the calls are met.
  const results = new Map<string, Extract<TranscriptEntry, { kind: "tool_result" }>[]>();
  for (const e of entries)
    if (e.kind === "tool_result") results.set(e.callId, [...(results.get(e.callId) ?? []), e]);
  const items: NewItem[] = [];
  let model: string | undefined;
  for (const e of entries) {
    switch (e.kind) {
      case "user":
        // Injected context (AGENTS.md, skills) is user-role too: one line, as a notice.
        items.push(
          e.text.startsWith("<")
            ? { kind: "notice", level: "info", text: e.text.split("\n")[0] ?? "" }
            : { kind: "user", text: shownPrompt(e.text) },
        );
        break;
      case "assistant":
        if (e.text.trim()) items.push({ kind: "markdown", text: e.text.trimEnd() });
        if (e.interrupted) items.push({ kind: "interrupted" });
        break;
      case "tool_call": {
        const r = results.get(e.callId)?.shift();
        const v = r ? opts.view?.(e.callId) : undefined;
        const tool: ToolView = {
          callId: e.callId,
          name: e.name,
          description: describe(e.name, parseArgs(e.args)),
          status: v?.status ?? (r ? (r.isError ? "error" : "done") : "aborted"),
          ...(v?.summary ? { summary: v.summary } : {}),
          ...(v?.details ? { details: v.details } : {}),
          content: r?.text,
          live: "",
          startedAt: 0,
        };
        items.push({ kind: "tool", tool, expanded: opts.expanded ?? false });
        break;
      }
      case "tool_result":
        break;
      case "compaction":
        items.push(
          { kind: "notice", level: "info", text: `── compacted ${e.removed} messages (${e.reason}) ──` },
          { kind: "output", title: "Summary the model continued from", body: e.summary },
        );
        break;
      case "model":
        // The log's first model record is the one the session started with: only changes are news.
        if (model !== undefined && e.model !== model)
          items.push({ kind: "notice", level: "info", text: `Model: ${e.model}` });
        model = e.model;
        break;
      case "mode":
        break;
    }
  }
  return items;
}
