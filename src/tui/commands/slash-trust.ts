// The trust prompt: at start-up (when the project has files that are not trusted for their current content) and on
// /trust, a dialog in place of the input lists each file with what it would enable — MCP server commands and URLs,
// hook commands in full, agent files, skills — and offers to trust those files as they are now, or not now (Esc).
// Trusting goes through the runtime (it re-checks each file's content and re-assembles the session).
import type { ProjectTrustResult } from "../../runtime/index.js";
import { type CommandHost, note } from "./slash-host.js";

const TRUST = "trust";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Trusted 2 files: 1 MCP server starting, 1 hook, 1 agent." */
export function trustedNotice(r: ProjectTrustResult): string {
  const c = r.counts;
  const what = [
    c.mcp ? `${plural(c.mcp, "MCP server")} starting` : "",
    c.hook ? plural(c.hook, "hook") : "",
    c.agent ? plural(c.agent, "agent") : "",
    c.skill ? `${plural(c.skill, "skill")}' allowed-tools` : "",
    c.setting ? plural(c.setting, "setting") : "",
  ].filter(Boolean);
  return `Trusted ${plural(r.trusted.length, "file")}${what.length ? `: ${what.join(", ")}` : ""}.`;
}

/**
 * Opens the trust dialog; with nothing to trust, says so when `quiet` is not set (start-up asks only when there is
 * something). Where the app cannot show a dialog, says how to trust instead.
 */
export function openTrust(host: CommandHost, opts: { quiet?: boolean } = {}): void {
  const { untrustedProject, trustProject } = host.services;
  const files = untrustedProject?.() ?? [];
  if (files.length === 0 || !trustProject) {
    if (!opts.quiet) note(host, "Nothing to trust: no project file is waiting for trust in this session.");
    return;
  }
  if (!host.pick) {
    note(host, "Run protoagent with --trust-project to trust this project.", "warn");
    return;
  }
  const cwd = host.state().cwd;
  host.pick({
    title: "Trust this project?",
    hint: "(↑/↓, Enter; Esc: not now) ",
    body: [
      ...(cwd ? [cwd] : []),
      ...files.flatMap((f) => [`${f.path}:`, ...f.parts.map((p) => `  ${p.text}`)]),
    ],
    items: [
      { id: TRUST, label: "Trust (these files as they are now)" },
      { id: "not-now", label: "Not now" },
    ],
    async onPick(item) {
      if (item.id !== TRUST) return;
      const r = await trustProject();
      if (r.trusted.length) note(host, trustedNotice(r));
      if (r.changed.length)
        note(
          host,
          `Not trusted (changed since shown): ${r.changed.join(", ")}. Review it, then /trust again.`,
          "warn",
        );
    },
  });
}
