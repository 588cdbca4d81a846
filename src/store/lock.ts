// Single-writer lock for a session file: `<file>.lock` holds {pid, host, started}. Creation is atomic (O_EXCL).
// A lock is stale when its host is this machine and its pid is dead; stale locks are taken over through a
// rename so two processes racing for the same stale lock cannot both win. Locks from other hosts are respected.
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import { SessionLockedError } from "./errors.js";

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

export interface Lock {
  readonly path: string;
  release(): void;
}

/** A lock file younger than this with unreadable content is being written right now; treat as held. */
const FRESH_MS = 5_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): { info?: LockInfo; raw: string; mtimeMs: number } | undefined {
  try {
    const raw = readFileSync(path, "utf8");
    const mtimeMs = statSync(path).mtimeMs;
    try {
      const v = JSON.parse(raw) as Partial<LockInfo>;
      if (typeof v.pid === "number" && typeof v.host === "string") {
        return { info: { pid: v.pid, host: v.host, started: String(v.started ?? "") }, raw, mtimeMs };
      }
    } catch {
      // Torn write: judged by age below.
    }
    return { raw, mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

function isStale(found: { info?: LockInfo; mtimeMs: number }): boolean {
  if (!found.info) return Date.now() - found.mtimeMs > FRESH_MS;
  if (found.info.host !== os.hostname()) return false;
  return !pidAlive(found.info.pid);
}

function tryCreate(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

function lockedError(what: string, info?: LockInfo): SessionLockedError {
  const who = info ? `process ${info.pid} on ${info.host} (since ${info.started})` : "another process";
  return new SessionLockedError(
    `Session ${what} is in use by ${who}. Close that protoagent first, or use --fork-session to continue in a copy.`,
    info,
  );
}

/** Acquires the lock or throws SessionLockedError. `what` names the session in the message. */
export function acquireLock(path: string, what: string): Lock {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, info)) return makeLock(path, info);
    const found = readLock(path);
    if (!found) continue; // Released between our attempts.
    if (!isStale(found)) throw lockedError(what, found.info);
    // Move the stale lock aside, then check we moved the one we judged (not a fresh one created meanwhile).
    const aside = `${path}.stale-${process.pid}-${Date.now()}`;
    try {
      renameSync(path, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    const moved = readLock(aside);
    if (moved && moved.raw !== found.raw) {
      // We stole a live lock: put it back unless yet another holder appeared.
      try {
        linkSync(aside, path);
      } catch {
        // Someone else holds `path` now; either way the session is taken.
      }
      unlinkSync(aside);
      throw lockedError(what, moved.info);
    }
    unlinkSync(aside);
  }
  throw lockedError(what, readLock(path)?.info);
}

function makeLock(path: string, info: LockInfo): Lock {
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      // Only remove our own lock: if it was taken over (we were judged dead), leave the new holder's.
      const found = readLock(path);
      if (found?.info && found.info.pid === info.pid && found.info.started === info.started) {
        try {
          unlinkSync(path);
        } catch {
          // Already gone.
        }
      }
    },
  };
}

/** The live holder of a lock, or undefined when free or stale (used by delete and list). */
export function lockHolder(path: string): LockInfo | undefined {
  const found = readLock(path);
  if (!found || isStale(found)) return undefined;
  return found.info ?? { pid: 0, host: "?", started: "" };
}
