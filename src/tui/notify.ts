// Notifications: when an approval starts waiting or a long turn ends, ring the bell or ask the terminal for a
// desktop notification (OSC 9, OSC 777). Pure: which channel the config and environment allow, whether an
// occasion notifies, and the exact bytes; the app writes them. Detection is conservative: a sequence the terminal
// does not know may print garbage, so OSC is used only where the terminal is recognised, the bell otherwise.
// Inside tmux/screen "auto" stays silent: OSC must be wrapped to pass through a multiplexer (tmux also needs
// `allow-passthrough on`), and the outer terminal is unknown there; an explicit channel is wrapped.
import type { StopReason, TuiConfig } from "../runtime/index.js";
import { sanitizeForTerminal } from "./render/sanitize.js";

export type NotifyChannel = "bell" | "osc9" | "osc777";
export type Multiplexer = "tmux" | "screen";

export interface NotifySettings {
  /** null: notifications are off. */
  channel: NotifyChannel | null;
  /** The multiplexer the sequences must pass through, if any. */
  mux: Multiplexer | null;
  /** A turn shorter than this does not notify when it ends. */
  thresholdMs: number;
}

/** Default of `tui.notifyAfterSeconds`: long enough that the user has probably looked away. */
export const DEFAULT_NOTIFY_AFTER_SECONDS = 30;

type Env = Record<string, string | undefined>;

export function detectMultiplexer(env: Env): Multiplexer | null {
  const term = env.TERM ?? "";
  if (env.TMUX || term.startsWith("tmux")) return "tmux";
  if (env.STY || term.startsWith("screen")) return "screen";
  return null;
}

/** The desktop-notification sequence the terminal is known to support, or null. */
export function detectOsc(env: Env): "osc9" | "osc777" | null {
  const program = env.TERM_PROGRAM ?? "";
  const term = env.TERM ?? "";
  if (["iTerm.app", "WezTerm", "ghostty"].includes(program)) return "osc9";
  if (env.WT_SESSION) return "osc9"; // Windows Terminal
  if (term === "xterm-kitty" || term === "xterm-ghostty" || env.KITTY_WINDOW_ID) return "osc9";
  if (term.startsWith("rxvt-unicode") || term.startsWith("foot")) return "osc777";
  return null;
}

/** The settings from `tui.notifications` / `tui.notifyAfterSeconds` and the environment. */
export function resolveNotify(config: TuiConfig | undefined, env: Env): NotifySettings {
  const mode = config?.notifications ?? "auto";
  const mux = detectMultiplexer(env);
  const thresholdMs = (config?.notifyAfterSeconds ?? DEFAULT_NOTIFY_AFTER_SECONDS) * 1000;
  let channel: NotifyChannel | null;
  if (mode === "off") channel = null;
  else if (mode === "auto") channel = mux ? null : (detectOsc(env) ?? "bell");
  else channel = mode;
  return { channel, mux, thresholdMs };
}

export type NotifyOccasion =
  | { kind: "approval"; tool: string }
  | { kind: "turn_end"; ms: number; reason: StopReason | null };

/**
 * The message for an occasion, or null when it should not notify. An approval always does; a turn's end only
 * when it ran at least the threshold and the user did not stop it themselves (then they are watching). The
 * approval names only the tool: the command or diff is model text and may hold secrets a lock screen shows.
 */
export function notificationText(o: NotifyOccasion, s: NotifySettings): string | null {
  if (!s.channel) return null;
  if (o.kind === "approval") return `waiting for approval (${o.tool})`;
  if (o.reason === "aborted" || o.ms < s.thresholdMs) return null;
  const secs = Math.round(o.ms / 1000);
  const took = secs < 60 ? `${secs}s` : `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, "0")}s`;
  return o.reason === "completed" || o.reason === null ? `turn finished (${took})` : `turn stopped (${took})`;
}

/** Text safe inside an OSC string: no control characters, no `;` (a field separator for OSC 777), one line. */
function oscSafe(text: string): string {
  const flat = sanitizeForTerminal(text)
    .replace(/[\n\t]/g, " ")
    .replace(/;/g, ",");
  return [...flat].slice(0, 120).join("");
}

/** The bytes to write for a message on a channel, wrapped for the multiplexer when there is one. */
export function notificationBytes(s: NotifySettings, text: string): string {
  if (!s.channel) return "";
  if (s.channel === "bell") return "\u0007";
  // OSC 9 bodies starting with digits and ";" mean progress to ConEmu / Windows Terminal: the prefix avoids that.
  const seq =
    s.channel === "osc9"
      ? `\u001b]9;protoagent: ${oscSafe(text)}\u0007`
      : `\u001b]777;notify;protoagent;${oscSafe(text)}\u0007`;
  if (s.mux === "tmux") return `\u001bPtmux;${seq.replace(/\u001b/g, "\u001b\u001b")}\u001b\\`;
  if (s.mux === "screen") return `\u001bP${seq}\u001b\\`;
  return seq;
}
