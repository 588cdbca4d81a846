// Thin composition of the TUI: scrollback (printed once), the live turn, the approval prompt or the input, and
// the usage bar. All state comes from useController (reducer + session bridge); components only take props.
import { Box, Text, useApp } from "ink";
import { useCallback, useMemo, useState } from "react";
import type { PathCompleter } from "../tui/input/completion.js";
import type { HistoryStore } from "../tui/input/history.js";
import type { NotifySettings } from "../tui/notify.js";
import { type UiContext, UiProvider, useTerminalSize } from "../tui/render/theme.js";
import type { AppServices, SessionPort } from "../tui/state/session-port.js";
import { useController } from "../tui/state/use-controller.js";
import { useElicitation } from "../tui/state/use-elicitation.js";
import { useNotify } from "../tui/state/use-notify.js";
import { useTicker } from "../tui/state/use-ticker.js";
import type { FrameClock } from "../tui/viewer/screen.js";
import { ApprovalPrompt } from "./ApprovalPrompt.js";
import { ElicitationForm, formWant } from "./ElicitationForm.js";
import { InputBar } from "./InputBar.js";
import { LiveTurn } from "./LiveTurn.js";
import { Picker, pickerBody } from "./Picker.js";
import { Setup, type SetupProps } from "./Setup.js";
import { StatusLine } from "./StatusLine.js";
import { Transcript } from "./Transcript.js";
import { TranscriptViewer } from "./TranscriptViewer.js";
import { UsageBar } from "./UsageBar.js";
import { useFramePlan } from "./use-frame-plan.js";

export interface AppProps {
  session: SessionPort | null;
  services: AppServices;
  ui: UiContext;
  version: string;
  /** MCP / skills summary for the header. */
  extras?: string;
  /** The OS sandbox in effect, for the header ("read-only", "off (no sandbox available)"). */
  sandbox?: string;
  /** Start-up error: shown, and the input keeps working (/help, /quit). */
  fatal?: string;
  /** Start-up warnings (config, model) shown once under the header. */
  warnings?: string[];
  /** First run without a usable model: the inline setup runs before the session starts. */
  setup?: Omit<SetupProps, "onDone"> & {
    complete(choice: { ref: string; apiKey?: string }): Promise<SessionPort>;
  };
  history: HistoryStore | null;
  completer: PathCompleter | null;
  /** Bell / desktop notifications (resolved from `tui.notifications` and the terminal); absent = off. */
  notify?: NotifySettings;
  /** Ink's render clock, so the transcript viewer can switch screens in step with Ink's frames. */
  frames?: FrameClock;
}

export function App(props: AppProps) {
  const [started, setStarted] = useState<SessionPort | null>(null);
  const { exit } = useApp();
  if (props.setup && !started) {
    const { complete, ...setup } = props.setup;
    return (
      <UiProvider value={props.ui}>
        <Setup
          {...setup}
          onDone={async (choice) => setStarted(await complete(choice))}
          onCancel={() => exit()}
        />
      </UiProvider>
    );
  }
  return <Main {...props} session={started ?? props.session} />;
}

function Main(props: AppProps) {
  const ctl = useController({
    session: props.session,
    services: props.services,
    fatal: props.fatal,
    warnings: props.warnings,
    frames: props.frames,
  });
  const { state } = ctl;
  const elicit = useElicitation(props.session);
  // An MCP server's form takes the input's place (after any approval, which it waits behind).
  const form = state.approval ? null : elicit.current;
  useNotify(state, props.notify);
  const { columns, rows } = useTerminalSize();
  // Waiting for the user (an approval open) is idle: no spinner, no elapsed time, no redraws of the box.
  const now = useTicker(state.running && !state.approval);
  const width = Math.max(20, columns - 1);
  const { version, extras, sandbox } = props;
  const { model, sessionId, cwd, mode } = state;
  const header = useMemo(
    () => ({ version, model, sessionId, cwd, mode, sandbox, extras }),
    [version, model, sessionId, cwd, mode, sandbox, extras],
  );
  const elapsed =
    state.running && state.turnStartedAt !== null ? Math.max(0, now - state.turnStartedAt) : state.lastTurnMs;
  const c = props.ui.c;
  const [inputWant, setInputWant] = useState(1);
  const onWantRows = useCallback((n: number) => setInputWant(n), []);
  const { live, queueRows, fatalRows, usageProps, spinner, plan } = useFramePlan({
    state,
    ui: props.ui,
    columns,
    rows,
    now: state.approval ? undefined : now,
    // An MCP form takes the picker's place in the row budget (its message shrinks to fit what it gets).
    pickerItems: form
      ? formWant(form.request, width)
      : ctl.picker && !state.approval
        ? ctl.picker.items.length + pickerBody(ctl.picker.body, width).length
        : undefined,
    elapsed,
    inputWant,
  });
  const liveArea = (
    <>
      <LiveTurn rows={live} width={width} maxRows={plan.live} />
      {spinner ? (
        <StatusLine
          retry={state.retry}
          toolsRunning={state.live.tools.some((t) => t.status === "running")}
          now={now}
          width={width}
        />
      ) : null}
      {state.approval ? (
        <ApprovalPrompt
          key={state.approval.id}
          prompt={state.approval.prompt}
          onAnswer={ctl.bridgeAnswer}
          onInterrupt={ctl.onApprovalCtrlC}
          width={width}
          rows={plan.approval}
        />
      ) : null}
      {form ? (
        <ElicitationForm
          key={form.id}
          request={form.request}
          onAnswer={(a) => elicit.answer(form.id, a)}
          onInterrupt={ctl.prompt.onCtrlC}
          width={width}
          rows={plan.approval}
        />
      ) : null}
      {ctl.picker && !state.approval && !form ? (
        <Box marginTop={1}>
          {/* Keyed by title: a picker opened from another's pick (/rewind's steps) starts with an empty filter. */}
          <Picker
            key={ctl.picker.title}
            {...ctl.picker}
            rows={Math.max(3, plan.approval - 1)}
            width={width}
          />
        </Box>
      ) : null}
      {state.fatal ? (
        <Box marginTop={1}>
          <Text color={c("red")}>{fatalRows.join("\n")}</Text>
        </Box>
      ) : null}
      {state.queue.length > 0 ? <Text color={c("gray")}>{queueRows.join("\n")}</Text> : null}
      <Box marginTop={1} flexDirection="column">
        <InputBar
          {...ctl.prompt}
          active={!state.approval && !ctl.picker && !form}
          divert={ctl.viewer.divert}
          running={state.running}
          history={props.history}
          completer={props.completer}
          width={width}
          hint={state.ctrlCArmed ? "Press Ctrl+C again to exit" : undefined}
          maxRows={plan.input}
          onWantRows={onWantRows}
        />
        <UsageBar {...usageProps} />
      </Box>
    </>
  );
  // While the transcript viewer is open the live area stays mounted (the draft survives) but renders nothing.
  const viewing = ctl.viewer.phase === "open";
  const held = ctl.viewer.phase !== "closed"; // the alternate screen is up: print nothing yet
  return (
    <UiProvider value={props.ui}>
      <Transcript
        items={state.pending}
        width={width}
        header={header}
        onPrinted={ctl.onPrinted}
        paused={held}
      />
      {viewing ? <TranscriptViewer {...ctl.viewer.view} columns={columns} rows={rows} /> : null}
      <Box display={viewing ? "none" : "flex"} flexDirection="column">
        {liveArea}
      </Box>
    </UiProvider>
  );
}
