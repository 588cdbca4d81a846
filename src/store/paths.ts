// Where session logs live and which names are session ids. Ids are validated before any path is built, so a
// user-supplied id or prefix can never name a file outside the sessions directory (no "/", "..", NUL).
import os from "node:os";
import path from "node:path";

export type Env = Record<string, string | undefined>;

/** `$XDG_DATA_HOME/protoagent/sessions`, defaulting to `~/.local/share/protoagent/sessions`. */
export function sessionsDir(env: Env = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), ".local", "share");
  return path.join(base, "protoagent", "sessions");
}

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A prefix is at least 4 characters of an id: enough to be typed, short of matching everything. */
const PREFIX = /^[0-9a-f][0-9a-f-]{3,35}$/;
const FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/;

export const isFullId = (id: string): boolean => FULL_ID.test(id);
export const isIdPrefix = (id: string): boolean => PREFIX.test(id);

/** The id a directory entry belongs to, or undefined for lock files, temp files and strangers. */
export function idFromFileName(name: string): string | undefined {
  return FILE.exec(name)?.[1];
}

export const sessionFile = (dir: string, id: string): string => path.join(dir, `${id}.jsonl`);
export const lockFile = (dir: string, id: string): string => path.join(dir, `${id}.jsonl.lock`);
