// Rings the bell or sends a desktop notification (src/tui/notify.ts decides which, and when) as an approval
// starts waiting or a long turn ends. The bytes go straight to Ink's stdout stream rather than through its
// write(): they take no room on screen, so the live frame need not be erased and redrawn — which matters while
// an approval waits, when nothing else is written at all.
import { useStdout } from "ink";
import { useEffect } from "react";
import { type NotifySettings, notificationBytes, notificationText } from "../notify.js";
import type { AppState } from "./app-types.js";

export function useNotify(state: AppState, settings: NotifySettings | undefined): void {
  const { stdout } = useStdout();
  const approvalId = state.approval?.id;
  const tool = state.approval?.prompt.request.tool ?? "";
  const send = (text: string | null) => {
    if (settings && text) stdout.write(notificationBytes(settings, text));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per approval, keyed by its id
  useEffect(() => {
    if (approvalId !== undefined && settings) send(notificationText({ kind: "approval", tool }, settings));
  }, [approvalId]);

  const lastRun = state.lastRun;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per finished run, keyed by its record
  useEffect(() => {
    if (lastRun?.ms == null || !settings) return;
    send(notificationText({ kind: "turn_end", ms: lastRun.ms, reason: lastRun.reason }, settings));
  }, [lastRun]);
}
