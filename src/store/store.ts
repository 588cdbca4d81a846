// The session store: creates, resolves (full id or unique prefix), loads, lists, forks and deletes session logs
// in one directory. Ids are validated before any path is built. Loading never creates anything: an unknown id
// or an unreadable file is an error the caller must show, never a silent new session.
import { randomUUID } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { SessionLockedError, SessionNotFoundError, SessionReadError } from "./errors.js";
import { readHeaderCwd } from "./header-scan.js";
import { lockHolder } from "./lock.js";
import { idFromFileName, isFullId, isIdPrefix, lockFile, sessionFile } from "./paths.js";
import { type BodyRecord, FORMAT_VERSION, type HeaderRecord, parseLog } from "./records.js";
import type { Redactor } from "./redact.js";
import { replay, type SessionState } from "./replay.js";
import { SessionWriter } from "./writer.js";

export interface LoadedSession {
  id: string;
  file: string;
  header: HeaderRecord;
  records: BodyRecord[];
  state: SessionState;
  /** Notes about skipped lines; show them, they mean something was lost. */
  warnings: string[];
}

export interface SessionSummary {
  id: string;
  title: string;
  cwd: string;
  model: string;
  created: string;
  /** Last change (file modification time, ISO). */
  updated: string;
  turns: number;
  messages: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  forkedFrom?: string;
  /** Set when a live process holds the session. */
  activePid?: number;
}

export interface StoreOptions {
  dir: string;
  /** protoagent version written into new headers. */
  version: string;
  redactor?: Redactor;
}

export class SessionStore {
  readonly dir: string;

  constructor(private readonly opts: StoreOptions) {
    this.dir = opts.dir;
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    try {
      chmodSync(this.dir, 0o700);
    } catch {
      // A directory we do not own keeps its mode; files are still created 0600.
    }
  }

  /** Starts a new session log (header written and synced) and returns its locked writer. */
  create(init: { cwd: string; model: string; forkedFrom?: string }): SessionWriter {
    this.ensureDir();
    const header: HeaderRecord = {
      t: "header",
      v: FORMAT_VERSION,
      id: randomUUID(),
      cwd: init.cwd,
      created: new Date().toISOString(),
      model: init.model,
      version: this.opts.version,
      ...(init.forkedFrom ? { forkedFrom: init.forkedFrom } : {}),
    };
    return SessionWriter.create(sessionFile(this.dir, header.id), header, this.opts.redactor);
  }

  /** Reopens an existing session for appending (takes its lock). */
  openForAppend(idOrPrefix: string): SessionWriter {
    const id = this.resolve(idOrPrefix);
    return SessionWriter.append(sessionFile(this.dir, id), id, this.opts.redactor);
  }

  /** Full id for a full id or unique prefix; throws SessionNotFoundError with a useful message otherwise. */
  resolve(idOrPrefix: string): string {
    const want = idOrPrefix.trim().toLowerCase();
    if (!isIdPrefix(want)) {
      throw new SessionNotFoundError(
        `"${idOrPrefix}" is not a session id (expected a UUID or at least 4 of its leading characters).`,
      );
    }
    const ids = this.ids();
    if (isFullId(want) && ids.includes(want)) return want;
    const matches = ids.filter((id) => id.startsWith(want));
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new SessionNotFoundError(
        `Session prefix "${idOrPrefix}" is ambiguous: ${matches.slice(0, 5).join(", ")}${matches.length > 5 ? ", …" : ""}. Type more characters.`,
      );
    }
    throw new SessionNotFoundError(
      `No session "${idOrPrefix}" in ${this.dir}. Run \`protoagent sessions list\` to see saved sessions.`,
    );
  }

  /** Loads and replays a session. Throws SessionNotFoundError / SessionReadError, never returns empty. */
  load(idOrPrefix: string, opts: { transcript?: boolean } = {}): LoadedSession {
    const id = this.resolve(idOrPrefix);
    const file = sessionFile(this.dir, id);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      throw new SessionReadError(`Cannot read session ${id} (${file}): ${(err as Error).message}`);
    }
    const parsed = parseLog(text);
    if (!parsed)
      throw new SessionReadError(`Session file ${file} has no valid header line; it cannot be resumed.`);
    if (parsed.header.id !== id) {
      throw new SessionReadError(`Session file ${file} belongs to session ${parsed.header.id}, not ${id}.`);
    }
    const state = replay(parsed.header, parsed.records, opts);
    return { id, file, header: parsed.header, records: parsed.records, state, warnings: parsed.warnings };
  }

  /** Summaries, newest first; optionally only sessions started in `cwd`. Unreadable files are skipped. */
  list(opts: { cwd?: string } = {}): SessionSummary[] {
    const out: SessionSummary[] = [];
    for (const id of this.ids()) {
      const file = sessionFile(this.dir, id);
      let loaded: LoadedSession;
      let mtime: Date;
      try {
        mtime = statSync(file).mtime;
        loaded = this.load(id, { transcript: false });
      } catch {
        continue;
      }
      const { state, header } = loaded;
      if (opts.cwd !== undefined && header.cwd !== opts.cwd) continue;
      const holder = lockHolder(lockFile(this.dir, id));
      out.push({
        id,
        title: state.title,
        cwd: header.cwd,
        model: state.model,
        created: header.created,
        updated: mtime.toISOString(),
        turns: state.turns,
        messages: loaded.records.filter((r) => r.t === "msg").length,
        costUsd: state.costUsd,
        inputTokens: state.usage.inputTokens,
        outputTokens: state.usage.outputTokens,
        cachedTokens: state.usage.cachedTokens,
        ...(header.forkedFrom ? { forkedFrom: header.forkedFrom } : {}),
        ...(holder ? { activePid: holder.pid } : {}),
      });
    }
    return out.sort((a, b) => b.updated.localeCompare(a.updated));
  }

  /** The most recently updated session started in `cwd`, for `--continue`. */
  latestForCwd(cwd: string): string | undefined {
    let best: { id: string; mtimeMs: number } | undefined;
    for (const id of this.ids()) {
      const file = sessionFile(this.dir, id);
      try {
        const mtimeMs = statSync(file).mtimeMs;
        if (best && mtimeMs <= best.mtimeMs) continue;
        if (readHeaderCwd(file) === cwd) best = { id, mtimeMs };
      } catch {
        // Unreadable files are not candidates.
      }
    }
    return best?.id;
  }

  /**
   * Copies a session's history into a new session (the original is only read). Usage, cost, approvals and the
   * audit trail stay with the original; messages, todos, model, mode and compactions are copied so the fork
   * resumes identically.
   */
  fork(idOrPrefix: string, opts: { cwd?: string } = {}): SessionWriter {
    const source = this.load(idOrPrefix, { transcript: false });
    const writer = this.create({
      cwd: opts.cwd ?? source.header.cwd,
      model: source.header.model,
      forkedFrom: source.id,
    });
    try {
      const copied = source.records.filter((r) => r.t !== "usage" && r.t !== "approval" && r.t !== "audit");
      const at = new Date().toISOString();
      writer.append([...copied, { t: "title", at, title: `${source.state.title} (fork)` }]);
      writer.sync();
      return writer;
    } catch (err) {
      writer.close();
      throw err;
    }
  }

  /** Deletes a session log; refuses while a live process holds it. */
  delete(idOrPrefix: string): string {
    const id = this.resolve(idOrPrefix);
    const lock = lockFile(this.dir, id);
    const holder = lockHolder(lock);
    if (holder) {
      throw new SessionLockedError(
        `Session ${id} is in use by process ${holder.pid} on ${holder.host}; not deleted.`,
        holder,
      );
    }
    unlinkSync(sessionFile(this.dir, id));
    try {
      unlinkSync(lock);
    } catch {
      // No stale lock to clean.
    }
    return id;
  }

  private ids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new SessionReadError(`Cannot read the sessions directory ${this.dir}: ${(err as Error).message}`);
    }
    const ids: string[] = [];
    for (const n of names) {
      const id = idFromFileName(n);
      if (id) ids.push(id);
    }
    return ids;
  }
}
