// The status line under the prompt: model and mode, tokens in/out of the last request, context used as a
// share of the window (from the provider's real usage), session cost and turn time. Colour marks a full context.
import { Text } from "ink";
import { useUi } from "../tui/render/theme.js";
import { wrapAnsi } from "../tui/render/wrap.js";
import type { UsageView } from "../tui/state/app-types.js";
import { formatDuration, formatTokens } from "../tui/state/use-ticker.js";

export interface UsageBarProps {
  model: string;
  mode: string;
  usage: UsageView;
  /** Elapsed ms of the running turn, or the last turn's duration. */
  turnMs: number | null;
  running: boolean;
  queued: number;
  /** Pre-wrap to this width, so the rows counted by the app's row budget are the rows shown. */
  width?: number;
}

/** The bar's text (one string; it wraps at narrow widths). */
export function usageText({ model, mode, usage, turnMs, running, queued }: UsageBarProps): string {
  const parts: string[] = [model || "no model"];
  if (mode !== "default") parts.push(mode);
  if (usage.seen) {
    // A resumed session has totals but no "last request" yet: no arrows rather than ↑0 ↓0.
    if (usage.lastInput + usage.lastOutput > 0)
      parts.push(`↑${formatTokens(usage.lastInput)} ↓${formatTokens(usage.lastOutput)}`);
    // No figure yet (a fork being counted) shows nothing rather than "0%"; a small real one is "<1%".
    if (usage.contextWindow > 0 && usage.contextTokens > 0) {
      const share = usage.contextTokens / usage.contextWindow;
      const pct = share < 0.005 ? "<1" : Math.min(999, Math.round(share * 100));
      parts.push(`ctx ${pct}% of ${formatTokens(usage.contextWindow)}`);
    }
    if (usage.costUsd > 0) parts.push(`$${usage.costUsd.toFixed(usage.costUsd < 1 ? 4 : 2)}`);
  }
  if (turnMs !== null) parts.push(`${running ? "" : "last turn "}${formatDuration(turnMs)}`);
  if (queued > 0) parts.push(`${queued} queued`);
  return parts.join(" · ");
}

export function UsageBar(props: UsageBarProps) {
  const ui = useUi();
  const { usage, mode } = props;
  const text = usageText(props);
  const pct = usage.contextWindow > 0 ? usage.contextTokens / usage.contextWindow : 0;
  const modeColor = mode === "plan" ? "cyan" : mode === "accept-edits" ? "magenta" : "gray";
  return (
    <Text color={ui.c(pct >= 0.8 ? "yellow" : modeColor)} wrap="wrap">
      {props.width ? wrapAnsi(text, props.width).join("\n") : text}
    </Text>
  );
}
