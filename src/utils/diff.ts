// Real (LCS / Myers) unified diffs for write_file and edit_file via jsdiff. Diffs are computed on the logical
// text (LF, no BOM) so a CRLF file does not show every line as changed. A time cap keeps pathological inputs
// from stalling the session; past it the diff degrades to "everything replaced", still exact in its counts.
import { FILE_HEADERS_ONLY, formatPatch, type StructuredPatch, structuredPatch } from "diff";

export interface FileDiff {
  /** Unified diff with ---/+++ headers; empty when nothing changed. */
  diff: string;
  added: number;
  removed: number;
}

const DIFF_TIMEOUT_MS = 1500;

function wholeReplacement(name: string, before: string, after: string, created: boolean): StructuredPatch {
  const split = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
  const oldLines = split(before);
  const newLines = split(after);
  return {
    oldFileName: created ? "/dev/null" : `a/${name}`,
    newFileName: `b/${name}`,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [
      {
        oldStart: oldLines.length ? 1 : 0,
        oldLines: oldLines.length,
        newStart: newLines.length ? 1 : 0,
        newLines: newLines.length,
        lines: [...oldLines.map((l) => `-${l}`), ...newLines.map((l) => `+${l}`)],
      },
    ],
  };
}

/** Diff of `before` → `after` for the file shown as `name` (workspace-relative, forward slashes). */
export function unifiedDiff(name: string, before: string, after: string, created = false): FileDiff {
  if (before === after) return { diff: "", added: 0, removed: 0 };
  const oldName = created ? "/dev/null" : `a/${name}`;
  const patch =
    structuredPatch(oldName, `b/${name}`, before, after, undefined, undefined, {
      context: 3,
      timeout: DIFF_TIMEOUT_MS,
    }) ?? wholeReplacement(name, before, after, created);
  let added = 0;
  let removed = 0;
  for (const hunk of patch.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith("+")) added++;
      else if (line.startsWith("-")) removed++;
    }
  }
  return { diff: formatPatch(patch, FILE_HEADERS_ONLY), added, removed };
}

/** Caps a diff for the model's copy of a result (the UI and the approval prompt always get the full diff). */
export function capDiff(diff: string, maxLines: number): string {
  const lines = diff.split("\n");
  if (lines.length <= maxLines) return diff;
  return `${lines.slice(0, maxLines).join("\n")}\n… (${lines.length - maxLines} more diff lines not shown)`;
}
