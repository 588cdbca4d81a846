// The host a slash command runs against, and the small output helpers commands share.
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
}

export interface SlashCommand {
  name: string;
  aliases?: string[];
  usage?: string;
  description: string;
  /** Allowed while a turn runs (others are refused with a message). */
  whileRunning?: boolean;
  run(host: CommandHost, args: string): void | Promise<void>;
}

export const info = (host: CommandHost, title: string, body: string) =>
  host.print({ kind: "output", title, body });
export const note = (host: CommandHost, text: string, level: "info" | "warn" | "error" = "info") =>
  host.print({ kind: "notice", level, text });

export async function describe(host: CommandHost, what: "sessions" | "mcp" | "skills", pending: string) {
  const d = host.services.describe;
  info(host, `/${what}`, d ? await d(what) : pending);
}
