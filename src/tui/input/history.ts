// Prompt history persisted per project: one JSON string per line in <data dir>/history/<hash of cwd>.jsonl,
// newest last, trimmed to a bounded size on load. Writes append (cheap, crash-safe); nothing is kept in
// module state — the store object belongs to the app instance.
import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { dataDir } from "../../runtime/index.js";

const MAX_ENTRIES = 500;

/** <data dir>/history/<first 16 hex of sha256(cwd)>.jsonl */
export function historyFile(env: Record<string, string | undefined>, cwd: string): string {
  const hash = createHash("sha256").update(cwd).digest("hex").slice(0, 16);
  return join(dataDir(env), "history", `${hash}.jsonl`);
}

export interface HistoryStore {
  entries(): readonly string[];
  add(text: string): Promise<void>;
}

export async function openHistory(file: string): Promise<HistoryStore> {
  let list: string[] = [];
  try {
    const raw = await readFile(file, "utf8");
    for (const line of raw.split("\n")) {
      if (!line) continue;
      try {
        const v = JSON.parse(line) as unknown;
        if (typeof v === "string") list.push(v);
      } catch {
        // A torn last line after a crash is skipped, not fatal.
      }
    }
    if (list.length > MAX_ENTRIES) {
      list = list.slice(-MAX_ENTRIES);
      await writeFile(file, `${list.map((e) => JSON.stringify(e)).join("\n")}\n`, { mode: 0o600 });
    }
  } catch {
    list = [];
  }
  return {
    entries: () => list,
    async add(text) {
      if (text.trim() === "" || list[list.length - 1] === text) return;
      list = [...list, text].slice(-MAX_ENTRIES);
      try {
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        await appendFile(file, `${JSON.stringify(text)}\n`, { mode: 0o600 });
      } catch {
        // History is a convenience: a read-only data dir must not break the prompt.
      }
    },
  };
}

/** Navigation cursor over history entries; index === entries.length means "the draft". */
export interface HistoryCursor {
  index: number;
  draft: string;
}

export function historyStep(
  entries: readonly string[],
  cur: HistoryCursor,
  current: string,
  dir: -1 | 1,
): { cursor: HistoryCursor; text: string } | null {
  const index = cur.index + dir;
  if (index < 0 || index > entries.length) return null;
  const draft = cur.index === entries.length ? current : cur.draft;
  return { cursor: { index, draft }, text: index === entries.length ? draft : (entries[index] ?? "") };
}
