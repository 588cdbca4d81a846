// First-run setup inside the TUI: pick a provider/model from the merged catalog (custom providers included,
// type to filter; the shared Picker), then enter an API key masked — or press Enter to use a key found in the environment.
// The caller writes the user config (keeping its comments) and starts the session.
import { Box, Text, useInput } from "ink";
import { useMemo, useState } from "react";
import { sanitizeForTerminal } from "../tui/render/sanitize.js";
import { useTerminalSize, useUi } from "../tui/render/theme.js";
import { FeedbackInput } from "./FeedbackInput.js";
import { Picker, type PickerItem } from "./Picker.js";

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
  const { columns, rows } = useTerminalSize();
  const [picked, setPicked] = useState<SetupChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = useMemo(
    () =>
      choices.map(
        (c): PickerItem => ({
          id: c.ref,
          label: c.label,
          detail: `(${c.ref}${c.hasKey ? ", key found" : ""})`,
        }),
      ),
    [choices],
  );
  // A first-run user who does not want to configure now must be able to leave, from either step (the
  // picker handles Ctrl+C itself).
  useInput(
    (input, key) => {
      if (key.ctrl && input === "c") onCancel?.();
    },
    { isActive: picked !== null },
  );
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
  return (
    <Box flexDirection="column">
      <Text bold color={ui.c("green")}>
        protoagent setup
      </Text>
      {reason ? <Text color={ui.c("yellow")}>{sanitizeForTerminal(reason)}</Text> : null}
      <Text color={ui.c("gray")}>Your choice is saved to {target} (comments in the file are kept).</Text>
      {onCancel ? <Text color={ui.c("gray")}>Ctrl+C quits without saving.</Text> : null}
      {picked === null ? (
        <Box marginTop={1}>
          <Picker
            title="Pick a model"
            items={items}
            rows={Math.max(5, Math.min(14, rows - 6))}
            width={Math.max(20, columns - 1)}
            empty="No model matches"
            escClearsFilter
            onPick={(it) => setPicked(choices.find((c) => c.ref === it.id) ?? null)}
            onCancel={() => onCancel?.()}
          />
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
