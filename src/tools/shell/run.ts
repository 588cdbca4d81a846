// Runs one command as `bash --noprofile --norc -c` in its own process group, stdin from /dev/null, with the
// environment it is given. Timeout and abort kill the whole group (SIGTERM, then SIGKILL after a grace period,
// or as soon as the shell is gone), so grandchildren never outlive a timed-out command. Output is captured
// bounded (head + tail) and streamed chunk by chunk.
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { type CapturedOutput, OutputCapture, sanitizeOutput } from "./output.js";

export interface RunOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  onChunk?: (text: string) => void;
  /** Time between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** After the shell exits, how long background processes may keep the output pipes open before we stop reading. */
  drainMs?: number;
  headChars?: number;
  tailChars?: number;
  /** Runs bash inside this sandbox program (src/sandbox/launch.ts); absent: bash is spawned directly. */
  launcher?: { file: string; args: string[]; env: Record<string, string> };
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  output: CapturedOutput;
  durationMs: number;
  /** Process group id (the shell's pid). */
  pgid: number | undefined;
  /** Background processes still held the output open when the shell exited; later output was not read. */
  leftRunning: boolean;
}

/** Signals a whole process group; a group that is already gone is fine. */
export function killGroup(pgid: number | undefined, sig: NodeJS.Signals): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, sig);
  } catch {
    // Already gone.
  }
}

/** Resolves when the command has finished (or was killed); rejects only when bash cannot be started. */
export function runShell(opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const capture = new OutputCapture(opts.headChars ?? 15_000, opts.tailChars ?? 15_000);
  return new Promise((resolve, reject) => {
    const bash = ["--noprofile", "--norc", "-c", opts.command];
    const l = opts.launcher;
    const child = spawn(l ? l.file : "bash", l ? [...l.args, "bash", ...bash] : bash, {
      cwd: opts.cwd,
      env: l ? l.env : opts.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const pgid = child.pid;
    let timedOut = false;
    let aborted = false;
    let killing = false;
    let exited = false;
    let done = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    const timers: NodeJS.Timeout[] = [];

    const onData = (decoder: StringDecoder) => (buf: Buffer) => {
      const text = sanitizeOutput(decoder.write(buf));
      capture.add(text, buf.length);
      if (text) opts.onChunk?.(text);
    };
    const outDecoder = new StringDecoder("utf8");
    const errDecoder = new StringDecoder("utf8");
    child.stdout?.on("data", onData(outDecoder));
    child.stderr?.on("data", onData(errDecoder));

    const finish = () => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      opts.signal.removeEventListener("abort", onAbort);
      const leftRunning = !child.stdout?.closed || !child.stderr?.closed;
      child.stdout?.destroy();
      child.stderr?.destroy();
      const rest = sanitizeOutput(outDecoder.end() + errDecoder.end());
      if (rest) capture.add(rest, 0);
      resolve({
        exitCode,
        signal: exitSignal,
        timedOut,
        aborted,
        output: capture.result(),
        durationMs: performance.now() - started,
        pgid,
        leftRunning: leftRunning && !killing,
      });
    };

    const startKill = () => {
      if (killing) return;
      killing = true;
      killGroup(pgid, "SIGTERM");
      if (exited) killGroup(pgid, "SIGKILL");
      else timers.push(setTimeout(() => killGroup(pgid, "SIGKILL"), opts.killGraceMs ?? 2_000));
    };
    const onAbort = () => {
      if (exited) return;
      aborted = true;
      startKill();
    };

    child.on("error", (err) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      opts.signal.removeEventListener("abort", onAbort);
      reject(err);
    });
    child.on("exit", (code, sig) => {
      exited = true;
      exitCode = code;
      exitSignal = sig;
      // The shell is gone: anything left in its group after a kill gets SIGKILL now, not after the grace.
      if (killing) killGroup(pgid, "SIGKILL");
      timers.push(setTimeout(finish, opts.drainMs ?? 250));
    });
    child.on("close", finish);

    if (opts.signal.aborted) onAbort();
    else opts.signal.addEventListener("abort", onAbort, { once: true });
    timers.push(
      setTimeout(() => {
        if (exited) return;
        timedOut = true;
        startKill();
      }, opts.timeoutMs),
    );
  });
}
