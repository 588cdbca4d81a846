// The slash-command table. Each entry is data plus a small `run` against a CommandHost, so the input
// component never knows what a command does, and unknown `/x` is reported instead of reaching the model.
import type { PermissionModeName } from "../state/app-types.js";
import { type CommandHost, describe, info, note, type SlashCommand } from "./slash-host.js";
import { mcpSubcommand } from "./slash-mcp.js";
import { runModel } from "./slash-pickers.js";
import { REWIND_COMMANDS } from "./slash-rewind.js";
import { SESSION_COMMANDS } from "./slash-session.js";
import { openTrust } from "./slash-trust.js";

export type { CommandHost, SlashCommand };

export const MODES: PermissionModeName[] = ["default", "accept-edits", "plan"];

export const nextMode = (m: PermissionModeName): PermissionModeName =>
  MODES[(MODES.indexOf(m) + 1) % MODES.length] ?? "default";

export const COMMANDS: SlashCommand[] = [
  {
    name: "help",
    description: "List commands and keys",
    whileRunning: true,
    run: (host) => info(host, "Commands", helpText()),
  },
  {
    name: "quit",
    aliases: ["exit"],
    description: "Save the session and exit",
    whileRunning: true,
    run: (h) => h.quit(),
  },
  {
    name: "clear",
    description: "Start a new session (the current one stays saved)",
    run: (h) => h.newSession(),
  },
  {
    name: "model",
    usage: "[provider/model]",
    description: "Pick or switch the model for this session",
    run: (host, args) => runModel(host, args),
  },
  {
    name: "mode",
    usage: "[default|accept-edits|plan]",
    description: "Show or set the permission mode (Shift+Tab cycles)",
    whileRunning: true,
    run(host, args) {
      const cur = host.state().mode;
      if (args === "") return host.setMode(nextMode(cur));
      if (!MODES.includes(args as PermissionModeName))
        return note(host, `Unknown mode "${args}". Modes: ${MODES.join(", ")}`, "error");
      host.setMode(args as PermissionModeName);
    },
  },
  {
    name: "cost",
    description: "Tokens and cost of this session",
    whileRunning: true,
    run(host) {
      const u = host.state().usage;
      const ctx =
        u.contextWindow > 0
          ? ` (${Math.round((u.contextTokens / u.contextWindow) * 100)}% of ${u.contextWindow})`
          : "";
      info(
        host,
        "Usage",
        `input tokens:  ${u.totalInput}\noutput tokens: ${u.totalOutput}\ncontext:       ${u.contextTokens}${ctx}\ncost:          $${u.costUsd.toFixed(4)}`,
      );
    },
  },
  {
    name: "tools",
    description: "List the tools the model can use",
    whileRunning: true,
    run(host) {
      const tools = host.session().registry?.list() ?? [];
      const body = tools.map(
        (t) => `${t.name}${t.readOnly ? " (read-only)" : ""} — ${t.description.split("\n")[0]}`,
      );
      info(host, "Tools", body.join("\n") || "No tools.");
    },
  },
  {
    name: "permissions",
    description: "Show the permission mode and rules",
    whileRunning: true,
    async run(host) {
      const rules = host.services.describe ? await host.services.describe("permissions") : "";
      info(host, "Permissions", `mode: ${host.state().mode}${rules ? `\n${rules}` : ""}`);
    },
  },
  {
    name: "expand",
    description: "Show the last collapsed output in full; expand new output",
    whileRunning: true,
    run(h) {
      h.setExpand(true);
      h.expandLast();
    },
  },
  {
    name: "transcript",
    description: "Open the whole conversation full screen; blocks open and close in place (q returns)",
    whileRunning: true,
    run: (h) =>
      h.openTranscript ? h.openTranscript() : note(h, "The transcript viewer is not available here."),
  },
  {
    name: "collapse",
    description: "Collapse long tool output again (default)",
    whileRunning: true,
    run: (h) => h.setExpand(false),
  },
  {
    name: "compact",
    usage: "[focus]",
    description: "Summarise older messages to free context (optionally: what to keep in focus)",
    async run(host, args) {
      const s = host.session();
      if (!s.compact) return note(host, "Compaction is not available in this build yet.", "warn");
      note(host, "Compacting…");
      try {
        await s.compact(args || undefined);
      } catch (e) {
        note(host, `Compaction failed: ${(e as Error).message}`, "error");
      }
    },
  },
  ...SESSION_COMMANDS,
  ...REWIND_COMMANDS,
  {
    name: "mcp",
    description: "MCP servers and their tools; /mcp login <server> logs in to a remote one",
    whileRunning: true,
    run: (h, args) =>
      args.trim() ? mcpSubcommand(h, args) : describe(h, "mcp", "No MCP servers are connected."),
  },
  {
    name: "skills",
    description: "Available skills",
    whileRunning: true,
    run: (h) => describe(h, "skills", "No skills are loaded."),
  },
  {
    name: "agents",
    description: "Specialist agents for sub_agent (source, file, problems)",
    whileRunning: true,
    run: (h) => describe(h, "agents", "No agents are loaded."),
  },
  {
    name: "audit",
    description: "The tool actions of this session: what decided, outcome, duration",
    whileRunning: true,
    run: (h) => describe(h, "audit", "No audit trail in this session."),
  },
  {
    name: "trust",
    description: "Review this project's untrusted config, MCP servers, hooks and agents, and trust them",
    run: (h) => openTrust(h),
  },
];

export function findCommand(name: string): SlashCommand | undefined {
  const n = name.toLowerCase();
  return COMMANDS.find((c) => c.name === n || c.aliases?.includes(n));
}

/** Parses "/name args"; null when the text is not a command (a leading "//" sends a literal slash). */
export function parseSlash(text: string): { name: string; args: string } | null {
  const t = text.trim();
  if (!t.startsWith("/") || t.startsWith("//")) return null;
  const m = /^\/(\S*)\s*([\s\S]*)$/.exec(t);
  if (!m) return null;
  return { name: m[1] ?? "", args: (m[2] ?? "").trim() };
}

/** Commands whose name starts with the typed prefix, for completion. */
export const completeCommand = (prefix: string): SlashCommand[] =>
  COMMANDS.filter(
    (c) => c.name.startsWith(prefix.toLowerCase()) || c.aliases?.some((a) => a.startsWith(prefix)),
  );

/** One line per command: its name once (aliases after it), the arguments it takes, what it does. */
export function helpText(): string {
  const cmds = COMMANDS.map((c) => {
    const names = [c.name, ...(c.aliases ?? [])].map((n) => `/${n}`).join(", ");
    return `${names}${c.usage ? ` ${c.usage}` : ""} — ${c.description}`;
  });
  const keys = [
    "Enter send · Shift+Enter / Ctrl+J / \\ at line end: new line · ↑/↓ history",
    "@path mention a file · Tab completes · Esc interrupts the turn · Ctrl+C clears / interrupts, twice exits",
    "Shift+Tab cycles mode · Ctrl+O opens the transcript viewer · //text sends a literal slash",
    "MCP: /mcp__<server>__<prompt> args runs a server's prompt · @<server>:<uri> attaches one of its resources",
  ];
  return [...cmds, "", ...keys].join("\n");
}
