// What the prompt's own syntax asks of the core besides a plain prompt: `!cmd` (the user's shell command; `!!cmd`
// keeps its output out of the model's context) and `@path` mentions (a file's content attached to the prompt,
// shown as a chip). Pure helpers plus the async steps run by use-session; no Ink.
import type { AgentEvent, FileAttachment, UserShellResult } from "../../runtime/index.js";
import { sanitizeForTerminal } from "../render/sanitize.js";
import type { SessionPort } from "./session-port.js";

export interface ShellPrompt {
  command: string;
  addToContext: boolean;
}

/** `!cmd` → run cmd and add its output to the context; `!!cmd` → run it without. Anything else → null. */
export function parseShellPrompt(text: string): ShellPrompt | null {
  if (!text.startsWith("!")) return null;
  const quiet = text.startsWith("!!");
  return { command: text.slice(quiet ? 2 : 1).trim(), addToContext: !quiet };
}

/** How an attachment shows in the input and the transcript: `[@src/app.ts · 120 lines]`. */
export function attachmentChip(a: Pick<FileAttachment, "path" | "lines" | "truncated">): string {
  const what = `${a.lines} line${a.lines === 1 ? "" : "s"}${a.truncated ? ", truncated" : ""}`;
  return `[@${sanitizeForTerminal(a.path).replace(/\s/g, "_")} · ${what}]`;
}

/** `@path` tokens: an @ at the start or after whitespace, up to the next whitespace. */
export function findMentions(text: string): { token: string; path: string }[] {
  return [...text.matchAll(/(?<=^|\s)@([^\s@]+)/g)].map((m) => ({ token: m[0], path: m[1] ?? "" }));
}

/** Errors that mean "this mention is not a file" (an email, a decorator): left as text without a notice. */
const NOT_A_FILE = /does not exist|not found/i;

/**
 * Reads every `@path` mention that names a workspace file. The display text shows a chip in place of each
 * attached mention; refusals (outside the workspace, credentials, binary, a folder) become notices.
 */
export async function attachMentions(
  session: Pick<SessionPort, "attachFile">,
  text: string,
): Promise<{ display: string; attachments: FileAttachment[]; notices: string[] }> {
  const attachments: FileAttachment[] = [];
  const notices: string[] = [];
  let display = text;
  const attach = session.attachFile;
  if (!attach) return { display, attachments, notices };
  const seen = new Set<string>();
  for (const m of findMentions(text)) {
    if (seen.has(m.path)) continue;
    seen.add(m.path);
    try {
      const a = await attach(m.path);
      attachments.push(a);
      display = display.split(m.token).join(attachmentChip(a));
    } catch (err) {
      const msg = (err as Error).message;
      if (!NOT_A_FILE.test(msg)) notices.push(`@${m.path} not attached: ${msg}`);
    }
  }
  return { display, attachments, notices };
}

export const shellStartEvent = (callId: string, command: string): AgentEvent => ({
  type: "tool_start",
  callId,
  name: "!",
  args: { command },
  description: { title: `! ${command}`, kind: "execute", subject: command },
});

/** The finished command as a tool_end, so it prints (collapsed, tail first) like the model's shell calls. */
export function shellEndEvent(callId: string, r: UserShellResult | undefined, error?: string): AgentEvent {
  if (!r)
    return { type: "tool_end", callId, name: "!", status: "error", summary: error ?? "failed", content: "" };
  const secs = `${(r.durationMs / 1000).toFixed(1)}s`;
  // The status word is part of the summary so the line reads "error: exit 2 · …" once, not twice.
  const exit = r.aborted
    ? "aborted"
    : r.exitCode === 0
      ? "exit 0"
      : `error: ${r.exitCode !== null ? `exit ${r.exitCode}` : `killed by ${r.signal}`}`;
  const ctx = r.addedToContext ? " · added to context" : "";
  return {
    type: "tool_end",
    callId,
    name: "!",
    status: r.aborted ? "aborted" : r.exitCode === 0 ? "done" : "error",
    summary: `${exit} · ${secs}${ctx}`,
    details: {
      kind: "shell",
      command: r.command,
      exitCode: r.exitCode,
      signal: r.signal,
      output: r.output,
      timedOut: false,
      truncated: r.truncated,
      totalBytes: r.output.length,
      durationMs: r.durationMs,
    },
    content: r.output,
  };
}

/** A recorded prompt as the user saw it: attached blocks (files, command output) shown as chips again. */
export function shownPrompt(text: string): string {
  const cut = text.search(/\n\n<(attached_file path="|user_shell_command>\n)/);
  if (cut === -1) return text;
  const rest = text.slice(cut);
  const files = [...rest.matchAll(/^<attached_file path="([^"]*)" lines="(\d+)">$/gm)].map((m) =>
    attachmentChip({ path: m[1] ?? "", lines: Number(m[2]), truncated: false }),
  );
  const shells = rest.match(/^<user_shell_command>$/gm)?.length ?? 0;
  return [text.slice(0, cut), ...files, ...(shells ? [`[output of ${shells} ! command(s)]`] : [])].join(" ");
}
