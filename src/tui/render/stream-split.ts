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

/**
 * Cuts `stable` (complete blocks only, as splitStable returns) into pieces of about `max` characters, each ending at
 * a block boundary (a single block longer than `max` stays whole). A burst of streamed text then becomes several
 * transcript items, which the Transcript prints a slice at a time instead of rendering it all in one frame.
 */
export function splitBlocks(stable: string, max: number): string[] {
  const out: string[] = [];
  let rest = stable;
  while (rest.length > max) {
    let head = splitStable(rest.slice(0, max)).stable;
    // The first block alone is longer than `max`: take it whole (the next boundary after `max`).
    if (head === "") head = firstBlocksPast(rest, max);
    out.push(head);
    rest = rest.slice(head.length);
  }
  if (rest) out.push(rest);
  return out;
}

/** The shortest prefix of `text` longer than `max` that ends at a block boundary (else all of it). */
function firstBlocksPast(text: string, max: number): string {
  for (let end = text.indexOf("\n", max); end !== -1; end = text.indexOf("\n", end + 1)) {
    const head = splitStable(text.slice(0, end + 1)).stable;
    if (head.length > max) return head;
  }
  return text;
}
