// `protoagent sessions list|show|delete` (with --json): browsing saved sessions without starting a model.
// Store errors (unknown id, ambiguous prefix, locked session) become UserErrors: one line, exit code 1.
import { Command } from "commander";
import { BlobStore, checkpointsDir } from "../../checkpoints/blobs.js";
import { UserError } from "../../errors.js";
import { formatAuditJsonLines, formatAuditTable } from "../../store/audit-view.js";
import { SessionError } from "../../store/errors.js";
import { type Env, sessionsDir } from "../../store/paths.js";
import type { TranscriptItem } from "../../store/replay.js";
import { SessionStore, type SessionSummary } from "../../store/store.js";
import { formatTokens, formatUsd } from "../../usage/cost.js";
import { oneLine } from "../../utils/one-line.js";
import { addRewindCommand } from "./sessions-rewind.js";

export interface SessionsCommandDeps {
  env: Env;
  write: (text: string) => void;
  /** The current folder, for `list --here`. */
  cwd: () => string;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SessionError) throw new UserError(err.message, 1);
    throw err;
  }
}

const ago = (iso: string): string => {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
};

export function formatList(rows: readonly SessionSummary[]): string {
  if (rows.length === 0) return "No saved sessions.\n";
  const lines = rows.map((r) => {
    const active = r.activePid ? ` [active, pid ${r.activePid}]` : "";
    return `${r.id.slice(0, 8)}  ${r.title}${active}\n          ${ago(r.updated)} · ${r.turns} turns · ${formatUsd(r.costUsd)} · ${r.model} · ${r.cwd}`;
  });
  return `${lines.join("\n")}\n`;
}

export function formatTranscript(items: readonly TranscriptItem[]): string {
  const out: string[] = [];
  for (const it of items) {
    switch (it.kind) {
      case "user":
        out.push(`> ${it.text}`);
        break;
      case "assistant":
        out.push(`${it.text}${it.interrupted ? " [interrupted]" : ""}`);
        break;
      case "tool_call":
        out.push(`  ▶ ${it.name} ${oneLine(it.args, 100)}`);
        break;
      case "tool_result":
        out.push(`  ${it.isError ? "✗" : "✓"} ${it.name}: ${oneLine(it.text, 100)}`);
        break;
      case "compaction":
        out.push(`── compacted ${it.removed} messages (${it.reason}) ──\n${it.summary}`);
        break;
      case "model":
        out.push(`── model: ${it.model} ──`);
        break;
      case "mode":
        out.push(`── mode: ${it.mode} ──`);
        break;
      case "rewind":
        out.push(
          `── rewound ${it.code && it.conversation ? "code and conversation" : it.code ? "code" : "conversation"} to before turn ${it.turn} ──`,
        );
        break;
    }
  }
  return `${out.join("\n")}\n`;
}

export function sessionsCommand(deps: SessionsCommandDeps): Command {
  const store = () => new SessionStore({ dir: sessionsDir(deps.env), version: "" });
  const blobs = () => new BlobStore(checkpointsDir(deps.env));
  const json = (v: unknown) => deps.write(`${JSON.stringify(v, null, 2)}\n`);
  const cmd = new Command("sessions").description("list, show, rewind or delete saved sessions");
  cmd
    .command("list")
    .description("saved sessions, newest first")
    .option("--here", "only sessions started in the current folder")
    .option("--json", "machine-readable output")
    .action((o: { here?: boolean; json?: boolean }) => {
      const rows = guard(() => store().list(o.here ? { cwd: deps.cwd() } : {}));
      if (o.json) json(rows);
      else deps.write(formatList(rows));
    });
  cmd
    .command("show <id>")
    .description("a session's details and transcript (id or unique prefix)")
    .option("--json", "machine-readable output")
    .option("--audit", "the tool actions instead: who decided, outcome, duration (with --json: JSON lines)")
    .action((id: string, o: { json?: boolean; audit?: boolean }) => {
      const s = guard(() => store().load(id, { transcript: !o.audit }));
      const { state } = s;
      if (o.audit) {
        deps.write(o.json ? formatAuditJsonLines(state.audit) : formatAuditTable(state.audit));
        return;
      }
      if (o.json) {
        json({
          id: s.id,
          title: state.title,
          cwd: s.header.cwd,
          model: state.model,
          mode: state.mode,
          created: s.header.created,
          updated: state.updated,
          forkedFrom: s.header.forkedFrom,
          turns: state.turns,
          requests: state.requests,
          usage: state.usage,
          costUsd: state.costUsd,
          todos: state.todos,
          compactions: state.compactions,
          checkpointBytes: blobs().sessionBytes(s.id),
          warnings: s.warnings,
          messages: state.messages,
          transcript: state.transcript,
        });
        return;
      }
      const u = state.usage;
      deps.write(
        `${state.title}\n${s.id} · ${state.model} · ${s.header.cwd}\n` +
          `${state.turns} turns · ${state.requests} requests · in ${formatTokens(u.inputTokens)} (cached ${formatTokens(u.cachedTokens)}) · out ${formatTokens(u.outputTokens)} · ${formatUsd(state.costUsd)}\n` +
          `checkpoints: ${formatBytes(blobs().sessionBytes(s.id))}\n` +
          s.warnings.map((w) => `warning: ${w}\n`).join("") +
          `\n${formatTranscript(state.transcript)}`,
      );
    });
  cmd
    .command("delete <id>")
    .description("delete a saved session (refused while it is in use)")
    .option("--json", "machine-readable output")
    .action((id: string, o: { json?: boolean }) => {
      const deleted = guard(() => store().delete(id));
      blobs().removeSession(deleted);
      if (o.json) json({ deleted });
      else deps.write(`Deleted session ${deleted}.\n`);
    });
  addRewindCommand(cmd, { env: deps.env, write: deps.write, store, guard });
  return cmd;
}

const formatBytes = (n: number): string =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
