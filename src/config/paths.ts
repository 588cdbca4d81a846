// Where protoagent keeps user config and data (XDG base directories), and the private-permission helpers
// every writer uses: directories 0700, files 0600.
import { chmodSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export type Env = Record<string, string | undefined>;

export function userConfigDir(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  return path.join(base, "protoagent");
}

export function dataDir(env: Env = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), ".local", "share");
  return path.join(base, "protoagent");
}

export const userConfigPath = (env: Env = process.env): string =>
  path.join(userConfigDir(env), "protoagent.jsonc");

export const projectConfigPath = (cwd: string): string => path.join(cwd, ".protoagent", "protoagent.jsonc");

/** Creates `dir` (and parents) with mode 0700, tightening it if it already existed. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (shared mount); the files inside are still 0600.
  }
  return dir;
}
