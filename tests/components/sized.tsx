// Renders the app at a chosen terminal size and records every live frame Ink renders, separately from the
// text printed to scrollback, so tests can assert the frame's height in rows against the terminal's. Waits
// poll for a state with a deadline; nothing sleeps for a fixed time.
import { EventEmitter } from "node:events";
import { render } from "ink";
import type { ReactElement } from "react";
import { stripAnsi } from "../../src/tui/render/ansi.js";

class FakeOut extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  printed: string[] = [];
  /** Set by Ink's onRender: the next write is that render's frame (debug mode writes the whole frame). */
  frameNext = false;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (s: string) => {
    if (this.frameNext) this.frames.push(s);
    else this.printed.push(s);
    this.frameNext = false;
    return true;
  };
}

class FakeIn extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(s: string) {
    this.data = s;
    this.emit("readable");
    this.emit("data", s);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export function renderSized(el: ReactElement, columns: number, rows: number) {
  const stdout = new FakeOut(columns, rows);
  const stdin = new FakeIn();
  const inst = render(el, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeOut(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
    onRender: () => {
      stdout.frameNext = true;
    },
  });
  const last = () => stripAnsi(stdout.frames.at(-1) ?? "");
  const all = () => stripAnsi([...stdout.printed, ...stdout.frames].join("\n"));
  /** Height in rows of the tallest live frame rendered so far. */
  const tallest = () => Math.max(0, ...stdout.frames.map((f) => f.split("\n").length));
  async function waitFor(pred: (last: string, all: string) => boolean, what: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (pred(last(), all())) {
        for (let i = 0; i < 3; i++) await new Promise((res) => setImmediate(res));
        return last();
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Last frame:\n${last()}`);
      await new Promise((res) => setImmediate(res));
    }
  }
  const press = async (s: string) => {
    stdin.write(s);
    await new Promise((res) => setImmediate(res));
  };
  const resize = (c: number, r: number) => {
    stdout.columns = c;
    stdout.rows = r;
    stdout.emit("resize");
  };
  return { stdout, last, all, tallest, waitFor, press, resize, unmount: () => inst.unmount() };
}
