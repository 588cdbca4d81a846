// Single-writer lock for a session file: `<file>.lock` holds {pid, host, started}. Creation is atomic (O_EXCL).
// A lock is stale when its host is this machine and its pid is dead; stale locks are replaced under a takeover
// file so two processes racing for the same stale lock cannot both win. Locks from other hosts are respected.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
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

/**
 * Acquires the lock or throws SessionLockedError. `what` names the session in the message.
 * A stale lock is replaced only while holding `<lock>.takeover` (O_EXCL), after re-checking under it that the lock
 * is still stale: every remover of a lock file is serialised, so two processes can never both end up holding it.
 */
export function acquireLock(path: string, what: string): Lock {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  const takeover = `${path}.takeover`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, info)) return makeLock(path, info);
    const found = readLock(path);
    if (!found) continue; // Released between our attempts.
    if (!isStale(found)) throw lockedError(what, found.info);
    if (!tryCreate(takeover, info)) {
      // Another process is replacing the stale lock right now; a takeover file left by a crash expires.
      const t = readLock(takeover);
      if (t && isStale(t) && Date.now() - t.mtimeMs > FRESH_MS) unlinkQuiet(takeover);
      throw lockedError(what, found.info);
    }
    try {
      const again = readLock(path);
      if (again && !isStale(again)) throw lockedError(what, again.info);
      if (again) unlinkQuiet(path);
      if (tryCreate(path, info)) return makeLock(path, info);
    } finally {
      unlinkQuiet(takeover);
    }
  }
  throw lockedError(what, readLock(path)?.info);
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
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
