// The one filter (for the core and every front-end) between untrusted text (model answers and reasoning, tool output and subjects, MCP text, file
// names, error messages) and the terminal. Escape sequences are removed whole — CSI (7-bit and C1), OSC (titles,
// OSC 52 clipboard, OSC 8 links), DCS/SOS/PM/APC strings and other ESC sequences — then any control character left
// (C0 except \n and \t, DEL, C1 U+0080–U+009F, bare ESC, CR) is dropped. The text around them is kept. Our own
// styling is added by the painter after this runs, so only SGR codes we made reach the screen.

// String sequences (OSC, DCS, SOS, PM, APC) up to their terminator (BEL, ESC \ or ST); CSI with its parameters;
// ESC + intermediates + final (charset switches such as ESC ( B). A bare ESC (ESC c, ESC 7 …) is dropped below and
// the character after it stays as text; an unterminated string loses only its introducer, its payload stays.
const SEQUENCE_RE =
  /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b[ -/]+[0-~]/g;
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const UNSAFE_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Removes escape sequences and control characters (except newline and tab) from untrusted text. */
export function sanitizeForTerminal(text: string): string {
  if (!UNSAFE_RE.test(text)) return text;
  return text.replace(/\r\n/g, "\n").replace(SEQUENCE_RE, "").replace(CONTROL_RE, "");
}

/** Zero-width and bidirectional formatting characters: they can hide or reorder text the user reads. */
const INVISIBLE_RE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Untrusted text the user reads as instructions or decides on (server descriptions, hook commands, notices):
 * escape sequences and control characters removed whole, as above, and invisible formatting characters too.
 */
export function cleanText(text: string): string {
  return sanitizeForTerminal(text).replace(INVISIBLE_RE, "");
}
