// The reducer's building blocks: finished things move from `live` to `pending` (in transcript order, with fresh
// ids) — completed Markdown blocks as they stream, reasoning before the blocks it preceded, finished tools at the
// head of the live list — and long outputs join the bounded `collapsed` list that /expand prints. Pure.
import { isLongReasoning } from "../render/reasoning.js";
import { splitBlocks, splitStable } from "../render/stream-split.js";
import { COLLAPSE_LINES, toolBody, toolSubject } from "../render/tool-view.js";
import type { AppState, Item, NewItem, PermissionModeName, ToolView } from "./app-types.js";
import { modeNotice } from "./notices.js";

/** Collapsed outputs kept for /expand (newest last). */
export const MAX_COLLAPSED = 20;
/** Streamed text becomes transcript items of about this size: fine steps for the Transcript's per-slice budgets. */
const STABLE_ITEM_CHARS = 1000;

export function push(s: AppState, ...items: NewItem[]): AppState {
  if (items.length === 0) return s;
  let id = s.nextId;
  const withIds = items.map((it) => ({ ...it, id: id++ }) as Item);
  return { ...s, nextId: id, pending: [...s.pending, ...withIds] };
}

/**
 * Moves completed Markdown blocks of the streaming text to scrollback — after the reasoning that came before
 * them, which is printed first (scrollback is in the order the model produced things).
 */
export function flushStableText(s: AppState): AppState {
  const { stable, tail } = splitStable(s.live.text);
  if (stable.trim() === "") return stable === "" ? s : { ...s, live: { ...s.live, text: tail } };
  // A fast stream delivers many blocks at once: as several items they print a slice per frame (Transcript).
  let next: AppState = {
    ...flushReasoning(s),
    streamPrinted: true,
    live: { ...s.live, reasoning: "", text: tail },
  };
  for (const part of splitBlocks(stable, STABLE_ITEM_CHARS))
    if (part.trim() !== "") next = push(next, { kind: "markdown", text: part.trimEnd() });
  return next;
}

/** Prints the streamed reasoning (long reasoning as a preview; its full text joins what /expand prints). */
export function flushReasoning(s: AppState): AppState {
  const reasoning = s.live.reasoning.trim();
  if (reasoning === "") return s;
  let next = s;
  if (!s.expandAll && isLongReasoning(reasoning))
    next = {
      ...next,
      collapsed: [...next.collapsed, { title: "reasoning", body: reasoning }].slice(-MAX_COLLAPSED),
    };
  next = push(next, { kind: "reasoning", text: reasoning, expanded: s.expandAll });
  return { ...next, live: { ...next.live, reasoning: "" } };
}

/** Flushes all streamed text and reasoning (the message ended, a tool call began, the run failed or ended). */
export function flushAllText(s: AppState): AppState {
  let next: AppState = flushReasoning({ ...s, retry: null, streamPrinted: false });
  if (s.live.text.trim() !== "") next = push(next, { kind: "markdown", text: s.live.text.trimEnd() });
  return { ...next, live: { ...next.live, text: "", reasoning: "" } };
}

/** Moves finished tools at the head of the live list to scrollback, keeping call order. */
export function flushTools(s: AppState): AppState {
  const tools = [...s.live.tools];
  const done: NewItem[] = [];
  let collapsed = s.collapsed;
  while (tools.length > 0 && tools[0]?.status !== "running") {
    const tool = tools.shift() as ToolView;
    done.push({ kind: "tool", tool, expanded: s.expandAll });
    const body = toolBody(tool);
    if (body.split("\n").length > COLLAPSE_LINES) {
      const title = `${tool.name} ${toolSubject(tool)}`.trim();
      collapsed = [...collapsed, { title, body }].slice(-MAX_COLLAPSED);
    }
  }
  if (done.length === 0) return s;
  return push({ ...s, collapsed, live: { ...s.live, tools } }, ...done);
}

/** A mode change is said in the transcript (the header is printed once); repeating the current mode is silent. */
export const withMode = (s: AppState, mode: PermissionModeName): AppState =>
  mode === s.mode ? s : push({ ...s, mode }, modeNotice(mode));

export function updateTool(s: AppState, callId: string, f: (t: ToolView) => ToolView): AppState {
  return { ...s, live: { ...s.live, tools: s.live.tools.map((t) => (t.callId === callId ? f(t) : t)) } };
}
