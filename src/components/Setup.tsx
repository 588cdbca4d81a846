// First-run setup inside the TUI: pick a provider/model from the merged catalog (custom providers included,
// type to filter), then enter an API key masked — or press Enter to use a key found in the environment.
// The caller writes the user config (keeping its comments) and starts the session.
import { Box, type Key, Text, useInput } from "ink";
import { useRef, useState } from "react";
import { forEachKey } from "../tui/input/split-keys.js";
import { sanitizeForTerminal } from "../tui/render/sanitize.js";
import { useUi } from "../tui/render/theme.js";
import { FeedbackInput } from "./FeedbackInput.js";

export interface SetupChoice {
  ref: string;
  label: string;
  /** Environment variable the provider reads its key from. */
  envVar?: string;
  /** A usable key already exists (environment, stored key, headers): the key step is optional. */
  hasKey: boolean;
}

export interface SetupProps {
  choices: SetupChoice[];
  /** Where the answer will be written (shown to the user). */
  target: string;
  reason?: string;
  onDone(choice: { ref: string; apiKey?: string }): Promise<void>;
  /** Ctrl+C anywhere, or Esc on an empty filter: leave without configuring (nothing is written). */
  onCancel?(): void;
}

export function Setup({ choices, target, reason, onDone, onCancel }: SetupProps) {
  const ui = useUi();
  const [view, setView] = useState({ filter: "", sel: 0 });
  // Keys can arrive faster than renders: the ref is what key handling reads.
  const cur = useRef(view);
  const update = (next: { filter: string; sel: number }) => {
    cur.current = next;
    setView(next);
  };
  const { filter, sel } = view;
  const matching = (f: string) =>
    choices.filter((c) => `${c.ref} ${c.label}`.toLowerCase().includes(f.toLowerCase()));
  const [picked, setPicked] = useState<SetupChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = matching(filter);
  // One key of the picker; true once a model is picked (the rest of the chunk is not the filter's).
  const onKey = (input: string, key: Key): boolean => {
    const { filter: f, sel: i } = cur.current;
    const list = matching(f);
    if (key.escape) {
      if (f === "") onCancel?.();
      else update({ filter: "", sel: 0 });
      return f === "";
    }
    if (key.upArrow) update({ filter: f, sel: Math.max(0, i - 1) });
    else if (key.downArrow) update({ filter: f, sel: Math.min(list.length - 1, i + 1) });
    else if (key.return) {
      const c = list[i];
      if (c) setPicked(c);
      return c !== undefined;
    } else if (key.backspace || key.delete) update({ filter: f.slice(0, -1), sel: 0 });
    else if (input && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f]/.test(input))
      update({ filter: f + input, sel: 0 });
    return false;
  };
  // A chunk can hold several keys (Backspace held over SSH arrives as "\x7f\x7f\x7f"): one step per key.
  useInput((input, key) => forEachKey(input, key, onKey), { isActive: picked === null });
  // A first-run user who does not want to configure now must be able to leave, from either step.
  useInput((input, key) => {
    if (key.ctrl && input === "c") onCancel?.();
  });
  const finish = (apiKey: string) => {
    if (!picked) return;
    if (apiKey === "" && !picked.hasKey)
      return setError("An API key is needed for this provider (or set it in the environment).");
    setBusy(true);
    onDone({ ref: picked.ref, apiKey: apiKey || undefined }).catch((e: unknown) => {
      setBusy(false);
      setError((e as Error).message);
    });
  };
  const window = shown.slice(Math.max(0, sel - 7), Math.max(0, sel - 7) + 10);
  return (
    <Box flexDirection="column">
      <Text bold color={ui.c("green")}>
        protoagent setup
      </Text>
      {reason ? <Text color={ui.c("yellow")}>{sanitizeForTerminal(reason)}</Text> : null}
      <Text color={ui.c("gray")}>Your choice is saved to {target} (comments in the file are kept).</Text>
      {onCancel ? <Text color={ui.c("gray")}>Ctrl+C quits without saving.</Text> : null}
      {picked === null ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>Pick a model (type to filter, ↑/↓, Enter): {filter}</Text>
          {window.map((c) => (
            <Text key={c.ref} color={c === shown[sel] ? ui.c("cyan") : undefined}>
              {c === shown[sel] ? "❯ " : "  "}
              {c.label}{" "}
              <Text color={ui.c("gray")}>
                ({c.ref}
                {c.hasKey ? ", key found" : ""})
              </Text>
            </Text>
          ))}
          {shown.length === 0 ? <Text color={ui.c("gray")}>No model matches “{filter}”.</Text> : null}
        </Box>
      ) : (
        <Box flexDirection="column" marginTop={1}>
          <Text>Model: {picked.ref}</Text>
          {picked.hasKey ? (
            <Text color={ui.c("gray")}>
              A key is already available{picked.envVar ? ` (${picked.envVar})` : ""}: press Enter to use it,
              or type a key to store it.
            </Text>
          ) : null}
          {busy ? (
            <Text color={ui.c("gray")}>Saving…</Text>
          ) : (
            <FeedbackInput
              mask
              label={`API key${picked.envVar ? ` (or set ${picked.envVar})` : ""}: `}
              onSubmit={finish}
              onCancel={() => {
                setPicked(null);
                setError(null);
              }}
            />
          )}
        </Box>
      )}
      {error ? <Text color={ui.c("red")}>{sanitizeForTerminal(error)}</Text> : null}
    </Box>
  );
}
