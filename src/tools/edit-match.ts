// The pure edit core: refuses omission placeholders in new_string, runs the matcher cascade (exact → line-trimmed
// → look-alike → escape-normalised) over a file's logical text and applies the replacement.
// Invariant: the first strategy that finds anything decides; a looser one never picks a location after a
// stricter one found several (that is reported as ambiguity). No IO; table-tested.
import { describeClosest } from "./edit/diagnose.js";
import { findPlaceholder } from "./edit/placeholders.js";
import { CASCADE, type Found, type MatchStrategy } from "./edit/strategies.js";

export type { MatchStrategy } from "./edit/strategies.js";
export { reindent, shiftIndent } from "./edit/strategies.js";

export interface EditOptions {
  expectedReplacements?: number;
  replaceAll?: boolean;
  /** How to name the file in messages. */
  fileLabel?: string;
}

export type EditResult =
  | { ok: true; content: string; strategy: MatchStrategy; replacements: number; lines: number[] }
  | { ok: false; reason: "invalid" | "not-found" | "ambiguous" | "count-mismatch"; message: string };

function lineOf(content: string, offset: number): number {
  let n = 1;
  for (let i = content.indexOf("\n"); i !== -1 && i < offset; i = content.indexOf("\n", i + 1)) n++;
  return n;
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, 10).join(", ");
  return lines.length > 10 ? `${shown}, …` : shown;
}

/** Applies one edit to `content` (LF line endings, no BOM). */
export function applyEdit(
  content: string,
  oldString: string,
  newString: string,
  opts: EditOptions = {},
): EditResult {
  const file = opts.fileLabel ?? "the file";
  if (oldString === "") {
    return {
      ok: false,
      reason: "invalid",
      message:
        "old_string is empty. To create or replace a whole file use write_file; to insert text, put a neighbouring " +
        "line in old_string and repeat it in new_string together with the new text.",
    };
  }
  if (oldString === newString) {
    return {
      ok: false,
      reason: "invalid",
      message: "old_string and new_string are identical; there is nothing to change.",
    };
  }
  const placeholder = findPlaceholder(content, newString);
  if (placeholder) {
    return {
      ok: false,
      reason: "invalid",
      message:
        `new_string line ${placeholder.line} is a placeholder, not code: ${JSON.stringify(placeholder.text)}. ` +
        "edit_file writes new_string literally, so it would replace the real code with that line. Send the full " +
        "text of everything old_string covers, or narrow old_string to just the lines that change.",
    };
  }
  const expected = opts.expectedReplacements;
  for (const [strategy, find] of CASCADE) {
    const found: Found[] = find(content, oldString, newString);
    if (found.length === 0) continue;
    const lines = found.map((f) => lineOf(content, f.start));
    const via = strategy === "exact" ? "" : ` (via ${strategy} matching)`;
    if (expected !== undefined && found.length !== expected) {
      return {
        ok: false,
        reason: "count-mismatch",
        message:
          `Expected ${expected} replacement${expected === 1 ? "" : "s"} but found ${found.length} match` +
          `${found.length === 1 ? "" : "es"} of old_string in ${file}${via}, at line${lines.length === 1 ? "" : "s"} ` +
          `${listLines(lines)}. Set expected_replacements to ${found.length} if all of them should change, or add ` +
          "surrounding lines to old_string to select exactly the ones you mean.",
      };
    }
    if (expected === undefined && !opts.replaceAll && found.length > 1) {
      return {
        ok: false,
        reason: "ambiguous",
        message:
          `Found ${found.length} matches of old_string in ${file}${via}, at lines ${listLines(lines)}. An edit must ` +
          "select one place: include more surrounding lines in old_string to make it unique, or set replace_all: true " +
          `(or expected_replacements: ${found.length}) to change every occurrence.`,
      };
    }
    let out = "";
    let pos = 0;
    for (const f of found) {
      out += content.slice(pos, f.start) + f.replacement;
      pos = f.end;
    }
    out += content.slice(pos);
    return { ok: true, content: out, strategy, replacements: found.length, lines };
  }
  return {
    ok: false,
    reason: "not-found",
    message:
      `old_string was not found in ${file} (tried exact, line-trimmed, look-alike and escape-normalised matching).` +
      `${describeClosest(content, oldString)}\n` +
      "Re-read that part of the file with read_file and copy the text exactly, including indentation; do not guess.",
  };
}
