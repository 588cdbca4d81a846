// Makes control and invisible characters visible, so an approval prompt shows exactly what would run:
// ESC, BEL, NUL, zero-width spaces, bidi overrides and non-breaking spaces become ⟨…⟩ markers; tabs and
// newlines stay (they are meaningful in commands and diffs) and CR is marked.

const NAMES: Record<number, string> = {
  0: "NUL",
  7: "BEL",
  8: "BS",
  13: "CR",
  27: "ESC",
  127: "DEL",
  160: "NBSP",
  173: "SHY",
  8203: "ZWSP",
  8204: "ZWNJ",
  8205: "ZWJ",
  8232: "LSEP",
  8233: "PSEP",
  8288: "WJ",
  65279: "BOM",
};

const INVISIBLE_RE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00a0\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Replaces invisible characters with visible markers; returns the text and how many were replaced. */
export function makeVisible(text: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(INVISIBLE_RE, (ch) => {
    count++;
    const cp = ch.codePointAt(0) ?? 0;
    return `⟨${NAMES[cp] ?? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`}⟩`;
  });
  return { text: out, count };
}
