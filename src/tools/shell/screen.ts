// Character screening done before parsing: characters that bash treats differently from how a reviewer (or a
// naive validator) reads them. Any hit means "ask", never "auto". Pure.

export const MAX_AUTO_LENGTH = 10_000;

// C0 controls except tab and newline, DEL, C1 controls, NBSP and other Unicode spaces, soft hyphen, combining
// grapheme joiner, Hangul fillers, zero-width and bidi controls, line/paragraph separators, word joiners,
// variation selectors, BOM, interlinear annotations and tag characters.
const SUSPICIOUS =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u00A0\u00AD\u061C\u115F\u1160\u1680\u17B4\u17B5\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]|\u034F|\uFE00|\uFE01|\uFE02|\uFE03|\uFE04|\uFE05|\uFE06|\uFE07|\uFE08|\uFE09|\uFE0A|\uFE0B|\uFE0C|\uFE0D|\uFE0E|\uFE0F|\uDB40[\uDC00-\uDC7F]/;

function describe(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Returns a reason when the command contains characters that must not be auto-run, else null. */
export function screenCharacters(command: string): string | null {
  const hit = SUSPICIOUS.exec(command);
  if (hit) {
    return `The command contains an invisible or control character (${describe(hit[0])}); review it before it runs.`;
  }
  if (command.length > MAX_AUTO_LENGTH) {
    return `The command is ${command.length} characters long (over ${MAX_AUTO_LENGTH}); long commands are never auto-run.`;
  }
  return null;
}

/** Renders control and invisible characters as visible escapes (for approval prompts and reasons). */
export function visibleEscapes(text: string): string {
  return text.replace(new RegExp(SUSPICIOUS.source, "g"), (ch) =>
    ch === "\t" ? ch : `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`,
  );
}
