// A project that ships everything project trust gates: `.protoagent/protoagent.jsonc` with an MCP stdio server (the
// SDK fixture) and a PreToolUse hook, an `.mcp.json` server and a project agent file — for the trust tests of the
// runtime and of the TUI's trust prompt.
import { readFileSync } from "node:fs";
import { dataDir } from "../../src/config/paths.js";
import { trustStorePath } from "../../src/config/trust.js";
import { FIXTURE } from "../fixtures/mcp/harness.js";
import { type HookScript, hookScript, oneHook } from "./hooks.js";
import type { TempEnv } from "./temp.js";

export interface UntrustedProject {
  hook: HookScript;
  /** The command line of the config's MCP server, as the trust prompt shows it. */
  serverCommand: string;
  config: string;
  agent: string;
}

export function writeUntrustedProject(t: TempEnv, hookCommand?: string): UntrustedProject {
  const hook = hookScript(t, "pre");
  const config = t.write(
    ".protoagent/protoagent.jsonc",
    JSON.stringify({
      mcp: { servers: { fx: { command: process.execPath, args: [FIXTURE, "stdio"] } } },
      hooks: oneHook("PreToolUse", hookCommand ?? hook.command),
    }),
  );
  const agent = t.write(
    ".claude/agents/helper.md",
    "---\nname: helper\ndescription: Project helper.\n---\nHelp.\n",
  );
  return { hook, serverCommand: `${process.execPath} ${FIXTURE} stdio`, config, agent };
}

/** The trust store's entries (absolute path → sha256), empty when there is none yet. */
export function trustedHashes(t: TempEnv): Record<string, string> {
  try {
    const store = JSON.parse(readFileSync(trustStorePath(dataDir(t.env)), "utf8")) as {
      projects: Record<string, { sha256: string }>;
    };
    return Object.fromEntries(Object.entries(store.projects).map(([k, v]) => [k, v.sha256]));
  } catch {
    return {};
  }
}
