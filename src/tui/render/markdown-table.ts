// Renders a GFM table to box-drawn lines that fit the terminal width: columns get their natural width when it
// fits, otherwise the widest columns shrink and their cells wrap inside the column. Alignment follows the table.
import type { Token, Tokens } from "marked";
import { type Painter, padTo, visibleWidth } from "./ansi.js";
import { wrapAnsi } from "./wrap.js";

type Align = "left" | "right" | "center";

/** Shrinks the widest columns until the row (plus separators) fits `avail`. */
function fitWidths(natural: number[], avail: number): number[] {
  const w = [...natural];
  let total = w.reduce((a, b) => a + b, 0);
  while (total > avail) {
    let idx = 0;
    for (let i = 1; i < w.length; i++) if ((w[i] ?? 0) > (w[idx] ?? 0)) idx = i;
    if ((w[idx] ?? 0) <= 3) break;
    w[idx] = (w[idx] ?? 0) - 1;
    total--;
  }
  return w;
}

export function renderTable(
  t: Tokens.Table,
  width: number,
  p: Painter,
  inline: (tokens: Token[]) => string,
): string[] {
  const header = t.header.map((c) => inline(c.tokens));
  const rows = t.rows.map((r) => r.map((c) => inline(c.tokens)));
  const cols = header.length;
  const natural = Array.from({ length: cols }, (_, i) =>
    Math.max(1, visibleWidth(header[i] ?? ""), ...rows.map((r) => visibleWidth(r[i] ?? ""))),
  );
  // Each column costs its width plus " │ " separators: 3 per gap and 2 for the outer padding.
  const widths = fitWidths(natural, Math.max(cols * 3, width - (cols - 1) * 3 - 2));
  const aligns: Align[] = t.align.map((a) => a ?? "left");
  const sep = p.paint("│", "gray");
  const line = (cells: string[], bold: boolean): string[] => {
    const wrapped = cells.map((c, i) => wrapAnsi(c, widths[i] ?? 1));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let r = 0; r < height; r++) {
      const parts = wrapped.map((w, i) => {
        const text = w[r] ?? "";
        return padTo(bold ? p.paint(text, "bold") : text, widths[i] ?? 1, aligns[i] ?? "left");
      });
      out.push(` ${parts.join(` ${sep} `)}`.trimEnd());
    }
    return out;
  };
  const rule = p.paint(`─${widths.map((w) => "─".repeat(w)).join("─┼─")}─`, "gray");
  return [...line(header, true), rule, ...rows.flatMap((r) => line(r, false))];
}
