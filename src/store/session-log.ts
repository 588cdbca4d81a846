// The one-call setup bootstrap uses for persistence: builds the redacting store, resumes/continues/forks or
// creates the log, hands back what the Session must be constructed with, and attaches the recorder.
// Keeps bootstrap to a few lines and the ordering right (lock before load; model resolved before a new header).

import type { Message, Usage } from "../agent/messages.js";
import { type MergedProvider, mergeProviders, resolveModel } from "../config/resolve.js";
import type { ConfigFile } from "../config/schema.js";
import type { SessionFeature } from "../session/feature.js";
import type { ToolState } from "../tools/tool.js";
import { type Env, sessionsDir } from "./paths.js";
import { attachRecorder } from "./recorder.js";
import { createRedactor } from "./redact.js";
import { type Resumed, resumeSession } from "./resume.js";
import { SessionStore } from "./store.js";
import type { SessionWriter } from "./writer.js";

export interface SessionLogOptions {
  env: Env;
  /** Real workspace path. */
  cwd: string;
  version: string;
  config: ConfigFile;
  /** `--session <id|prefix>` */
  session?: string;
  /** `--continue` */
  continue?: boolean;
  /** `--fork-session` */
  fork?: boolean;
}

/** What to pass into `new Session({...})` besides the usual dependencies. */
export interface SessionRestore {
  id: string;
  messages?: Message[];
  toolState?: ToolState;
  usage?: Usage;
  costUsd?: number;
  /** How full the context was at the last request, so the usage bar is right after a resume. */
  contextTokens?: number;
}

/** Every configured provider key and custom header value: redacted from the log whatever model is used. */
export function providerSecrets(config: ConfigFile, env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { PROTOAGENT_API_KEY: env.PROTOAGENT_API_KEY };
  for (const p of Object.values(mergeProviders(config)) as MergedProvider[]) {
    out[`${p.id} api key`] = p.apiKey ?? (p.apiKeyEnvVar ? env[p.apiKeyEnvVar] : undefined);
    for (const [h, v] of Object.entries(p.headers)) out[`${p.id} header ${h}`] = v.replace(/^Bearer\s+/i, "");
  }
  return out;
}

export class SessionLog {
  readonly store: SessionStore;
  /** Set when resuming (or forking): restored state, warnings and the transcript to replay. */
  readonly resumed?: Resumed;
  private writer?: SessionWriter;

  /** Resumes immediately (taking the lock) so a bad id fails before anything else starts. */
  constructor(private readonly opts: SessionLogOptions) {
    this.store = new SessionStore({
      dir: sessionsDir(opts.env),
      version: opts.version,
      redactor: createRedactor({ secrets: providerSecrets(opts.config, opts.env), env: opts.env }),
    });
    if (opts.session || opts.continue) {
      this.resumed = resumeSession(this.store, {
        ...(opts.session ? { id: opts.session } : { continueIn: opts.cwd }),
        fork: opts.fork,
        cwd: opts.cwd,
        isModelConfigured: (ref) => {
          try {
            return resolveModel(opts.config, ref, opts.env).known;
          } catch {
            return false;
          }
        },
      });
      this.writer = this.resumed.writer;
    }
  }

  /** The model to resolve when -m is not given: the stored one, if still configured. */
  get storedModel(): string | undefined {
    return this.resumed?.modelConfigured ? this.resumed.model : undefined;
  }

  get warnings(): string[] {
    return this.resumed?.warnings ?? [];
  }

  /** Creates the log of a new session (needs the resolved model) or returns the resumed state. */
  begin(modelRef: string): SessionRestore {
    const r = this.resumed;
    if (!r) {
      this.writer = this.store.create({ cwd: this.opts.cwd, model: modelRef });
      return { id: this.writer.id };
    }
    return {
      id: r.id,
      messages: r.messages,
      toolState: { todos: r.todos, fileStamps: new Map() },
      usage: r.usage,
      costUsd: r.costUsd,
      contextTokens: r.contextTokens,
    };
  }

  /**
   * The recording feature (give it to the Session): records every event as it happens, and a model switch
   * when the resumed session now runs on another model.
   */
  feature(): SessionFeature {
    return {
      name: "log",
      attach: (session) => {
        if (!this.writer) throw new Error("SessionLog.begin() must run before the session is built");
        const detach = attachRecorder(session, this.writer, { fresh: !this.resumed });
        if (this.resumed && this.resumed.model !== session.model.ref)
          session.emit({ type: "model_change", model: session.model.ref });
        return { detach };
      },
    };
  }

  get id(): string | undefined {
    return this.writer?.id;
  }

  /** /rename and /fork need the writer; close() flushes and releases the lock (call on exit). */
  get currentWriter(): SessionWriter | undefined {
    return this.writer;
  }

  close(): void {
    this.writer?.close();
  }
}
