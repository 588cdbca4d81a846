// Omission placeholders: a line such as `// ... existing code ...` or `(rest of methods ...)` in new_string means
// the model abbreviated code it meant to keep. edit_file writes new_string literally, so such a line would
// replace real code; it is refused instead. Only whole lines count (a comment after code or a string literal that
// mentions "rest of" is ordinary text), and a line the file already contains is not new, so it is allowed.

const COMMENT_OPEN = /^(?:\/\/+|#+|--|\/\*+|<!--|\{\/\*+|\*|;+|%+)\s*/;
const COMMENT_CLOSE = /\s*(?:\*+\/\}?|-->)$/;
const ELLIPSIS = /\.{3,}|\u2026/;
/** Words that introduce an omission: "rest of methods", "existing code", "unchanged", "remaining tests". */
const OMISSION =
  /^(?:the\s+)?(?:rest|remainder|remaining|existing|unchanged|other|previous|same|original|more|omitted|keep)\b[\w\s,'-]{0,60}$/i;

/** The placeholder phrase of `line`, or undefined when the line is code or prose. */
export function placeholderOf(line: string): string | undefined {
  let s = line.trim();
  const commented = COMMENT_OPEN.test(s);
  s = s.replace(COMMENT_OPEN, "").replace(COMMENT_CLOSE, "");
  const wrapped = /^[([{].*[)\]}]$/.test(s);
  if (wrapped) s = s.slice(1, -1).trim();
  if (!ELLIPSIS.test(s)) return undefined;
  const words = s.replace(new RegExp(ELLIPSIS.source, "g"), " ").replace(/\s+/g, " ").trim();
  // A bare "..." is valid code (a Python body, a spread); as a whole comment or wrapped it is an omission.
  if (words === "") return commented || wrapped ? line.trim() : undefined;
  return OMISSION.test(words) ? line.trim() : undefined;
}

/** The first placeholder line of new_string that the file does not already contain, with its 1-based line. */
export function findPlaceholder(content: string, newStr: string): { line: number; text: string } | undefined {
  const lines = newStr.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = placeholderOf(lines[i]!);
    if (text !== undefined && !content.includes(text)) return { line: i + 1, text };
  }
  return undefined;
}
