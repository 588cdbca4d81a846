// Line-ending and BOM handling for the file tools: files are edited in a "logical" form (no BOM, LF only) and
// written back in their original physical shape, so a CRLF file stays CRLF and a BOM survives every edit.
// Files that mix CRLF and LF are left raw (shape "mixed") so no line the model did not touch changes.

export interface TextShape {
  bom: boolean;
  eol: "\n" | "\r\n" | "mixed";
}

const BOM = "\uFEFF";

/** Detects the BOM and the line-ending style; files without any newline count as LF. */
export function detectShape(text: string): TextShape {
  const bom = text.startsWith(BOM);
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  const eol = crlf > 0 && lf > 0 ? "mixed" : crlf > 0 ? "\r\n" : "\n";
  return { bom, eol };
}

/** Strips the BOM and converts CRLF to LF (unless the file mixes both styles). */
export function toLogical(text: string, shape: TextShape): string {
  const body = shape.bom ? text.slice(1) : text;
  return shape.eol === "\r\n" ? body.replace(/\r\n/g, "\n") : body;
}

/** Inverse of toLogical: restores CRLF and the BOM. LF-only input is assumed (CRLF in it is normalised first). */
export function fromLogical(body: string, shape: TextShape): string {
  let out = body;
  if (shape.eol === "\r\n") out = out.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n");
  if (shape.bom && !out.startsWith(BOM)) out = BOM + out;
  return out;
}

/** CRLF → LF, for text the model sends (it usually sends LF; a CRLF file is matched in logical form). */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

/** Number of lines as a user counts them: a trailing newline does not start a new line. */
export function countLines(text: string): number {
  if (text === "") return 0;
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return text.endsWith("\n") ? n - 1 : n;
}
