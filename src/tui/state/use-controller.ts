// Everything App needs besides layout: the reducer, the session bridge, the approval bridge, slash-command
// dispatch, Esc / Ctrl-C / mode-cycling semantics and quitting. Returns plain state and callbacks.
import { useApp } from "ink";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { type ApprovalAnswer, isMcpPromptCommand } from "../../runtime/index.js";
import { type CommandHost, findCommand, nextMode, parseSlash } from "../commands/slash-commands.js";
import type { PickSpec } from "../commands/slash-host.js";
import { openTrust } from "../commands/slash-trust.js";
import type { FrameClock } from "../viewer/screen.js";
import { useViewer } from "../viewer/use-viewer.js";
import { initialState, reducer } from "./app-state.js";
import type { AppState, NewItem, PermissionModeName } from "./app-types.js";
import { createApprovalBridge } from "./approval-bridge.js";
import type { AppServices, SessionPort } from "./session-port.js";
import { countedContext, describeWith, replayItems, restoredUsage } from "./session-switch.js";
import { useSession } from "./use-session.js";
import { parseShellPrompt } from "./user-input.js";

/** What the app resolves with when it exits; the entry prints the resume line after Ink has unmounted. */
export interface ExitResult {
  code: number;
  sessionId?: string;
  saved: boolean;
}

const DOUBLE_CTRL_C_MS = 2000;

export function useController(props: {
  session: SessionPort | null;
  services: AppServices;
  fatal?: string;
  warnings?: string[];
  /** Ink's render clock (the transcript viewer switches screens in step with Ink's frames). */
  frames?: FrameClock;
}) {
  const { exit } = useApp();
  const [session, setSession] = useState<SessionPort | null>(props.session);
  const [state, dispatch] = useReducer(
    reducer,
    undefined,
    (): AppState => ({
      ...[
        ...replayItems(props.session),
        ...(props.warnings ?? []).map((text): NewItem => ({ kind: "notice", level: "warn", text })),
      ].reduce(
        (s, item) => reducer(s, { type: "print", item }),
        initialState({
          sessionId: props.session?.id,
          model: props.session?.model.ref,
          cwd: props.session?.cwd,
        }),
      ),
      mode: props.session?.approvals.getMode() ?? "default",
      fatal: props.fatal ?? null,
      usage: {
        ...initialState().usage,
        ...restoredUsage(props.session),
        contextWindow: props.session?.model.contextWindow ?? 0,
      },
    }),
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  const controls = useSession(session, dispatch);
  const ctrlCAt = useRef(0);
  // Queued messages an interrupt did not send, handed back to the input for editing.
  const [restore, setRestore] = useState<{ text: string } | null>(null);
  const ctrlCTimer = useRef<NodeJS.Timeout | null>(null);
  useEffect(() => () => void (ctrlCTimer.current && clearTimeout(ctrlCTimer.current)), []);
  const notice = useCallback(
    (level: "info" | "warn" | "error", text: string) =>
      dispatch({ type: "print", item: { kind: "notice", level, text } }),
    [],
  );
  /** Interrupts the turn; queued messages are not sent but put back into the input, and the user is told. */
  const interrupt = () => {
    const dropped = controls.abort();
    if (dropped.length === 0) return;
    notice("info", `${dropped.length} queued message(s) not sent — back in the input to edit or send.`);
    setRestore({ text: dropped.join("\n") });
  };
  const bridge = useMemo(
    () =>
      createApprovalBridge({
        open: (id, prompt) => dispatch({ type: "approval_open", id, prompt, at: Date.now() }),
        close: (id) => dispatch({ type: "approval_close", id, at: Date.now() }),
      }),
    [],
  );

  const describe = useMemo(() => describeWith(session), [session]);
  const viewer = useViewer({ session, describe, frames: props.frames });
  // An approval needs the prompt: the viewer closes for it, and does not open over it.
  const openViewer = () => {
    if (!stateRef.current.approval) viewer.open();
  };
  const { phase: viewerPhase, close: closeViewer } = viewer;
  useEffect(() => {
    if (state.approval && viewerPhase === "open") closeViewer();
  }, [state.approval, viewerPhase, closeViewer]);

  useEffect(() => {
    if (!session) return;
    session.approvals.setHandler(bridge.handler);
    return () => session.approvals.setHandler(undefined);
  }, [session, bridge]);

  // A resumed or forked session's context figure is counted (tokenizer) after the first frame.
  useEffect(() => {
    if (!session) return;
    void countedContext(session).then(
      (c) => c && dispatch({ type: "context_counted", sessionId: session.id, ...c }),
    );
  }, [session]);

  // An open picker (/model, /sessions) takes the input's place until it picks or is cancelled.
  const [picker, setPicker] = useState<PickSpec | null>(null);
  const report = (e: unknown) =>
    dispatch({ type: "print", item: { kind: "notice", level: "error", text: (e as Error).message } });

  const quit = useCallback(
    async (code = 0) => {
      controls.abort();
      let saved = false;
      try {
        if (session?.save) {
          await session.save();
          saved = true;
        }
      } catch (e) {
        dispatch({
          type: "print",
          item: {
            kind: "notice",
            level: "error",
            text: `Could not save the session: ${(e as Error).message}`,
          },
        });
      }
      exit({ code, sessionId: session?.id, saved } satisfies ExitResult);
    },
    [controls, session, exit],
  );

  const setMode = useCallback(
    (mode: PermissionModeName) => {
      if (session?.setMode) session.setMode(mode);
      else session?.approvals.setMode(mode);
      dispatch({ type: "set_mode", mode });
    },
    [session],
  );

  const host: CommandHost = {
    state: () => stateRef.current,
    session: () => {
      if (!session) throw new Error("No session is running (see the error above).");
      return session;
    },
    services: props.services,
    print: (item) => dispatch({ type: "print", item }),
    quit: () => void quit(),
    send: (text) => controls.submit(text),
    async newSession(opts) {
      if (!props.services.newSession) {
        dispatch({
          type: "print",
          item: { kind: "notice", level: "warn", text: "/clear is not available here." },
        });
        return;
      }
      controls.abort();
      const next = await props.services.newSession(opts);
      setSession(next);
      dispatch({
        type: "set_session",
        sessionId: next.id,
        model: next.model.ref,
        cwd: next.cwd,
        contextWindow: next.model.contextWindow ?? 0,
        usage: restoredUsage(next),
        mode: next.approvals.getMode(),
      });
      const what = opts?.fork ? "Forked into session" : opts?.resume ? "Resumed session" : "New session";
      dispatch({ type: "print", item: { kind: "notice", level: "info", text: `${what} ${next.id}.` } });
      // The switched-to conversation goes into scrollback, as at start-up with --session.
      for (const item of replayItems(next, stateRef.current.expandAll)) dispatch({ type: "print", item });
    },
    setExpand: (expand) => dispatch({ type: "set_expand", expand }),
    expandLast: () => dispatch({ type: "expand_last" }),
    openTranscript: openViewer,
    setMode,
    pick: (spec) => setPicker(spec),
  };

  // A project with untrusted files asks once at start-up, before the first prompt (the dialog takes the input's place).
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current || !session) return;
    asked.current = true;
    openTrust(host, { quiet: true });
  });

  const onSubmit = (text: string) => {
    const slash = parseSlash(text);
    // An MCP prompt command is a prompt (expanded by its server when it runs, queued like one).
    if (slash && session?.mcpPrompt && isMcpPromptCommand(slash.name) && !findCommand(slash.name))
      return controls.submit(text.trim());
    if (slash) {
      // The command line is echoed like a prompt, so what follows in the transcript has its cause above it.
      dispatch({ type: "print", item: { kind: "user", text: text.trim(), command: true } });
      const cmd = findCommand(slash.name);
      const skill = cmd ? undefined : props.services.skillPrompt?.(slash.name, slash.args);
      if (skill && session) return controls.submit(skill);
      if (!cmd) {
        const msg = `Unknown command /${slash.name} — /help lists commands (start with // to send a literal slash).`;
        return dispatch({ type: "print", item: { kind: "notice", level: "warn", text: msg } });
      }
      if (!cmd.whileRunning && controls.isRunning())
        return dispatch({
          type: "print",
          item: {
            kind: "notice",
            level: "warn",
            text: `/${cmd.name} is not available while a turn runs (Esc interrupts).`,
          },
        });
      Promise.resolve()
        .then(() => cmd.run(host, slash.args))
        .catch(report);
      return;
    }
    if (!session) {
      const msg = `${state.fatal ?? "No model is configured."} Fix it and restart, or type /quit.`;
      return dispatch({ type: "print", item: { kind: "notice", level: "error", text: msg } });
    }
    if (parseShellPrompt(text)?.command === "")
      return notice(
        "warn",
        "Type a command after ! to run it (!! runs it without adding the output to the context).",
      );
    controls.submit(text.startsWith("//") ? text.slice(1) : text);
  };

  const onCtrlC = () => {
    const now = Date.now();
    if (now - ctrlCAt.current < DOUBLE_CTRL_C_MS) return void quit(130);
    ctrlCAt.current = now;
    if (controls.isRunning()) interrupt();
    dispatch({ type: "ctrl_c", armed: true });
    // The hint is true only while a second Ctrl+C would exit: clear it when the window closes.
    if (ctrlCTimer.current) clearTimeout(ctrlCTimer.current);
    ctrlCTimer.current = setTimeout(() => {
      ctrlCTimer.current = null;
      if (stateRef.current.ctrlCArmed) dispatch({ type: "ctrl_c", armed: false });
    }, DOUBLE_CTRL_C_MS);
  };

  // Ctrl+C at an approval is Ctrl+C anywhere: the first cancels the whole turn (aborting it rejects every
  // pending approval, so the box closes and the prompt returns), a second within the window exits. A prompt
  // shown outside a turn is rejected directly.
  const onApprovalCtrlC = () => {
    const open = stateRef.current.approval;
    onCtrlC();
    if (open) bridge.answer(open.id, { kind: "reject", feedback: "interrupted by the user" });
  };

  return {
    state,
    session,
    picker: picker && {
      ...picker,
      onPick: (item: Parameters<PickSpec["onPick"]>[0]) => {
        setPicker(null);
        Promise.resolve()
          .then(() => picker.onPick(item))
          .catch(report);
      },
      onCancel: () => setPicker(null),
    },
    viewer,
    onApprovalCtrlC,
    bridgeAnswer: (answer: ApprovalAnswer) => state.approval && bridge.answer(state.approval.id, answer),
    onPrinted: useCallback((upTo: number) => dispatch({ type: "static_printed", upTo }), []),
    prompt: {
      onSubmit,
      onEscape: interrupt,
      onNotice: (text: string) => notice("warn", text),
      attachFile: session?.attachFile ? (path: string) => session.attachFile!(path) : undefined,
      commandExtras: () => session?.mcpPrompts?.() ?? [],
      resourceExtras: () => session?.mcpResources?.() ?? [],
      restore,
      onCtrlC,
      onCycleMode: () => setMode(nextMode(stateRef.current.mode)),
      onToggleExpand: openViewer,
      onExit: () => void quit(),
      onActivity: () => {
        if (stateRef.current.ctrlCArmed) {
          ctrlCAt.current = 0;
          dispatch({ type: "ctrl_c", armed: false });
        }
      },
    },
  };
}
