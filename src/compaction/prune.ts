// Step one of compaction: replace bulky old tool outputs (and bulky tool-call arguments, e.g. whole files
// passed to write_file) with a one-line stub. Messages at or after `protectFrom` and skill payloads are never
// touched. Returns new message objects; the originals stay untouched (they remain in the session log).
import { contentText, type Message } from "../agent/messages.js";

export interface PruneOptions {
  /** Messages from this index on are kept as they are (the recent turns). */
  protectFrom: number;
  /** Outputs at most this long stay (default 1,500 characters). */
  minChars?: number;
  /** Tools whose results are never pruned (skill payloads). */
  keepTools?: readonly string[];
}

export interface PruneResult {
  messages: Message[];
  /** Indexes of the messages that were replaced. */
  changed: number[];
}

export const DEFAULT_KEEP_TOOLS = ["activate_skill"];

function stub(name: string, text: string): string {
  const lines = text.split("\n").length;
  return `[pruned to save context: the ${name} output (${lines} lines, ${text.length} chars) was removed; run the tool again if you need it]`;
}

/** Shortens long string values inside a tool call's JSON arguments, keeping the JSON valid. */
function pruneArgs(args: string, minChars: number): string | undefined {
  if (args.length <= minChars) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return JSON.stringify({ pruned: `[${args.length} chars of arguments removed to save context]` });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v === "string" && v.length > minChars) {
      out[k] = `[${v.split("\n").length} lines, ${v.length} chars removed to save context]`;
      changed = true;
    } else out[k] = v;
  }
  return changed ? JSON.stringify(out) : undefined;
}

export function pruneToolOutputs(messages: readonly Message[], opts: PruneOptions): PruneResult {
  const minChars = opts.minChars ?? 1500;
  const keep = new Set(opts.keepTools ?? DEFAULT_KEEP_TOOLS);
  const out = [...messages];
  const changed: number[] = [];
  const end = Math.min(opts.protectFrom, messages.length);
  for (let i = 0; i < end; i++) {
    const m = messages[i]!;
    if (m.role === "tool" && !keep.has(m.name)) {
      const text = contentText(m.content);
      // Images are always bulky in tokens, whatever their text placeholder says.
      if (typeof m.content !== "string" || text.length > minChars) {
        out[i] = { ...m, content: stub(m.name, text) };
        changed.push(i);
      }
    } else if (m.role === "assistant" && m.toolCalls?.length) {
      let touched = false;
      const calls = m.toolCalls.map((c) => {
        if (keep.has(c.name)) return c;
        const args = pruneArgs(c.arguments, minChars);
        if (args === undefined) return c;
        touched = true;
        return { ...c, arguments: args };
      });
      if (touched) {
        out[i] = { ...m, toolCalls: calls };
        changed.push(i);
      }
    }
  }
  return { messages: out, changed };
}
