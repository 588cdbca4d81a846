// What the sandbox hides: the user's credential folders and files under HOME, protoagent's own config and
// data folders, and credential-named files in the workspace (.env, .env.local, *.pem, …). Only paths that
// exist are returned (bwrap needs an existing target). Reads the file system; no module state.
import { type Dirent, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir, type Env, userConfigDir } from "../config/paths.js";
import { isCredentialFile } from "../utils/credential-files.js";

// biome-ignore format: a compact table is easier to review
export const HOME_SECRET_DIRS = [
  ".ssh", ".aws", ".gnupg", ".config/gcloud", ".azure", ".kube", ".docker", ".config/gh", ".config/hub",
  ".password-store", ".vault-token", ".terraform.d", ".config/op", ".1password", ".local/share/keyrings",
  ".cargo/credentials", ".config/protoagent", ".local/share/protoagent",
];
// biome-ignore format: a compact table is easier to review
export const HOME_SECRET_FILES = [
  ".netrc", ".git-credentials", ".npmrc", ".pypirc", ".pgpass", ".my.cnf", ".yarnrc.yml", ".gem/credentials",
  ".cargo/credentials.toml", ".config/git/credentials", ".docker/config.json", ".vault-token",
];

/** Credential-named files (the same names read_file and searches treat as credentials): masked in the workspace. */
export const isSecretFileName = (name: string): boolean => isCredentialFile(name);

/** Folders the workspace scan never enters (large, generated, or protected separately). */
const SKIP_DIRS = new Set([
  ".git",
  "node_modules",
  ".venv",
  "venv",
  "target",
  "dist",
  "build",
  ".next",
  ".cache",
]);
const MAX_DEPTH = 3;
const MAX_DIRS = 2000;

/** What a mask must cover at `p`, following symlinks (bwrap mounts onto the target); undefined when missing. */
export function kindOf(p: string): "dir" | "file" | undefined {
  try {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return undefined;
    return st.isDirectory() ? "dir" : "file";
  } catch {
    return undefined;
  }
}

/** The home folders to mask: HOME of the given environment and the account's own home, when they differ. */
export function homes(env: Env): string[] {
  return [
    ...new Set([env.HOME, os.homedir()].filter((h): h is string => Boolean(h)).map((h) => path.resolve(h))),
  ];
}

/** Existing secret folders and files outside the workspace (HOME and protoagent's config/data folders). */
export function userSecrets(env: Env): { dirs: string[]; files: string[] } {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const add = (p: string) => {
    const kind = kindOf(p);
    if (kind === "dir") dirs.add(p);
    else if (kind === "file") files.add(p);
  };
  for (const home of homes(env)) {
    for (const rel of HOME_SECRET_DIRS) add(path.join(home, rel));
    for (const rel of HOME_SECRET_FILES) add(path.join(home, rel));
  }
  add(userConfigDir(env));
  add(dataDir(env));
  return { dirs: [...dirs], files: [...files] };
}

/**
 * Credential-named files in the workspace, breadth-first to MAX_DEPTH levels, skipping generated folders;
 * stops after MAX_DIRS folders (a huge tree is scanned partly, never slowly).
 */
export function workspaceSecrets(workspace: string): { dirs: string[]; files: string[] } {
  const found = { dirs: [] as string[], files: [] as string[] };
  let queue: string[] = [workspace];
  let seen = 0;
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      if (++seen > MAX_DIRS) return found;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) next.push(p);
        } else if (isSecretFileName(e.name)) {
          const kind = e.isFile() ? "file" : kindOf(p);
          if (kind) found[kind === "dir" ? "dirs" : "files"].push(p);
        }
      }
    }
    queue = next;
  }
  return found;
}
