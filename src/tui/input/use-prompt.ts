// State and key handling of the prompt: the editor buffer, history walking, bracketed paste (large pastes
// become a placeholder chip expanded on submit, so the input stays fast), / and @ completion menus (an accepted
// file becomes an attachment chip), Ctrl+G in $EDITOR, and text handed back by the app (an interrupted queue).
import { type Key, useInput } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import { completeCommand } from "../commands/slash-commands.js";
import { sanitizeForTerminal } from "../render/sanitize.js";
import { type PathCompleter, rankPaths } from "./completion.js";
import * as ed from "./editor.js";
import { type HistoryCursor, type HistoryStore, historyStep } from "./history.js";
import { interpretKey, type KeyCommand } from "./keys.js";
import { usePromptExtras } from "./prompt-extras.js";
import { type KeyPress, splitKeys } from "./split-keys.js";

const PASTE_CHIP_CHARS = 800;
const PASTE_CHIP_LINES = 12;

export interface PromptHandlers {
  onSubmit(text: string): void;
  onEscape(): void;
  /** Ctrl+C on an empty prompt (the input itself clears first when it has text). */
  onCtrlC(): void;
  onCycleMode(): void;
  onToggleExpand(): void;
  onExit(): void;
  /** Any key other than Ctrl+C (disarms the double Ctrl+C exit). */
  onActivity(): void;
  /** A message for the transcript (the external editor failed). */
  onNotice?(text: string): void;
  /** Reads a completed `@file` for its chip (line count); absent or failing → the mention stays text. */
  attachFile?(path: string): Promise<{ path: string; lines: number; truncated: boolean }>;
  /** More commands for the / menu (MCP prompts): name without "/", one-line hint. */
  commandExtras?(): { name: string; hint: string }[];
  /** More `@` targets (MCP resources as `server:uri`), offered after matching files. */
  resourceExtras?(): { name: string; hint: string }[];
  /**
   * Another view takes this key (the transcript viewer while it is open): returns what is left for the prompt,
   * or null when it took nothing. Asked per key, so the keys after a Ctrl+O in the same read go to the viewer,
   * and the text after its `q` comes back to the prompt.
   */
  divert?(input: string, key: Key): string | null;
}

export interface PromptOptions extends PromptHandlers {
  active: boolean;
  history: HistoryStore | null;
  completer: PathCompleter | null;
  /** A turn runs (Ctrl+G waits: the editor blocks the process). */
  running?: boolean;
  /** Text to put back into the input (prepended to what is there); a new object each time. */
  restore?: { text: string } | null;
}

export interface Completion {
  kind: "path" | "command";
  items: { value: string; hint?: string }[];
  selected: number;
  start: number;
}

/** The extra entries matching a typed fragment (ranked like paths), made safe for the terminal. */
function extras(list: PromptHandlers["commandExtras"], fragment: string) {
  const all = list?.() ?? [];
  if (all.length === 0) return [];
  const byName = new Map(all.map((e) => [e.name, e.hint]));
  return rankPaths([...byName.keys()], fragment, 50).map((name) => ({
    name: sanitizeForTerminal(name).replace(/\s/g, "_"),
    hint: sanitizeForTerminal(byName.get(name) ?? ""),
  }));
}

export function usePrompt(o: PromptOptions) {
  const [editor, setEditorState] = useState<ed.EditorState>(ed.emptyEditor);
  // Several keys can arrive before React re-renders (fast typing, pastes without bracketing): the ref is the
  // source of truth for key handling, the state only drives rendering.
  const current = useRef(editor);
  const setEditor = (next: ed.EditorState) => {
    current.current = next;
    setEditorState(next);
  };
  const [completion, setCompletionState] = useState<Completion | null>(null);
  const completionRef = useRef<Completion | null>(null);
  const setCompletion = useCallback((c: Completion | null) => {
    completionRef.current = c;
    setCompletionState(c);
  }, []);
  // null = editing the draft (not walking history).
  const hist = useRef<HistoryCursor | null>(null);
  const paste = useRef<string | null>(null);
  const chips = useRef(new Map<string, string>());
  const opts = useRef(o);
  opts.current = o;
  const { chipFor, externalEdit } = usePromptExtras(o.restore, opts, current, setEditorState, chips.current);

  useEffect(() => {
    const tok = ed.currentToken(editor);
    if (!tok) return setCompletion(null);
    if (tok.kind === "command") {
      const items = completeCommand(tok.text).map((c) => ({ value: `/${c.name}`, hint: c.description }));
      for (const c of extras(opts.current.commandExtras, tok.text))
        items.push({ value: `/${c.name}`, hint: c.hint });
      return setCompletion(items.length ? { kind: "command", items, selected: 0, start: 0 } : null);
    }
    let stale = false;
    const files = opts.current.completer?.complete(tok.text) ?? Promise.resolve([]);
    files.then((paths) => {
      if (stale) return;
      const items: Completion["items"] = paths.map((p) => ({ value: p }));
      for (const r of extras(opts.current.resourceExtras, tok.text).slice(0, 8))
        items.push({ value: r.name, hint: r.hint });
      setCompletion(items.length ? { kind: "path", items, selected: 0, start: tok.start } : null);
    });
    return () => {
      stale = true;
    };
  }, [editor, setCompletion]);

  const resetHistory = () => {
    hist.current = null;
  };

  const accept = (c: Completion, s: ed.EditorState): ed.EditorState => {
    const item = c.items[c.selected];
    if (!item) return s;
    const file = c.kind === "path" && !item.value.endsWith("/");
    const text = c.kind === "command" ? `${item.value} ` : `@${item.value}${file ? " " : ""}`;
    if (file) void chipFor(`@${item.value}`, item.value);
    return ed.replaceToken(s, c.start, text);
  };

  const submit = (s: ed.EditorState) => {
    let text = s.value;
    for (const [chip, full] of chips.current) text = text.split(chip).join(full);
    chips.current.clear();
    setEditor(ed.emptyEditor);
    if (text.trim() === "") return;
    void opts.current.history?.add(s.value.length < 10_000 ? text : s.value);
    resetHistory();
    opts.current.onSubmit(text);
  };

  const insertPaste = (s: ed.EditorState, text: string): ed.EditorState => {
    const clean = text.replace(/\r\n?/g, "\n");
    const lines = clean.split("\n").length;
    if (clean.length < PASTE_CHIP_CHARS && lines < PASTE_CHIP_LINES) return ed.insert(s, clean);
    const chip = `[Pasted text #${chips.current.size + 1}: ${lines} lines, ${clean.length} chars]`;
    chips.current.set(chip, clean);
    return ed.insert(s, chip);
  };

  const apply = (cmd: KeyCommand, s: ed.EditorState): ed.EditorState | null => {
    const h = opts.current;
    const completion = completionRef.current;
    switch (cmd.type) {
      case "insert": {
        // Outside bracketed paste, "text⏎" in one chunk is type-ahead (fast typing, automation, or keys typed
        // before raw mode was on, which the tty turned into "text\n"): type it and submit. Several lines at
        // once are an unbracketed paste and stay in the buffer.
        if (/^[^\r\n]+[\r\n]$/.test(cmd.text)) {
          submit(ed.insert(s, cmd.text.slice(0, -1)));
          return null;
        }
        if (cmd.text.length > 1 && /[\r\n]/.test(cmd.text)) return insertPaste(s, cmd.text);
        return ed.insert(s, cmd.text);
      }
      case "newline":
        return ed.insert(s, "\n");
      case "submit": {
        // Enter on a path completion accepts it, unless the typed token already is that file: then it sends.
        const item = completion?.items[completion.selected];
        const exact = item && !item.value.endsWith("/") && ed.currentToken(s)?.text === item.value;
        if (completion?.kind === "path" && !exact) return accept(completion, s);
        if (completion?.kind === "command" && !completion.items.some((i) => i.value === s.value.trim())) {
          submit(accept(completion, s));
          return null;
        }
        if (s.value.slice(0, s.cursor).endsWith("\\")) return ed.insert(ed.backspace(s), "\n");
        submit(s);
        return null;
      }
      case "tab":
        return completion ? accept(completion, s) : s;
      case "backspace":
        return ed.backspace(s);
      case "delete":
        return ed.deleteForward(s);
      case "left":
        return ed.left(s);
      case "right":
        return ed.right(s);
      case "word-left":
        return ed.wordLeft(s);
      case "word-right":
        return ed.wordRight(s);
      case "home":
        return ed.home(s);
      case "end":
        return ed.end(s);
      case "kill-line":
        return ed.killLineBefore(s);
      case "kill-word":
        return ed.killWordBefore(s);
      case "up":
      case "down": {
        const dir = cmd.type === "up" ? -1 : 1;
        if (completion) {
          const n = completion.items.length;
          setCompletion({ ...completion, selected: (completion.selected + dir + n) % n });
          return null;
        }
        const moved = dir === -1 ? ed.up(s) : ed.down(s);
        if (moved) return moved;
        const entries = h.history?.entries() ?? [];
        const cursor = hist.current ?? { index: entries.length, draft: "" };
        const step = historyStep(entries, cursor, s.value, dir);
        if (!step) return s;
        hist.current = step.cursor;
        return ed.setText(step.text);
      }
      case "escape":
        if (completion) setCompletion(null);
        else h.onEscape();
        return null;
      case "ctrl-c":
        if (s.value !== "") return ed.emptyEditor;
        h.onCtrlC();
        return null;
      case "ctrl-d":
        if (s.value === "") h.onExit();
        return s.value === "" ? null : ed.deleteForward(s);
      case "cycle-mode":
        h.onCycleMode();
        return null;
      case "toggle-expand":
        h.onToggleExpand();
        return null;
      case "external-editor":
        return externalEdit(s);
      case "paste-start":
      case "paste-end":
      case "none":
        return null;
    }
  };

  const handleKey = ({ input, key }: KeyPress) => {
    const cmd = interpretKey(input, key);
    if (cmd.type !== "ctrl-c") opts.current.onActivity();
    if (cmd.type === "paste-start") {
      paste.current = "";
      return;
    }
    if (paste.current !== null) {
      if (cmd.type === "paste-end") {
        const text = paste.current;
        paste.current = null;
        setEditor(insertPaste(current.current, text));
      } else
        paste.current +=
          cmd.type === "insert" ? cmd.text : cmd.type === "submit" || cmd.type === "newline" ? "\n" : "";
      return;
    }
    const next = apply(cmd, current.current);
    if (next) setEditor(next);
  };

  // One input chunk can hold several keys ("\x7f\x7f\x7f" when Backspace is held over SSH): each is a key.
  useInput(
    (input, key) => {
      for (const k of splitKeys(input, key)) {
        const rest = opts.current.divert ? opts.current.divert(k.input, k.key) : null;
        if (rest === null) handleKey(k);
        else if (rest !== "") handleKey({ input: rest, key: k.key });
      }
    },
    { isActive: o.active },
  );

  return { editor, completion };
}
