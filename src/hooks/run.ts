// Runs one hook command: the user's own command (so unsandboxed, with the user's environment), through
// `bash -c` in the project root, in its own process group, with the event's JSON on stdin. A timeout or the
// session's abort kills the whole group. stdout and stderr are kept apart, sanitised and capped: they are
// untrusted text that may reach the terminal and the model.
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { sanitizeOutput } from "../tools/shell/output.js";
import { killGroup } from "../tools/shell/run.js";
import type { HookCommand, HookRun } from "./types.js";

/** The most of each stream kept (the rest is dropped with a marker). */
export const HOOK_OUTPUT_CAP = 32_000;
/** After the shell exits, how long its background children may hold the pipes before we stop reading. */
const DRAIN_MS = 200;

export interface HookRunOptions {
  cwd: string;
  env: Record<string, string>;
  input: string;
  signal?: AbortSignal;
}

class Capped {
  private text = "";
  private cut = false;
  private readonly decoder = new StringDecoder("utf8");
  add(buf: Buffer): void {
    if (this.cut) return;
    this.text += sanitizeOutput(this.decoder.write(buf));
    if (this.text.length > HOOK_OUTPUT_CAP) {
      this.text = `${this.text.slice(0, HOOK_OUTPUT_CAP)}\n… [output cut at ${HOOK_OUTPUT_CAP} characters]`;
      this.cut = true;
    }
  }
  value(): string {
    return this.cut ? this.text : this.text + sanitizeOutput(this.decoder.end());
  }
}

/** Resolves when the hook has ended (or was killed); never rejects. */
export function runHook(hook: HookCommand, o: HookRunOptions): Promise<HookRun> {
  return new Promise((resolve) => {
    const out = new Capped();
    const err = new Capped();
    let timedOut = false;
    let aborted = false;
    let exitCode: number | null = null;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn("bash", ["-c", hook.command], {
      cwd: o.cwd,
      env: o.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const pgid = child.pid;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      o.signal?.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      const run: HookRun = { hook, exitCode, stdout: out.value(), stderr: err.value(), timedOut, aborted };
      resolve(error === undefined ? run : { ...run, error });
    };
    const onAbort = () => {
      aborted = true;
      killGroup(pgid, "SIGKILL");
    };
    child.stdout?.on("data", (b: Buffer) => out.add(b));
    child.stderr?.on("data", (b: Buffer) => err.add(b));
    // A hook that does not read its input must not fail the write (EPIPE).
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(o.input);
    child.on("error", (e) => finish(e.message));
    child.on("exit", (code) => {
      exitCode = code;
      // The shell is gone; whatever it left in its group goes too.
      if (timedOut || aborted) killGroup(pgid, "SIGKILL");
      timers.push(setTimeout(() => finish(), DRAIN_MS));
    });
    child.on("close", () => finish());
    if (o.signal?.aborted) onAbort();
    else o.signal?.addEventListener("abort", onAbort, { once: true });
    timers.push(
      setTimeout(() => {
        timedOut = true;
        killGroup(pgid, "SIGKILL");
      }, hook.timeoutMs),
    );
  });
}
