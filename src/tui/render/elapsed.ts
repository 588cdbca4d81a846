// Elapsed time on tool lines: a call running longer than a few seconds shows how long it has been running
// (whole seconds, so the line changes at most once a second), and a finished call that took that long keeps its
// total. Pure: `now` comes from the caller's clock; without it (e.g. while an approval waits) nothing is shown.
import type { ToolView } from "../state/app-types.js";

/** Calls shorter than this show no time: quick reads and edits would only add noise. */
export const LONG_TOOL_MS = 3000;

function label(ms: number, precise: boolean): string {
  const s = ms / 1000;
  if (s < 60) return precise ? `${s.toFixed(1)}s` : `${Math.floor(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
}

/** "12s" for a long running call, "12.4s" for a long finished one, "" otherwise. */
export function toolElapsed(
  t: Pick<ToolView, "status" | "startedAt" | "endedAt" | "waitedMs">,
  now?: number,
): string {
  // Replayed calls carry no timing (startedAt 0).
  if (t.startedAt <= 0) return "";
  if (t.status === "running") {
    if (now === undefined) return "";
    const ms = now - t.startedAt - (t.waitedMs ?? 0);
    return ms >= LONG_TOOL_MS ? label(ms, false) : "";
  }
  if (t.endedAt === undefined) return "";
  // The user's think time at an approval is not the tool's.
  const ms = t.endedAt - t.startedAt - (t.waitedMs ?? 0);
  return ms >= LONG_TOOL_MS ? label(ms, true) : "";
}
