// A clock that ticks only while `active` (a turn is running and not waiting for the user): drives the spinner
// and the elapsed time. When idle, or while an approval waits, no timer exists at all, so the process sleeps
// (CPU ≈ 0, nothing redrawn).
import { useEffect, useState } from "react";

let running = 0;

/** How many tickers have a timer now (tests assert that waiting for the user leaves none). */
export const activeTickers = (): number => running;

export function useTicker(active: boolean, intervalMs = 125): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    running++;
    return () => {
      clearInterval(t);
      running--;
    };
  }, [active, intervalMs]);
  return now;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export const spinnerFrame = (now: number, intervalMs = 125): string =>
  FRAMES[Math.floor(now / intervalMs) % FRAMES.length] ?? "·";

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
