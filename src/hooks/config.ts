// Where hooks come from, and which apply. User level always: `hooks` in the user's protoagent.jsonc and in
// ~/.claude/settings.json. Project level only under project trust (hooks run unsandboxed commands): `hooks` in
// .protoagent/protoagent.jsonc (trusted with that file) and in .claude/settings.json / settings.local.json
// (each trusted with its own content, like .mcp.json); untrusted ones are ignored with one notice. The
// .claude files are Claude Code's: only their `hooks` key is read, validated by the same schema as ours.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import type { LoadedConfig } from "../config/load.js";
import type { Env } from "../config/paths.js";
import { HOOK_EVENTS, type HooksConfig, hookMatcherSchema } from "../config/schema.js";
import { isTrusted, trust, untrustedFile } from "../config/trust.js";
import { hookParts, type UntrustedSink } from "../config/untrusted.js";
import type { HookCommand, HookEvent } from "./types.js";

export const DEFAULT_HOOK_TIMEOUT_S = 60;

export interface HookSources {
  cwd: string;
  env: Env;
  loaded: Pick<LoadedConfig, "user" | "project">;
  dataDir: string;
  /** --trust-project: trust the project's hook files as they are now. */
  trustNow: boolean;
  /** Told about each untrusted project hook file, with its commands (for the trust prompt). */
  untrusted?: UntrustedSink;
}

/** `matcher` as written → an anchored regex; absent, "" and "*" match everything. */
function compileMatcher(m: string | undefined): RegExp | undefined {
  if (m === undefined || m === "" || m === "*") return undefined;
  return new RegExp(`^(?:${m})$`);
}

function commandsOf(config: HooksConfig | undefined, source: string): HookCommand[] {
  const out: HookCommand[] = [];
  for (const event of HOOK_EVENTS) {
    for (const group of config?.[event] ?? []) {
      const matcher = compileMatcher(group.matcher);
      for (const h of group.hooks) {
        const timeoutMs = (h.timeout ?? DEFAULT_HOOK_TIMEOUT_S) * 1000;
        out.push({ event, matcher, command: h.command, timeoutMs, source });
      }
    }
  }
  return out;
}

/**
 * The `hooks` of a Claude settings file. Entries that do not validate are left out, each reported in one line
 * naming the file and the key path; the rest of the file still applies.
 */
export function readClaudeHooks(file: string): { content?: string; hooks: HooksConfig; errors: string[] } {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch {
    return { hooks: {}, errors: [] };
  }
  const parseErrors: ParseError[] = [];
  const data: unknown = parse(content, parseErrors, { allowTrailingComma: true });
  const first = parseErrors[0];
  if (first)
    return { content, hooks: {}, errors: [`${file}: invalid JSON (${printParseErrorCode(first.error)})`] };
  const raw = (data as { hooks?: unknown } | null)?.hooks;
  if (raw === undefined) return { content, hooks: {}, errors: [] };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { content, hooks: {}, errors: [`${file}: hooks: expected an object`] };
  const hooks: HooksConfig = {};
  const errors: string[] = [];
  for (const [event, groups] of Object.entries(raw)) {
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) {
      errors.push(`${file}: hooks.${event}: not an event protoagent runs (ignored)`);
      continue;
    }
    if (!Array.isArray(groups)) {
      errors.push(`${file}: hooks.${event}: expected an array`);
      continue;
    }
    const kept: NonNullable<HooksConfig[HookEvent]> = [];
    hooks[event as HookEvent] = kept;
    groups.forEach((g, i) => {
      const r = hookMatcherSchema.safeParse(g);
      if (r.success) kept.push(r.data);
      else {
        const issue = r.error.issues[0];
        const at = [`hooks.${event}[${i}]`, ...(issue?.path ?? []).map(String)].join(".");
        errors.push(`${file}: ${at}: ${issue?.message ?? "invalid"} (ignored)`);
      }
    });
  }
  return { content, hooks, errors };
}

/** Every hook command that applies, user level first, plus the notices to show once. */
export function loadHookCommands(s: HookSources): { commands: HookCommand[]; warnings: string[] } {
  const warnings: string[] = [];
  const commands: HookCommand[] = [];
  const { user, project } = s.loaded;
  if (user?.config.hooks) commands.push(...commandsOf(user.config.hooks, user.path));
  const home = s.env.HOME || os.homedir();
  const userClaude = path.join(home, ".claude", "settings.json");
  const fromUserClaude = readClaudeHooks(userClaude);
  warnings.push(...fromUserClaude.errors);
  commands.push(...commandsOf(fromUserClaude.hooks, userClaude));

  // The project's protoagent.jsonc: the trust filter already recorded --trust-project, so asking is enough.
  if (project?.config.hooks && isTrusted(project.path, project.raw, s.dataDir))
    commands.push(...commandsOf(project.config.hooks, project.path));
  const untrusted: string[] = [];
  for (const name of ["settings.json", "settings.local.json"]) {
    const file = path.join(s.cwd, ".claude", name);
    // The user's own ~/.claude/settings.json when the project is the home folder: already read above.
    if (file === userClaude) continue;
    const r = readClaudeHooks(file);
    const list = commandsOf(r.hooks, file);
    if (r.content === undefined || (list.length === 0 && r.errors.length === 0)) continue;
    if (s.trustNow) trust(file, r.content, s.dataDir);
    if (!s.trustNow && !isTrusted(file, r.content, s.dataDir)) {
      untrusted.push(file);
      s.untrusted?.(untrustedFile(file, r.content, hookParts(r.hooks)));
      continue;
    }
    warnings.push(...r.errors);
    commands.push(...list);
  }
  if (untrusted.length > 0)
    warnings.push(
      `Ignored the hooks of the untrusted project file${untrusted.length > 1 ? "s" : ""} ${untrusted.join(", ")}: hooks run commands on your machine. Review the file, then trust the project (/trust, or --trust-project) to use them.`,
    );
  return { commands, warnings };
}
