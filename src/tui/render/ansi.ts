// Minimal ANSI styling and width helpers for text the TUI builds as strings (Markdown, diffs, tables).
// Every style goes through a Painter created from the environment, so NO_COLOR / non-colour terminals get
// plain text from one switch; nothing here keeps module state.

const ANSI_RE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Removes SGR/CSI/OSC sequences. */
export function stripAnsi(s: string): string {
  return s.replace(ANSI_RE, "");
}

// East Asian wide and emoji ranges occupy two cells; combining marks and zero-width chars occupy none.
const WIDE_RE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;
// Combining marks, zero-width characters and variation selectors (as alternatives: a class would be misread).
const ZERO_RE =
  /^(?:[\u0300-\u036f]|[\u200b-\u200f]|[\u2060-\u2064]|[\ufe00-\ufe0f]|[\u{e0100}-\u{e01ef}])$/u;

/** Terminal cell width of a string, ignoring ANSI sequences. */
export function visibleWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) {
    if (ZERO_RE.test(ch)) continue;
    w += WIDE_RE.test(ch) ? 2 : 1;
  }
  return w;
}

export type Style =
  | "bold"
  | "dim"
  | "italic"
  | "underline"
  | "strike"
  | "inverse"
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "magenta"
  | "cyan"
  | "gray";

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  strike: [9, 29],
  inverse: [7, 27],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  gray: [90, 39],
};

/** Applies styles to strings; a colourless painter keeps bold/underline off too, so output is plain. */
export interface Painter {
  readonly color: boolean;
  paint(text: string, ...styles: Style[]): string;
}

export function createPainter(color: boolean): Painter {
  return {
    color,
    paint(text, ...styles) {
      if (!color || styles.length === 0 || text === "") return text;
      let open = "";
      let close = "";
      for (const s of styles) {
        const [a, b] = CODES[s];
        open += `\u001b[${a}m`;
        close = `\u001b[${b}m${close}`;
      }
      // Re-open after inner resets so nested styles (a bold word inside a dim line) do not end the outer one.
      const inner = text.replace(/\u001b\[(22|23|24|29|27|39)m/g, (m) => `${m}${open}`);
      return `${open}${inner}${close}`;
    },
  };
}

/** Colour is on unless NO_COLOR is set (any non-empty value) or the output is not a colour terminal. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.TERM === "dumb") return false;
  return isTTY;
}

/** Pads a (possibly styled) string with spaces to a cell width. */
export function padTo(s: string, width: number, align: "left" | "right" | "center" = "left"): string {
  const gap = Math.max(0, width - visibleWidth(s));
  if (align === "right") return " ".repeat(gap) + s;
  if (align === "center") return " ".repeat(Math.floor(gap / 2)) + s + " ".repeat(Math.ceil(gap / 2));
  return s + " ".repeat(gap);
}

/** Word-wraps plain text (no ANSI) to a width; long words are hard-split. */
export function wrapPlain(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/(\s+)/)) {
      if (word === "") continue;
      if (visibleWidth(line) + visibleWidth(word) <= w) {
        line += word;
        continue;
      }
      if (line.trim() !== "") out.push(line.trimEnd());
      line = /^\s+$/.test(word) ? "" : word;
      while (visibleWidth(line) > w) {
        out.push(line.slice(0, w));
        line = line.slice(w);
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** One row: text wider than `width` cells is cut with an ellipsis (widths summed once, not re-measured per char). */
export function clipToWidth(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = visibleWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}
