// Test helpers for Ink components: render with a UI context, wait for a frame containing text (polling the
// rendered output with a deadline, never sleeping a fixed time), strip ANSI, and a scripted SessionPort.

import { render } from "ink-testing-library";
import type { ReactElement } from "react";
import type { AgentEvent } from "../../src/agent/events.js";
import type { ApprovalHandler } from "../../src/approval/types.js";
import { stripAnsi } from "../../src/tui/render/ansi.js";
import { makeUi, UiProvider } from "../../src/tui/render/theme.js";
import type { PermissionModeName } from "../../src/tui/state/app-types.js";
import type { SessionPort } from "../../src/tui/state/session-port.js";

export function renderUi(el: ReactElement, color = false) {
  const r = render(<UiProvider value={makeUi(color)}>{el}</UiProvider>);
  /** Everything written so far (static output is written once, so search all frames). */
  const all = () => stripAnsi(r.frames.join("\n"));
  const last = () => stripAnsi(r.lastFrame() ?? "");
  async function waitFor(
    pred: string | ((screen: string) => boolean),
    opts: { timeoutMs?: number; in?: "all" | "last" } = {},
  ) {
    // A generous deadline: it only bounds a wait for a state, and a loaded 2-core machine can be slow.
    const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
    const test = typeof pred === "string" ? (s: string) => s.includes(pred) : pred;
    for (;;) {
      const screen = opts.in === "last" ? last() : all();
      if (test(screen)) {
        // Let effects of the matching render (input handlers) attach before the test types.
        for (let i = 0; i < 3; i++) await new Promise((res) => setImmediate(res));
        return screen;
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${String(pred)}. Last frame:\n${last()}`);
      await new Promise((res) => setImmediate(res));
    }
  }
  const press = async (s: string) => {
    r.stdin.write(s);
    await new Promise((res) => setImmediate(res));
  };
  return { ...r, all, last, waitFor, press };
}

/** A SessionPort whose run() plays scripted events; handlers let tests answer approvals. */
export class ScriptedSession implements SessionPort {
  id = "sess-1";
  cwd = "/tmp/project";
  model = { ref: "fake/model", contextWindow: 1000 };
  handler?: ApprovalHandler;
  mode: PermissionModeName = "default";
  prompts: string[] = [];
  private listeners = new Set<(e: AgentEvent) => void>();
  constructor(private script: (s: ScriptedSession, prompt: string, signal: AbortSignal) => Promise<void>) {}
  approvals = {
    setHandler: (h?: ApprovalHandler) => {
      this.handler = h;
    },
    setMode: (m: PermissionModeName) => {
      this.mode = m;
    },
    getMode: () => this.mode,
  };
  subscribe(fn: (e: AgentEvent) => void) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(e: AgentEvent) {
    for (const l of this.listeners) l(e);
  }
  async run(prompt: string, signal?: AbortSignal) {
    this.prompts.push(prompt);
    this.emit({ type: "agent_start", sessionId: this.id });
    await this.script(this, prompt, signal ?? new AbortController().signal);
  }
}
