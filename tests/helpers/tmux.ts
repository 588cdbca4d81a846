// A real terminal for end-to-end tests: one private tmux server per instance (its own socket, never the user's
// sessions), the built CLI started at a given size with a given environment, the screen read with
// capture-pane (optionally with the whole scrollback), the raw bytes the program wrote captured with
// pipe-pane, keys sent as names, literal text or hex bytes, and waits that poll for a state with a deadline.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** True when tmux can be run here (tests skip otherwise). */
export const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

// CI variables make Ink print only the final frame; a real terminal session has none.
const DROP_ENV = /^(CI|CONTINUOUS_INTEGRATION|BUILD_NUMBER|RUN_ID)$|^GITHUB_|^VITEST/;

/** `env -i 'K=V' …` for a shell command line: a clean, quoted environment for the program under test. */
export function envCommand(env: Record<string, string | undefined>): string {
  const pairs = Object.entries(env)
    .filter(([k, v]) => v !== undefined && /^[A-Z_][A-Z0-9_]*$/.test(k) && !DROP_ENV.test(k))
    .map(([k, v]) => `'${`${k}=${String(v)}`.replace(/'/g, "'\\''")}'`);
  return `env -i ${pairs.join(" ")}`;
}

export interface StartOptions {
  name: string;
  cols: number;
  rows: number;
  cwd: string;
  /** The program's whole environment (nothing else is inherited). */
  env: Record<string, string | undefined>;
  /** Command run with that environment, e.g. `node dist/cli.js`. */
  command: string;
  /** File receiving every byte the program writes to the terminal (pipe-pane), from its first byte. */
  rawFile?: string;
}

export class TmuxServer {
  readonly socket = `pa-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  run(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8" });
  }

  /** Starts `command` in a new session; with `rawFile`, it waits until pipe-pane is attached. */
  start(o: StartOptions): TmuxPane {
    const gate = o.rawFile ? "read _; " : "";
    const line = `${gate}${envCommand(o.env)} ${o.command}; echo EXITED-$?; sleep 120`;
    this.run(
      "new-session",
      "-d",
      "-s",
      o.name,
      "-x",
      String(o.cols),
      "-y",
      String(o.rows),
      "-c",
      o.cwd,
      line,
    );
    // Keep the size we asked for even though no client is attached.
    this.run("set-option", "-t", o.name, "window-size", "manual");
    const pane = new TmuxPane(this, o.name, o.rawFile);
    if (o.rawFile) {
      writeFileSync(o.rawFile, "");
      this.run("pipe-pane", "-t", o.name, "-o", `cat >> '${o.rawFile}'`);
      pane.send("Enter");
    }
    return pane;
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}

export class TmuxPane {
  constructor(
    private server: TmuxServer,
    readonly name: string,
    private rawFile?: string,
  ) {}

  /** The visible screen (wrapped lines joined); with `history`, the whole scrollback above it too. */
  capture(history = false): string {
    const range = history ? ["-S", "-"] : [];
    return this.server.run("capture-pane", "-p", "-J", ...range, "-t", this.name);
  }

  /** Keys by tmux name ("Enter", "C-c", "PageDown"). */
  send(...keys: string[]): void {
    this.server.run("send-keys", "-t", this.name, ...keys);
  }

  /** Literal text, delivered in one write. */
  type(text: string): void {
    this.server.run("send-keys", "-t", this.name, "-l", text);
  }

  /** Raw bytes in one write, e.g. hex("7f", "7f", "7f") for three Backspaces in one read. */
  hex(...bytes: string[]): void {
    this.server.run("send-keys", "-t", this.name, "-H", ...bytes);
  }

  typeLine(text: string): void {
    this.type(text);
    this.send("Enter");
  }

  resize(cols: number, rows: number): void {
    this.server.run("resize-window", "-t", this.name, "-x", String(cols), "-y", String(rows));
  }

  title(): string {
    return this.server.run("display", "-p", "-t", this.name, "#{pane_title}").trim();
  }

  /** PID of the program (the child of the pane's shell). */
  pid(): number {
    const shell = this.server.run("list-panes", "-t", this.name, "-F", "#{pane_pid}").trim();
    const out = spawnSync("pgrep", ["-P", shell], { encoding: "utf8" }).stdout.trim().split("\n")[0];
    return Number(out);
  }

  /** Every byte written to the terminal so far (needs `rawFile`). */
  raw(): string {
    return this.rawFile && existsSync(this.rawFile) ? readFileSync(this.rawFile, "latin1") : "";
  }

  /** Polls the screen (or the whole scrollback) until `pred` holds; throws with the screen at the deadline. */
  async waitFor(
    pred: (screen: string) => boolean,
    what: string,
    o: { timeoutMs?: number; history?: boolean } = {},
  ): Promise<string> {
    const deadline = Date.now() + (o.timeoutMs ?? 30_000);
    for (;;) {
      const s = this.capture(o.history);
      if (pred(s)) return s;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  waitText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitFor((s) => s.includes(text), JSON.stringify(text), { timeoutMs });
  }

  /** Waits until `text` is on screen and the turn has ended (the idle prompt's placeholder is back). */
  waitTurnEnd(text: string): Promise<string> {
    return this.waitFor(
      (s) => s.includes(text) && s.includes("Ask anything") && !s.includes("Type to queue"),
      `${text} + idle`,
    );
  }
}
