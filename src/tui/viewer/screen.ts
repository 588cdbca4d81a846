// Terminal plumbing for the transcript viewer: the alternate-screen switches, a clock that says when Ink has
// rendered a frame. (The guard that keeps Ink from ever erasing the scrollback is render/terminal-out.ts.)
//
// Why the switches go through Ink's write() (see ARCHITECTURE.md, "Transcript viewer"): Ink redraws its live
// frame by erasing as many lines as it drew last time. write(data) erases the frame, writes data, then redraws
// the last frame. So ENTER erases the live frame on the main screen, switches (the terminal saves the cursor at
// the frame's top) and redraws it on the alternate screen, where the viewer's first frame replaces it. EXIT must
// run only once Ink has rendered the prompt again (its last frame is then the prompt, not the viewer): it erases
// that frame on the alternate screen, switches back (the cursor returns to where the frame was) and redraws it
// there. The main screen and its scrollback are never touched in between.

/** Switch to the alternate screen (saving the cursor) and home the cursor there. */
export const ENTER_ALT = "\u001b[?1049h\u001b[H";
/** Back to the main screen, cursor restored. */
export const EXIT_ALT = "\u001b[?1049l";

/** Ticks once per Ink render (Ink's `onRender` option); `next` runs a callback after the next one. */
export interface FrameClock {
  tick(): void;
  next(fn: () => void): void;
}

export function createFrameClock(): FrameClock {
  let waiting: Array<() => void> = [];
  return {
    tick() {
      if (waiting.length === 0) return;
      const run = waiting;
      waiting = [];
      // Ink calls onRender before it records the frame as its last one; run once that is done.
      queueMicrotask(() => {
        for (const fn of run) fn();
      });
    },
    next(fn) {
      waiting.push(fn);
    },
  };
}
