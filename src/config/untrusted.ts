// What an untrusted project file would enable if the user trusted it, as the places that decide trust found it
// (the config filter, .mcp.json, .claude settings hooks, agent files, project skills). Each of them records one
// entry here instead of only warning, so the runtime can list them (the TUI's trust prompt) and trust exactly
// the content that was shown: `sha256` pins what the user saw. Texts are raw file content: sanitise to show.
import { HOOK_EVENTS, type HooksConfig, type McpServerConfig } from "./schema.js";

export type UntrustedKind = "mcp" | "hook" | "agent" | "skill" | "setting";

export interface UntrustedPart {
  kind: UntrustedKind;
  /** "MCP server fs: npx -y foo", "hook PreToolUse (Bash): ./check.sh", "permissions.allow: Bash(git *)". */
  text: string;
}

export interface UntrustedFile {
  path: string;
  /** SHA-256 of the content the parts were read from (trust records exactly this). */
  sha256: string;
  parts: UntrustedPart[];
}

/** Collects what the trust decisions of one session assembly left untrusted. */
export type UntrustedSink = (file: UntrustedFile) => void;

/** One MCP server, with its command line or URL in full (that is what the user decides on). */
export function serverPart(name: string, s: McpServerConfig): UntrustedPart {
  const how = s.command ? [s.command, ...(s.args ?? [])].join(" ") : (s.url ?? "");
  return { kind: "mcp", text: `MCP server ${name}: ${how}` };
}

/** One part per hook command, with its event, matcher and command. */
export function hookParts(hooks: HooksConfig | undefined): UntrustedPart[] {
  const out: UntrustedPart[] = [];
  for (const event of HOOK_EVENTS)
    for (const group of hooks?.[event] ?? [])
      for (const h of group.hooks) {
        const on = group.matcher && group.matcher !== "*" ? ` (${group.matcher})` : "";
        out.push({ kind: "hook", text: `hook ${event}${on}: ${h.command}` });
      }
  return out;
}
