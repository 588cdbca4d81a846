// Opens and closes the transcript viewer and keeps what it needs: a record of every tool call's result as the
// live events reported it (the history holds only the model's text, not diffs or exit codes), and the blocks of
// the conversation, built on open and rebuilt as messages are appended. The phases order the screen switches
// against Ink's frames: open → ENTER_ALT at once; close → "closing" (the prompt renders again, still on the
// alternate screen) → after Ink's next frame, EXIT_ALT → "closed" (the transcript may print again). See screen.ts.
import { type Key, useStdout } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ToolView } from "../state/app-types.js";
import type { DescribeLookup } from "../state/replay.js";
import type { SessionPort } from "../state/session-port.js";
import { buildBlocks, type ViewerBlock } from "./blocks.js";
import { ENTER_ALT, EXIT_ALT, type FrameClock } from "./screen.js";

export type ViewerPhase = "closed" | "open" | "closing";

/** A key handler the viewer registers while it is mounted. */
export type ViewerKeys = (input: string, key: Key) => void;

const PRINTABLE = /^[^\u0000-\u001f\u007f]+$/u;

// Tool records kept for the viewer, so a very long session cannot grow this without bound.
const MAX_RECORDS = 2000;

export function useViewer(opts: {
  session: SessionPort | null;
  describe: DescribeLookup;
  /** Ink's render clock; without it (tests) the switch back happens right after the closing commit. */
  frames?: FrameClock;
}) {
  const { session, describe, frames } = opts;
  const { write, stdout } = useStdout();
  const [phase, setPhaseState] = useState<ViewerPhase>("closed");
  const phaseRef = useRef<ViewerPhase>("closed");
  const setPhase = useCallback((p: ViewerPhase) => {
    phaseRef.current = p;
    setPhaseState(p);
  }, []);
  const [blocks, setBlocks] = useState<ViewerBlock[]>([]);
  const archive = useRef(new Map<string, Partial<ToolView>[]>());
  const recorded = useRef(0);

  useEffect(() => {
    archive.current = new Map();
    recorded.current = 0;
    if (!session) return;
    return session.subscribe((e) => {
      if (e.type !== "tool_end") return;
      const a = archive.current;
      const record = { status: e.status, summary: e.summary, details: e.details, content: e.content };
      const list = a.get(e.callId);
      if (list) list.push(record);
      else a.set(e.callId, [record]);
      // Past the cap the oldest id goes (its blocks fall back to the text the model saw).
      if (++recorded.current > MAX_RECORDS) {
        const oldest = a.keys().next().value as string;
        recorded.current -= a.get(oldest)?.length ?? 0;
        a.delete(oldest);
      }
    });
  }, [session]);

  // While open, a running turn's messages join the view as they are appended.
  useEffect(() => {
    if (!session) return;
    return session.subscribe((e) => {
      if ((e.type === "history_append" || e.type === "tool_end") && phaseRef.current === "open")
        setBlocks(buildBlocks(session.messages ?? [], describe, archive.current));
    });
  }, [session, describe]);

  // The viewer's keys arrive through the prompt's input (divert), key by key, so none is lost to a listener that
  // is still subscribing: keys that come before the viewer has mounted wait here for it.
  const handler = useRef<ViewerKeys | null>(null);
  const queued = useRef<Array<[string, Key]>>([]);
  const register = useCallback((h: ViewerKeys | null) => {
    handler.current = h;
    if (!h) return;
    const keys = queued.current;
    queued.current = [];
    for (const [input, key] of keys) if (phaseRef.current === "open") h(input, key);
  }, []);
  /** Takes a key for the viewer; returns what is left for the prompt (null: nothing taken). */
  const divert = useCallback((input: string, key: Key): string | null => {
    if (phaseRef.current !== "open") return null;
    const deliver = (i: string, k: Key) => {
      if (handler.current) handler.current(i, k);
      else queued.current.push([i, k]);
    };
    if (key.ctrl || key.meta || input.length <= 1 || !PRINTABLE.test(input)) {
      deliver(input, key);
      return "";
    }
    // Letters typed fast arrive together ("jjq" + text): one key each, and once `q` closes the viewer the rest
    // of the text belongs to the prompt.
    let used = 0;
    for (const ch of input) {
      if (phaseRef.current !== "open") return input.slice(used);
      deliver(ch, key);
      used += ch.length;
    }
    return "";
  }, []);

  const finish = useCallback(() => {
    if (phaseRef.current !== "closing") return;
    write(EXIT_ALT);
    setPhase("closed");
  }, [write, setPhase]);

  const open = useCallback(() => {
    if (phaseRef.current !== "closed") return;
    setBlocks(buildBlocks(session?.messages ?? [], describe, archive.current));
    queued.current = [];
    write(ENTER_ALT);
    setPhase("open");
  }, [session, describe, write, setPhase]);

  const close = useCallback(() => {
    if (phaseRef.current !== "open") return;
    // Registered before the closing commit, so the frame it waits for is the prompt's.
    frames?.next(finish);
    setPhase("closing");
  }, [frames, finish, setPhase]);

  useEffect(() => {
    if (phase === "closing" && !frames) finish();
  }, [phase, frames, finish]);

  // Leaving the app (SIGTERM) with the viewer open must not strand the terminal on the alternate screen.
  useEffect(
    () => () => {
      if (phaseRef.current !== "closed") stdout.write(EXIT_ALT);
    },
    [stdout],
  );

  return { phase, open, close, divert, view: { blocks, onClose: close, register } };
}
