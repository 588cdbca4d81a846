// Replays a resumed session's WHOLE log — including what compaction later summarised away — instead of only the
// live history (which after a compaction starts at the summary). The store keeps every message it ever
// recorded as display entries; here they become the same transcript items live events produce, with a
// `── compacted N messages ──` marker and the summary where each compaction happened. Tool calls pair with their
// results in log order (a call id may repeat across a long session), and end as the log's view recorded them.
import type { TranscriptEntry } from "../../runtime/index.js";
import type { NewItem } from "./app-types.js";
import { type DescribeLookup, type ReplayOptions, replayedTool } from "./replay.js";
import { shownPrompt } from "./user-input.js";

export function transcriptItems(
  entries: readonly TranscriptEntry[],
  describe: DescribeLookup,
  opts: ReplayOptions = {},
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
        const result = r && { content: r.text, isError: r.isError };
        items.push(replayedTool({ id: e.callId, name: e.name, args: e.args }, result, describe, opts));
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
      case "rewind":
        items.push({ kind: "notice", level: "info", text: rewindLine(e) });
        break;
    }
  }
  return items;
}

function rewindLine(e: Extract<TranscriptEntry, { kind: "rewind" }>): string {
  const what = e.code && e.conversation ? "code and conversation" : e.code ? "code" : "conversation";
  return `── rewound ${what} to before turn ${e.turn} ──`;
}
