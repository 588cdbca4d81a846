// A logger instance (never a global): appends lines to one file per day under the data dir, created 0600 in a
// 0700 folder, opened lazily on the first line at or above the level. Writes are asynchronous (a stream).
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";
import { ensurePrivateDir } from "./private-dir.js";

export const LOG_LEVELS = ["error", "warn", "info", "debug", "trace"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class Logger {
  private stream?: WriteStream;
  private readonly rank: number;

  constructor(
    readonly level: LogLevel,
    private readonly dir: string | undefined,
  ) {
    this.rank = LOG_LEVELS.indexOf(level);
  }

  get file(): string | undefined {
    return this.dir
      ? path.join(this.dir, `protoagent-${new Date().toISOString().slice(0, 10)}.log`)
      : undefined;
  }

  private write(level: LogLevel, message: string, context?: Record<string, unknown>): void {
    if (LOG_LEVELS.indexOf(level) > this.rank || !this.dir) return;
    if (!this.stream) {
      ensurePrivateDir(this.dir);
      this.stream = createWriteStream(this.file!, { flags: "a", mode: 0o600 });
      this.stream.on("error", () => {
        this.stream = undefined;
      });
    }
    const ctx = context ? ` ${JSON.stringify(context)}` : "";
    this.stream.write(
      `${new Date().toISOString()} ${level.toUpperCase()} [${process.pid}] ${message}${ctx}\n`,
    );
  }

  error = (m: string, c?: Record<string, unknown>) => this.write("error", m, c);
  warn = (m: string, c?: Record<string, unknown>) => this.write("warn", m, c);
  info = (m: string, c?: Record<string, unknown>) => this.write("info", m, c);
  debug = (m: string, c?: Record<string, unknown>) => this.write("debug", m, c);

  close(): Promise<void> {
    const s = this.stream;
    this.stream = undefined;
    return new Promise((resolve) => (s ? s.end(resolve) : resolve()));
  }
}
