// The host a slash command runs against, and the small output helpers commands share.
import type { PickerItem } from "../input/picker.js";
import type { AppState, NewItem, PermissionModeName } from "../state/app-types.js";
import type { AppServices, SessionPort } from "../state/session-port.js";

export interface CommandHost {
  state(): AppState;
  session(): SessionPort;
  services: AppServices;
  print(item: NewItem): void;
  quit(): void;
  newSession(opts?: { resume?: string; fork?: boolean }): Promise<void>;
  /** Sends a prompt to the model as if the user typed it. */
  send(text: string): void;
  setExpand(expand: boolean): void;
  expandLast(): void;
  /** Opens the full-screen transcript viewer (absent where there is no terminal to switch). */
  openTranscript?(): void;
  setMode(mode: PermissionModeName): void;
  /** Opens a picker in place of the input (absent where the app cannot show one). */
  pick?(spec: PickSpec): void;
}

/** A list the user picks one item from; `onPick` runs after the picker closed (Esc / Ctrl+C: nothing runs). */
export interface PickSpec {
  title: string;
  items: PickerItem[];
  /** Shown when the filter matches nothing. */
  empty?: string;
  /** Lines shown above the items (a dialog's content). */
  body?: string[];
  /** The hint after the title (default: how to filter and pick). */
  hint?: string;
  onPick(item: PickerItem): void | Promise<void>;
}

export interface SlashCommand {
  name: string;
  aliases?: string[];
  /** The arguments it takes, without the name ("[focus]"): /help prints the name once. */
  usage?: string;
  description: string;
  /** Allowed while a turn runs (others are refused with a message). */
  whileRunning?: boolean;
  run(host: CommandHost, args: string): void | Promise<void>;
}

export const info = (host: CommandHost, title: string, body: string, table?: boolean) =>
  host.print({ kind: "output", title, body, ...(table ? { table } : {}) });
export const note = (host: CommandHost, text: string, level: "info" | "warn" | "error" = "info") =>
  host.print({ kind: "notice", level, text });

export async function describe(
  host: CommandHost,
  what: "sessions" | "mcp" | "skills" | "agents" | "audit",
  pending: string,
) {
  const d = host.services.describe;
  info(host, `/${what}`, d ? await d(what) : pending, what === "audit");
}
