// The stdout Ink writes to. Two guarantees for the user's scrollback, whatever Ink decides:
//  - Ink's "fullscreen" fallback (a frame at least as tall as the terminal → clear screen + scrollback and
//    repaint) is never taken: Ink is told the terminal is very tall. Our row budget keeps the frame below the
//    real height, so Ink's ordinary erase-and-redraw always applies; on a shrink, before the app has re-laid
//    out for the new size, Ink would otherwise compare the old frame with the new height and clear everything.
//  - As a backstop, `ESC[3J` (erase scrollback) is removed from every write and counted (render stats).
// The real height stays readable for our own layout through `screenRows`.

const ERASE_SCROLLBACK = "\u001b[3J";
/** What Ink is told the terminal height is: never reached by a budgeted frame. */
const INK_ROWS = 10_000;
const SCREEN_ROWS = Symbol.for("protoagent.screenRows");

/** The real terminal height of a stream, also through the guard (undefined when unknown). */
export function screenRows(out: NodeJS.WriteStream): number | undefined {
  const own = (out as unknown as Record<symbol, number | undefined>)[SCREEN_ROWS];
  return own ?? out.rows;
}

/** Wraps `out` for Ink; `onStrip` is called once per write that carried an erase-scrollback sequence. */
export function guardStdout(out: NodeJS.WriteStream, onStrip?: () => void): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    let data = chunk;
    if (typeof data === "string" && data.includes(ERASE_SCROLLBACK)) {
      data = data.split(ERASE_SCROLLBACK).join("");
      onStrip?.();
    }
    return (out.write as (...a: unknown[]) => boolean)(data, ...rest);
  };
  return new Proxy(out, {
    get(target, prop) {
      if (prop === "write") return write;
      if (prop === "rows") return target.isTTY ? INK_ROWS : target.rows;
      if (prop === SCREEN_ROWS) return target.rows;
      const v = Reflect.get(target, prop, target);
      // Methods run on the real stream (EventEmitter state, the fd) rather than on the proxy.
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
