// Answers an MCP server's elicitation: a small form for its flat schema (text, numbers, yes/no, choices), or
// consent to open a URL. Everything shown comes from the server and is untrusted: the message is sanitised and
// titles, choices and the URL have invisible characters made visible. Enter submits (after validating every
// field against the schema), Tab/Shift+Tab (↓/↑) move between fields, Esc cancels, Ctrl+D declines.
import { Box, type Key, Text, useInput } from "ink";
import { useRef, useState } from "react";
import {
  type ElicitationAnswer,
  type ElicitationRequest,
  type ElicitField,
  initialText,
  validateForm,
} from "../runtime/index.js";
import { emptyLineEntry, type LineEntry, lineEntryStep } from "../tui/input/line-entry.js";
import { forEachKey } from "../tui/input/split-keys.js";
import { clipToWidth, wrapPlain } from "../tui/render/ansi.js";
import { sanitizeForTerminal } from "../tui/render/sanitize.js";
import { useUi } from "../tui/render/theme.js";
import { makeVisible } from "../tui/render/visible.js";

export interface ElicitationFormProps {
  request: ElicitationRequest;
  onAnswer(answer: ElicitationAnswer): void;
  width: number;
  /** Rows the whole box may use (borders included): the server's message is cut to fit. */
  rows?: number;
  /** Ctrl+C: interrupt the whole turn (which cancels this request); without it, cancels the request. */
  onInterrupt?(): void;
}

/** Server text on one line, control and invisible characters shown as markers. */
const shown = (text: string) => makeVisible(text.replace(/\s+/g, " ").trim()).text;

/** What a field accepts, after its title: "(integer, 0–150)", "(yes/no)", "(red|green)". */
function hint(f: ElicitField): string {
  switch (f.type) {
    case "boolean":
      return "yes/no, Space toggles";
    case "enum":
      return "←/→ to choose";
    case "multi":
      return `comma-separated: ${f.options.map((o) => shown(o.value)).join(", ")}`;
    case "number":
    case "integer": {
      const range =
        f.minimum !== undefined || f.maximum !== undefined ? `, ${f.minimum ?? ""}–${f.maximum ?? ""}` : "";
      return `${f.type === "integer" ? "whole number" : "number"}${range}`;
    }
    case "string":
      return f.format ?? "";
  }
}

/** The value as the row shows it. */
function display(f: ElicitField, text: string): string {
  if (f.type === "boolean") return text === "true" ? "yes" : "no";
  if (f.type === "enum") {
    const label = f.options.find((o) => o.value === text)?.label;
    return `‹ ${label === undefined ? "(none)" : shown(label)} ›`;
  }
  return shown(text);
}

function cycle(f: ElicitField & { type: "enum" }, text: string, step: number): string {
  const n = f.options.length;
  if (n === 0) return text;
  const at = f.options.findIndex((o) => o.value === text);
  return f.options[((((at < 0 ? (step > 0 ? -1 : 0) : at) + step) % n) + n) % n]?.value ?? text;
}

/** The message lines shown at most, and the rows around them (borders, title, field margin, keys). */
const MAX_MESSAGE_ROWS = 8;
const FRAME_ROWS = 5;

const keysText = (request: ElicitationRequest) =>
  request.mode === "url"
    ? "Enter open in browser · Ctrl+D decline · Esc cancel"
    : "Enter submit · Tab/Shift+Tab move · Esc cancel · Ctrl+D decline";

/** Rows the box would like: frame, keys, message, and per field one row plus room for its error. */
export function formWant(request: ElicitationRequest, width: number): number {
  const inner = Math.max(10, width - 4);
  const message = Math.min(MAX_MESSAGE_ROWS, wrapPlain(sanitizeForTerminal(request.message), inner).length);
  const body = request.mode === "url" ? wrapPlain(request.url, inner).length : request.fields.length * 2 + 1;
  return FRAME_ROWS + wrapPlain(keysText(request), inner).length - 1 + message + body;
}

export function ElicitationForm({ request, onAnswer, width, rows, onInterrupt }: ElicitationFormProps) {
  const ui = useUi();
  const fields = request.mode === "form" ? request.fields : [];
  const [entries, setEntries] = useState<Record<string, LineEntry>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, { ...emptyLineEntry, text: initialText(f) }])),
  );
  const [focus, setFocus] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Several keys can arrive in one chunk: read the latest state, not the render's.
  const live = useRef({ entries, focus });
  live.current = { entries, focus };
  const done = useRef(false);

  const finish = (a: ElicitationAnswer) => {
    if (done.current) return true;
    done.current = true;
    onAnswer(a);
    return true;
  };
  const setText = (key: string, entry: LineEntry) => {
    live.current.entries = { ...live.current.entries, [key]: entry };
    setEntries(live.current.entries);
  };
  const move = (step: number): void => {
    if (fields.length === 0) return;
    live.current.focus = (live.current.focus + step + fields.length) % fields.length;
    setFocus(live.current.focus);
  };
  const submit = (): boolean => {
    if (request.mode === "url") return finish({ action: "accept" });
    const texts = Object.fromEntries(Object.entries(live.current.entries).map(([k, e]) => [k, e.text]));
    const result = validateForm(fields, texts);
    if ("content" in result) return finish({ action: "accept", content: result.content });
    setErrors(result.errors);
    const first = fields.findIndex((f) => result.errors[f.key] !== undefined);
    if (first >= 0) {
      live.current.focus = first;
      setFocus(first);
    }
    return false;
  };

  const onKey = (input: string, key: Key): boolean => {
    if (done.current) return true;
    if (key.ctrl && input === "d") return finish({ action: "decline" });
    if (key.ctrl && input === "c") {
      if (!onInterrupt) return finish({ action: "cancel" });
      onInterrupt();
      return true;
    }
    if (key.escape) return finish({ action: "cancel" });
    if (key.return) return submit();
    if ((key.tab && key.shift) || key.upArrow || key.tab || key.downArrow) {
      move((key.tab && key.shift) || key.upArrow ? -1 : 1);
      return false;
    }
    const f = fields[live.current.focus];
    if (!f) return false;
    const entry = live.current.entries[f.key] ?? emptyLineEntry;
    if (f.type === "boolean") {
      const k = input.toLowerCase();
      if (input === " ") setText(f.key, { ...entry, text: entry.text === "true" ? "false" : "true" });
      else if (k === "y" || k === "n") setText(f.key, { ...entry, text: k === "y" ? "true" : "false" });
      return false;
    }
    if (f.type === "enum") {
      if (key.leftArrow || key.rightArrow)
        setText(f.key, { ...entry, text: cycle(f, entry.text, key.rightArrow ? 1 : -1) });
      return false;
    }
    const step = lineEntryStep(entry, input, key);
    setText(f.key, step.state);
    if (step.action === "submit") return submit();
    if (step.action === "cancel") return finish({ action: "cancel" });
    return false;
  };
  useInput((input, key) => forEachKey(input, key, onKey));

  const inner = Math.max(10, width - 4);
  const title = `MCP server "${shown(request.server)}" ${request.mode === "url" ? "asks you to open a link" : "asks for input"}`;
  const keys = wrapPlain(keysText(request), inner);
  const fieldRows = request.mode === "url" ? wrapPlain(request.url, inner).length : fields.length + 1;
  const room =
    rows === undefined
      ? MAX_MESSAGE_ROWS
      : rows - FRAME_ROWS - (keys.length - 1) - fieldRows - Object.keys(errors).length;
  const all = wrapPlain(sanitizeForTerminal(request.message), inner);
  const fit = Math.max(1, Math.min(MAX_MESSAGE_ROWS, room));
  // A cut message says so: the user should know there was more before answering.
  const cut = all.length - fit;
  const more = ` … +${cut} more line(s)`;
  const message =
    cut <= 0 ? all : [...all.slice(0, fit - 1), clipToWidth(all[fit - 1] ?? "", inner - more.length) + more];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={ui.c("yellow")} paddingX={1} width={width}>
      <Text bold color={ui.c("yellow")}>
        {title}
      </Text>
      {message.length > 0 ? <Text>{message.join("\n")}</Text> : null}
      {request.mode === "url" ? (
        <Text color={ui.c("cyan")}>{wrapPlain(makeVisible(request.url).text, inner).join("\n")}</Text>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          {fields.map((f, i) => {
            const on = i === focus;
            const about = hint(f);
            const error = errors[f.key];
            return (
              <Box key={f.key} flexDirection="column">
                <Text color={on ? ui.c("cyan") : undefined} bold={on} wrap="truncate-end">
                  {`${on ? "❯ " : "  "}${shown(f.title)}${f.required ? "*" : ""}${about ? ` (${about})` : ""}: ${display(f, entries[f.key]?.text ?? "")}${on && f.type !== "boolean" && f.type !== "enum" ? "▏" : ""}`}
                </Text>
                {on && f.description ? (
                  <Text color={ui.c("gray")} wrap="truncate-end">{`    ${shown(f.description)}`}</Text>
                ) : null}
                {error ? <Text color={ui.c("red")}>{`    ${shown(f.title)} ${error}`}</Text> : null}
              </Box>
            );
          })}
        </Box>
      )}
      <Text color={ui.c("gray")}>{keys.join("\n")}</Text>
    </Box>
  );
}
