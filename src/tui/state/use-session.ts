// The one bridge between a Session and the reducer: subscribes to its events, coalesces high-rate ones
// (text, reasoning, tool output) into at most ~30 dispatches per second with a timer that exists only while
// such events arrive, runs prompts one at a time and queues prompts typed during a turn.
import { useCallback, useEffect, useRef } from "react";
import type { AgentEvent } from "../../runtime/index.js";
import type { Action } from "./app-types.js";
import type { SessionPort } from "./session-port.js";

const FLUSH_MS = 33;

export interface SessionControls {
  /** Runs the prompt now, or queues it when a turn is running. */
  submit(text: string): void;
  /** Aborts the running turn (no-op when idle). */
  abort(): void;
  isRunning(): boolean;
}

/** Merges a run of streaming events into as few events as possible, in order. */
export function coalesce(events: AgentEvent[]): AgentEvent[] {
  const out: AgentEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.type === "text_delta" && last?.type === "text_delta")
      out[out.length - 1] = { ...last, delta: last.delta + e.delta };
    else if (e.type === "reasoning_delta" && last?.type === "reasoning_delta")
      out[out.length - 1] = { ...last, delta: last.delta + e.delta };
    else if (e.type === "tool_update" && last?.type === "tool_update" && last.callId === e.callId)
      out[out.length - 1] = { ...last, chunk: last.chunk + e.chunk };
    else out.push(e);
  }
  return out;
}

const isStreaming = (e: AgentEvent) =>
  e.type === "text_delta" || e.type === "reasoning_delta" || e.type === "tool_update";

export function useSession(session: SessionPort | null, dispatch: (a: Action) => void): SessionControls {
  const buffer = useRef<AgentEvent[]>([]);
  const timer = useRef<NodeJS.Timeout | null>(null);
  const controller = useRef<AbortController | null>(null);
  const queue = useRef<string[]>([]);
  const sawDone = useRef(false);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const events = coalesce(buffer.current);
    buffer.current = [];
    const at = Date.now();
    for (const event of events) dispatch({ type: "event", event, at });
  }, [dispatch]);

  useEffect(() => {
    if (!session) return;
    const off = session.subscribe((e) => {
      if (e.type === "done") sawDone.current = true;
      buffer.current.push(e);
      if (!isStreaming(e)) flush();
      else timer.current ??= setTimeout(flush, FLUSH_MS);
    });
    return () => {
      off();
      flush();
    };
  }, [session, flush]);

  const start = useCallback(
    (text: string) => {
      if (!session) return;
      const ac = new AbortController();
      controller.current = ac;
      sawDone.current = false;
      session
        .run(text, ac.signal)
        .catch((err: unknown) => {
          flush();
          dispatch({
            type: "event",
            event: { type: "error", message: (err as Error)?.message ?? String(err) },
            at: Date.now(),
          });
        })
        .finally(() => {
          flush();
          if (!sawDone.current)
            dispatch({
              type: "event",
              event: { type: "done", reason: ac.signal.aborted ? "aborted" : "error", text: "", turns: 0 },
              at: Date.now(),
            });
          if (controller.current === ac) controller.current = null;
          const next = queue.current.shift();
          if (next !== undefined) {
            dispatch({ type: "dequeue" });
            dispatch({ type: "submit", text: next, at: Date.now() });
            start(next);
          }
        });
    },
    [session, dispatch, flush],
  );

  return {
    submit(text) {
      if (controller.current) {
        queue.current.push(text);
        dispatch({ type: "enqueue", text });
        return;
      }
      dispatch({ type: "submit", text, at: Date.now() });
      start(text);
    },
    abort() {
      for (const _ of queue.current) dispatch({ type: "dequeue" });
      queue.current = [];
      controller.current?.abort();
    },
    isRunning: () => controller.current !== null,
  };
}
