// The one bridge between a Session and the reducer: subscribes to its events, coalesces high-rate ones
// (text, reasoning, tool output) into at most ~30 dispatches per second with a timer that exists only while
// such events arrive, runs prompts one at a time and queues prompts typed during a turn. A `!command` runs the
// user's own shell command in the same slot (queued like a prompt, Esc kills it); `@path` mentions are
// attached (read by the core) just before their prompt runs.
import { useCallback, useEffect, useRef } from "react";
import { type AgentEvent, isMcpPromptCommand } from "../../runtime/index.js";
import { parseSlash } from "../commands/slash-commands.js";
import type { Action } from "./app-types.js";
import type { SessionPort } from "./session-port.js";
import { attachMentions, parseShellPrompt, type ShellPrompt } from "./user-input.js";

const FLUSH_MS = 33;

export interface SessionControls {
  /** Runs the prompt now, or queues it when a turn is running. */
  submit(text: string): void;
  /** Aborts the running turn (no-op when idle) and drops the queue; returns the dropped messages. */
  abort(): string[];
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
  const shellCount = useRef(0);

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

  /** The user's own command, shown as a live `!` tool call whose output streams like bash's. */
  const runShell = useCallback(
    async (s: SessionPort, cmd: ShellPrompt, signal: AbortSignal) => {
      const callId = `user-shell-${++shellCount.current}`;
      dispatch({ type: "shell_start", callId, command: cmd.command, at: Date.now() });
      const onOutput = (chunk: string) => {
        buffer.current.push({ type: "tool_update", callId, chunk });
        timer.current ??= setTimeout(flush, FLUSH_MS);
      };
      const end = (r: Partial<Extract<Action, { type: "shell_end" }>>) => {
        flush();
        dispatch({ type: "shell_end", callId, at: Date.now(), ...r });
      };
      if (!s.shell) return end({ error: "shell commands are not available here" });
      await s
        .shell(cmd.command, { signal, onOutput, addToContext: cmd.addToContext })
        .then((result) => end({ result }))
        .catch((err: unknown) => end({ error: (err as Error)?.message ?? String(err) }));
    },
    [dispatch, flush],
  );

  /**
   * A prompt: its `@path` mentions are read now (fresh), shown as chips, and sent with it. An MCP prompt command
   * is expanded by its server first (its text is the server's, so its `@` words are not mentions).
   */
  const runPrompt = useCallback(
    async (s: SessionPort, text: string, signal: AbortSignal) => {
      const slash = parseSlash(text);
      if (slash && isMcpPromptCommand(slash.name) && s.mcpPrompt) {
        const turn = await s.mcpPrompt(slash.name, slash.args, signal);
        dispatch({ type: "submit", text: text.trim(), at: Date.now() });
        await s.run(turn, signal);
        return;
      }
      const { display, attachments, notices } = text.includes("@")
        ? await attachMentions(s, text)
        : { display: text, attachments: [], notices: [] };
      for (const n of notices) dispatch({ type: "print", item: { kind: "notice", level: "warn", text: n } });
      dispatch({ type: "submit", text: display, at: Date.now() });
      await s.run(text, signal, attachments.length ? attachments : undefined);
    },
    [dispatch],
  );

  const start = useCallback(
    (text: string) => {
      if (!session) return;
      const ac = new AbortController();
      controller.current = ac;
      const shell = parseShellPrompt(text);
      // A shell command is not a turn: no done event is expected (or made up) for it.
      sawDone.current = shell !== null;
      (shell ? runShell(session, shell, ac.signal) : runPrompt(session, text, ac.signal))
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
            start(next);
          }
        });
    },
    [session, dispatch, flush, runShell, runPrompt],
  );

  return {
    submit(text) {
      if (controller.current) {
        queue.current.push(text);
        dispatch({ type: "enqueue", text });
        return;
      }
      start(text);
    },
    abort() {
      const dropped = queue.current;
      for (const _ of dropped) dispatch({ type: "dequeue" });
      queue.current = [];
      controller.current?.abort();
      return dropped;
    },
    isRunning: () => controller.current !== null,
  };
}
