// Splits streaming assistant text into completed Markdown blocks and the still-growing tail. Completed blocks
// end at a blank line outside any code fence (or right after a closing fence), so rendering them alone gives
// the same output as rendering the whole answer; the tail is shown as plain text until it completes.

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;

/** Returns the longest prefix of `text` made only of complete blocks, and the rest. */
export function splitStable(text: string): { stable: string; tail: string } {
  let fence: string | null = null;
  let boundary = 0;
  let pos = 0;
  let prevBlank = true;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    if (nl === -1) break; // the last line is incomplete: never part of a stable block
    const line = text.slice(pos, nl);
    const m = FENCE_RE.exec(line);
    if (fence === null) {
      if (m?.[1]) {
        fence = m[1];
      } else if (line.trim() === "") {
        if (!prevBlank) boundary = nl + 1;
        prevBlank = true;
        pos = nl + 1;
        continue;
      }
    } else if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) {
      fence = null;
      boundary = nl + 1;
      prevBlank = true;
      pos = nl + 1;
      continue;
    }
    prevBlank = false;
    pos = nl + 1;
  }
  return { stable: text.slice(0, boundary), tail: text.slice(boundary) };
}
