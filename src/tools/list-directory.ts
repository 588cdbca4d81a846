// list_directory: one folder, sorted (folders first, then by name), with sizes, child counts and symlink
// targets. Hides `.git` and entries ignored by .gitignore (root and nested files, ripgrep's rules), but says
// how many were hidden; capped at LIST_MAX_ENTRIES with a count of what was left out.
import type { Dirent } from "node:fs";
import { lstat, readdir, readlink, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { formatSize } from "../utils/binary.js";
import { GitignoreCache, matchLayers } from "../utils/gitignore.js";
import { didYouMean } from "../utils/path-suggestions.js";
import { resolveToolPath, rootsOf } from "../utils/workspace-path.js";
import { pathFacts } from "./describe.js";
import { defineTool } from "./tool.js";

export const LIST_MAX_ENTRIES = 500;

export const LIST_DIRECTORY_DESCRIPTION = `List one folder, not recursively: subfolders with their entry counts, then files with sizes. .git and .gitignored entries are hidden (the footer counts them); at most ${LIST_MAX_ENTRIES} entries. To find text in files use search_files.`;

const parameters = z.object({
  directory_path: z.string().optional().describe("Relative to the workspace root (default: the root)."),
});

interface Entry {
  name: string;
  kind: "dir" | "file" | "link" | "other";
  line: string;
}

async function describe(dir: string, e: Dirent): Promise<Entry> {
  const full = path.join(dir, e.name);
  if (e.isSymbolicLink()) {
    const to = await readlink(full).catch(() => "?");
    const target = await stat(full).catch(() => undefined);
    const what = target ? (target.isDirectory() ? "folder" : formatSize(target.size)) : "dangling";
    return { name: e.name, kind: "link", line: `${e.name} -> ${to}  (symlink, ${what})` };
  }
  if (e.isDirectory()) {
    const count = await readdir(full).then(
      (l) => `${l.length} ${l.length === 1 ? "entry" : "entries"}`,
      () => "unreadable",
    );
    return { name: e.name, kind: "dir", line: `${e.name}/  (${count})` };
  }
  if (e.isFile()) {
    const size = await lstat(full).then(
      (s) => formatSize(s.size),
      () => "?",
    );
    return { name: e.name, kind: "file", line: `${e.name}  ${size}` };
  }
  return { name: e.name, kind: "other", line: `${e.name}  (special file)` };
}

const order = (a: Pick<Entry, "name" | "kind">, b: Pick<Entry, "name" | "kind">) => {
  const rank = (e: Pick<Entry, "kind">) => (e.kind === "dir" ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const la = a.name.toLowerCase();
  const lb = b.name.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

export const listDirectoryTool = defineTool({
  name: "list_directory",
  description: LIST_DIRECTORY_DESCRIPTION,
  parameters,
  readOnly: true,
  ruleSpecifier: "path",
  describe: (args, env) => {
    const dir = args.directory_path?.trim() || ".";
    return {
      title: `List ${dir}`,
      kind: "search",
      ...(args.directory_path?.trim() ? { subject: dir } : {}),
      ...pathFacts(env, dir),
    };
  },
  async execute(args, ctx) {
    const input = args.directory_path?.trim() || ".";
    const { abs, rel } = resolveToolPath(input, rootsOf(ctx), false);
    const st = await stat(abs).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") {
        throw new Error(`Folder not found: ${rel}.${await didYouMean(abs, ctx.cwd)}`);
      }
      throw new Error(`Cannot list ${rel}: ${err.message}`);
    });
    if (!st.isDirectory()) throw new Error(`${rel} is a file, not a folder. Use read_file to read it.`);
    const dirents = await readdir(abs, { withFileTypes: true });
    const layers = await new GitignoreCache().layersFor(abs);
    const ignored: string[] = [];
    const visible: Dirent[] = [];
    for (const e of dirents) {
      if (e.name === ".git") continue;
      const verdict = layers.length
        ? matchLayers(layers, path.join(abs, e.name), e.isDirectory())
        : undefined;
      if (verdict === "ignore") ignored.push(e.isDirectory() ? `${e.name}/` : e.name);
      else visible.push(e);
    }
    // Sort and cut on the directory entries first: a folder with 100k files costs 500 lstats, not 100k.
    const ranked = visible
      .map((e) => ({ name: e.name, kind: e.isDirectory() ? "dir" : "file", dirent: e }) as const)
      .sort(order);
    const shownDirents = ranked.slice(0, LIST_MAX_ENTRIES).map((r) => r.dirent);
    const shown = await Promise.all(shownDirents.map((e) => describe(abs, e)));
    const total = ranked.length;
    const omitted = total - shown.length;
    const dirs = ranked.filter((e) => e.kind === "dir").length;
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const header =
      `${rel === "." ? "Workspace root" : rel} (${plural(total, "entry", "entries")}: ` +
      `${plural(dirs, "folder", "folders")}, ${plural(total - dirs, "file or link", "files or links")})`;
    const lines = [header, ...shown.map((e) => e.line)];
    if (total === 0) lines.push("(empty)");
    if (omitted > 0)
      lines.push(`… ${omitted} more entries not shown (listing capped at ${LIST_MAX_ENTRIES}).`);
    if (ignored.length) {
      ignored.sort();
      const names = ignored.slice(0, 8).join(", ");
      lines.push(`(${ignored.length} hidden by .gitignore: ${names}${ignored.length > 8 ? ", …" : ""})`);
    }
    return {
      content: lines.join("\n"),
      summary: `${total} ${total === 1 ? "entry" : "entries"}${omitted ? `, ${omitted} not shown` : ""}`,
      details: { kind: "list", path: rel, entries: shown.length, omitted },
    };
  },
});
