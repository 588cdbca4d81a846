// Folders only the user may read (config with keys, logs, session data): created 0700, tightened if they exist.
import { chmodSync, mkdirSync } from "node:fs";

export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (shared mount); the files inside are still 0600.
  }
  return dir;
}
