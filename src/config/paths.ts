// Where protoagent keeps user config and data (XDG base directories), and the private-permission helpers
// every writer uses (directories 0700, from utils/private-dir.ts; files 0600).
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

export { ensurePrivateDir } from "../utils/private-dir.js";
