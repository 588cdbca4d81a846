// Assembles one session from runtime options: real cwd, merged config, resolved model, provider stream function,
// tool registry, approval engine, the once-per-session system prompt, and the session's features (log,
// sub-agents, compaction, limits, extensions) given to the Session at construction. Used only by the Runtime.
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { createApprovalEngine } from "../approval/engine.js";
import type { ApprovalEngine } from "../approval/engine-types.js";
import { type CompactionControl, type CompactionWiring, compactionFeature } from "../compaction/attach.js";
import { type LoadedConfig, loadConfig } from "../config/load.js";
import { dataDir, type Env } from "../config/paths.js";
import { resolveModel } from "../config/resolve.js";
import type { McpServerConfig, PermissionMode } from "../config/schema.js";
import { createProjectFilter } from "../config/trust.js";
import type { UntrustedFile } from "../config/untrusted.js";
import { errorMessage, UserError } from "../errors.js";
import { loadHookCommands } from "../hooks/config.js";
import { type HooksControl, hooksFeature } from "../hooks/feature.js";
import { HookRunner } from "../hooks/runner.js";
import { projectServerNames } from "../mcp/origin.js";
import { createStreamFn } from "../providers/openai-stream.js";
import { lazyProbe, resolveSandbox, type SandboxOptions } from "../sandbox/setup.js";
import { loadAgents } from "../session/agents/load.js";
import type { LoadedAgents } from "../session/agents/types.js";
import {
  extensionsFeature,
  loadPromptExtensions,
  mcpServers,
  type SessionExtensions,
  untrustedSkills,
} from "../session/extensions.js";
import { Session, usageCost } from "../session/session.js";
import { subAgentFeature } from "../session/sub-agent.js";
import { buildSystemPrompt } from "../session/system-prompt.js";
import type { SkillDiscovery } from "../skills/types.js";
import { SessionError } from "../store/errors.js";
import { SessionLog } from "../store/session-log.js";
import { builtinTools } from "../tools/builtin.js";
import { ToolRegistry } from "../tools/registry.js";
import type { FilePort, TerminalPort } from "../tools/tool.js";
import { type LimitControl, limitsFeature } from "../usage/attach.js";
import { type LimitFlags, resolveLimits } from "../usage/limits.js";
import { loadTokenCounter, type TokenCounter } from "../usage/tokens.js";
import { gitProtectedRoots } from "../utils/git-locations.js";
import { Logger, type LogLevel } from "../utils/logger.js";
import { projectTree } from "../utils/project-tree.js";
import { type CheckpointWiring, wireCheckpoints } from "./rewind.js";

export function lazyCounter(): () => Promise<TokenCounter> {
  let p: Promise<TokenCounter> | undefined;
  return () => {
    p ??= loadTokenCounter();
    return p;
  };
}

export interface RuntimeOptions {
  cwd: string;
  env: Env;
  headless: boolean;
  model?: string;
  mode?: PermissionMode;
  maxTurns?: number;
  allow?: string[];
  deny?: string[];
  trustProject?: boolean;
  logLevel?: LogLevel;
  /** Backoff base for retries (tests shorten it). */
  retryBaseMs?: number;
  /** `--session <id|prefix>`, `--continue`, `--fork-session`. */
  resume?: { session?: string; continue?: boolean; fork?: boolean };
  /** protoagent version for new session headers. */
  version?: string;
  /** Limits from flags (config `limits` is merged in). */
  limitFlags?: LimitFlags;
  /** The tokenizer loader; the runtime shares one across session switches (it is slow to build). */
  tokenCounter?: () => Promise<TokenCounter>;
  /** MCP servers the front-end brings (an ACP client's): connected like configured ones; they win a name clash. */
  extraMcpServers?: Record<string, McpServerConfig>;
  /** Text file IO through the front-end (an editor's buffers) for the file tools; absent → the disk. */
  files?: FilePort;
  /** Shell commands through the front-end's terminal (an editor's) for bash; absent → spawned here. */
  terminal?: TerminalPort;
  /** The OS sandbox: --sandbox, and the probe the runtime runs once and shares across session switches. */
  sandbox?: SandboxOptions;
}

/** One assembled session and the controls of its features. */
export interface Assembly extends SessionExtensions {
  session: Session;
  loaded: LoadedConfig;
  warnings: string[];
  log: Logger;
  skills: SkillDiscovery;
  /** Specialist agents for sub_agent (and /agents), with what was invalid, shadowed or untrusted. */
  agents: LoadedAgents;
  sessionLog: SessionLog;
  compaction: CompactionControl;
  limits: LimitControl;
  checkpoints: CheckpointWiring;
  /** The user's lifecycle hooks (SessionStart/End, UserPromptSubmit, Notification fired by the runtime). */
  hooks: HooksControl;
  /** Project files present but not trusted for their current content, with what each would enable. */
  untrusted: UntrustedFile[];
}

/** Resolves `dir` to a real, existing folder or fails with a one-line UserError. */
export function realCwd(dir: string): string {
  const abs = path.resolve(dir);
  let st: ReturnType<typeof statSync> | undefined;
  try {
    st = statSync(abs);
  } catch {
    throw new UserError(`Working directory does not exist: ${abs}`);
  }
  if (!st.isDirectory()) throw new UserError(`Not a directory: ${abs}`);
  return realpathSync(abs);
}

export async function assembleSession(opts: RuntimeOptions): Promise<Assembly> {
  const cwd = realCwd(opts.cwd);
  const log = new Logger(opts.logLevel ?? "warn", path.join(dataDir(opts.env), "logs"));
  const dataRoot = dataDir(opts.env);
  const untrusted: UntrustedFile[] = [];
  const sink = (f: UntrustedFile) => untrusted.push(f);
  const loaded = loadConfig({
    cwd,
    env: opts.env,
    projectFilter: createProjectFilter({ dataDir: dataRoot, trustNow: opts.trustProject, untrusted: sink }),
  });
  let sessionLog: SessionLog;
  try {
    sessionLog = new SessionLog({
      env: opts.env,
      cwd,
      version: opts.version ?? "0.0.0",
      config: loaded.config,
      session: opts.resume?.session,
      continue: opts.resume?.continue,
      fork: opts.resume?.fork,
    });
  } catch (err) {
    if (err instanceof SessionError) throw new UserError(err.message, 1);
    throw err;
  }
  const model = resolveModel(loaded.config, opts.model ?? sessionLog.storedModel, opts.env);
  const warnings = [...loaded.warnings];
  if (!model.known)
    warnings.push(
      `Model ${model.ref} is not in the catalog: prices unknown, context window ${model.contextWindow}.`,
    );
  warnings.push(...sessionLog.warnings);
  const mode: PermissionMode =
    opts.mode ??
    (sessionLog.resumed?.mode as PermissionMode | undefined) ??
    loaded.config.permissions?.mode ??
    "default";
  const restore = sessionLog.begin(model.ref);
  const checkpoints = wireCheckpoints(opts.env, loaded.config, sessionLog, Boolean(opts.resume?.fork));
  const registry = new ToolRegistry(builtinTools());
  const perms = loaded.config.permissions ?? {};
  let approvals: ApprovalEngine;
  try {
    approvals = createApprovalEngine({
      mode,
      rules: {
        allow: [...(perms.allow ?? []), ...(opts.allow ?? [])],
        ask: perms.ask ?? [],
        deny: [...(perms.deny ?? []), ...(opts.deny ?? [])],
      },
      // Tools declare which rule specifier they take; MCP tools and skills added later take none.
      specifierOf: (name) => registry.get(name)?.ruleSpecifier,
      readsOnly: (name) => registry.get(name)?.readOnly === true,
      headless: opts.headless,
      cwd,
      onRecord: (record) => session.emit({ type: "approval", record }),
    });
  } catch (err) {
    throw new UserError(errorMessage(err));
  }
  const shellSandbox = await resolveSandbox({
    flag: opts.sandbox?.mode,
    config: loaded.config.sandbox,
    probe: opts.sandbox?.probe ?? lazyProbe({ env: opts.env, cwd }),
    env: opts.env,
    permissionMode: () => approvals.getMode(),
  });
  if (shellSandbox.warning) warnings.push(shellSandbox.warning);
  const ext = loadPromptExtensions(cwd, opts.env, loaded);
  warnings.push(...ext.warnings);
  untrustedSkills(ext.skills, { dataDir: dataRoot, trustNow: Boolean(opts.trustProject) }, sink);
  const systemPrompt = buildSystemPrompt({
    cwd,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString().slice(0, 10),
    tree: projectTree(cwd),
    agentsMd: ext.agentsMd,
    skillsCatalog: ext.skillsCatalog,
  });
  // compactionModel: a smaller model for summaries; unusable (unknown, no key) → warn and use the session's.
  const trustNow = Boolean(opts.trustProject);
  const hookSources = { cwd, env: opts.env, loaded, dataDir: dataRoot, trustNow, untrusted: sink };
  const hookConfig = loadHookCommands(hookSources);
  warnings.push(...hookConfig.warnings);
  const hooks = hooksFeature(
    new HookRunner({
      commands: hookConfig.commands,
      cwd,
      env: opts.env,
      sessionId: () => session.id,
      transcriptPath: () => sessionLog.currentWriter?.file,
      permissionMode: () => approvals.getMode(),
    }),
  );
  let summary: Pick<CompactionWiring, "summaryStream" | "summaryCost" | "summarizerWindow"> = {};
  if (loaded.config.compactionModel) {
    try {
      const cm = resolveModel(loaded.config, loaded.config.compactionModel, opts.env);
      const stream = createStreamFn(cm);
      summary = {
        summaryStream: () => stream,
        summaryCost: (u) => usageCost(cm, u),
        summarizerWindow: cm.contextWindow,
      };
    } catch (err) {
      warnings.push(`compactionModel ignored: ${errorMessage(err)}`);
    }
  }
  const compaction = compactionFeature({
    counter: opts.tokenCounter ?? lazyCounter(),
    threshold: loaded.config.compaction?.threshold,
    enabled: loaded.config.compaction?.enabled,
    beforeCompact: (trigger, focus, signal) => hooks.preCompact(trigger, focus, signal),
    ...summary,
  });
  const limits = limitsFeature(resolveLimits(loaded.config.limits, opts.limitFlags));
  // activate_skill joins the registry when the extensions feature attaches; MCP tools later still.
  const { warnings: agentWarnings, ...agents } = loadAgents({
    cwd,
    env: opts.env,
    loaded,
    dataDir: dataRoot,
    trustNow,
    untrusted: sink,
    toolNames: [...registry.names(), "activate_skill"],
  });
  warnings.push(...agentWarnings);
  const configured = mcpServers(cwd, opts.env, loaded, dataRoot, trustNow, warnings, sink);
  const servers = { ...configured, ...opts.extraMcpServers };
  const extensions = extensionsFeature(
    ext.skills,
    servers,
    {
      dataDir: dataRoot,
      trustNow: Boolean(opts.trustProject),
      projectServers: projectServerNames(loaded, configured),
    },
    { config: loaded.config.mcp?.toolSearch, counter: opts.tokenCounter ?? lazyCounter() },
  );
  const session: Session = new Session({
    ...restore,
    cwd,
    model,
    stream: createStreamFn(model),
    registry,
    approvals,
    systemPrompt,
    maxTurns: opts.maxTurns ?? loaded.config.limits?.maxTurns,
    retryBaseMs: opts.retryBaseMs,
    ...(loaded.config.loopGuard ? { loopGuard: loaded.config.loopGuard } : {}),
    files: opts.files,
    terminal: opts.terminal,
    readOnlyRoots: ext.readOnlyRoots,
    protectedRoots: gitProtectedRoots(cwd),
    sandbox: shellSandbox.sandbox,
    ...(checkpoints.checkpoint ? { checkpoint: checkpoints.checkpoint } : {}),
    // Order: the log first (it records what the others emit while attaching), extensions last.
    features: [
      sessionLog.feature(),
      subAgentFeature(agents.agents, { maxParallel: loaded.config.subAgents?.maxParallel }),
      compaction,
      limits,
      hooks,
      extensions,
    ],
  });
  for (const w of warnings) log.warn(w);
  // A history already near the threshold (a resume, or a small window) loads the tokenizer now, while the
  // session opens, rather than making the first prompt wait for it (~50–80 ms, in slices that yield).
  await compaction.tracker.settled();
  return {
    session,
    loaded,
    warnings,
    log,
    skills: ext.skills,
    agents,
    mcp: extensions.mcp,
    activateSkill: extensions.activateSkill,
    sessionLog,
    compaction,
    limits,
    checkpoints,
    hooks,
    untrusted,
  };
}
