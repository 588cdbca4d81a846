// Loads the peer edit cases (tests/fixtures/edits/*.json) and judges applyEdit against each peer's expectation.
// Shared by the agreement test and bench/edit-agreement.bench.mjs, so the figure reported is the one tested.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyEdit } from "../../src/tools/edit-match.js";

export interface PeerCase {
  id: string;
  content: string;
  old: string;
  new: string;
  all?: boolean;
  note?: string;
  /** Why we deliberately differ from the peer here (we refuse where it guesses, or require uniqueness). */
  byDesign?: string;
  peer: { ok: true; out?: string; contains?: string } | { ok: false };
}

export interface Verdict {
  source: string;
  id: string;
  agrees: boolean;
  byDesign?: string;
  ours: string;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/edits");

export function loadPeerCases(): { source: string; cases: PeerCase[] }[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(DIR, f), "utf8")) as { source: string; cases: PeerCase[] });
}

export function judge(source: string, c: PeerCase): Verdict {
  const r = applyEdit(c.content, c.old, c.new, { replaceAll: c.all });
  const ours = r.ok ? `applied (${r.strategy})` : `refused (${r.reason})`;
  let agrees: boolean;
  if (!c.peer.ok) agrees = !r.ok;
  else if (!r.ok) agrees = false;
  else if (c.peer.out !== undefined) agrees = r.content === c.peer.out;
  else agrees = r.content.includes(c.peer.contains ?? "");
  return { source, id: c.id, agrees, byDesign: c.byDesign, ours };
}

export function judgeAll(): Verdict[] {
  return loadPeerCases().flatMap(({ source, cases }) => cases.map((c) => judge(source, c)));
}
