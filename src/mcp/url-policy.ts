// Which remote MCP URLs may be contacted. The rule: a server in the user's own config may use any http(s) URL
// (a local dev server on localhost is a normal thing to add yourself). A server that came with the project
// (its protoagent.jsonc or .mcp.json, even once trusted) goes through webfetch's SSRF policy (utils/net-guard):
// public addresses only — no loopback, private, link-local/metadata (169.254.169.254) or blocked names, every
// DNS answer checked. Checked on every connect; the socket is not pinned (the SDK does its own fetch), so this
// stops configured and resolved-to-internal addresses, not a DNS answer that changes between check and connect.
import {
  checkUrl,
  defaultLookup,
  FetchRefusedError,
  type LookupFn,
  resolveChecked,
} from "../utils/net-guard.js";
import type { ServerOrigin } from "./origin.js";

/** Throws a one-line error when a project server's URL is not allowed; user servers always pass. */
export async function checkRemoteServerUrl(
  raw: string,
  origin: ServerOrigin,
  lookup: LookupFn = defaultLookup,
): Promise<void> {
  if (origin === "user") return;
  try {
    await resolveChecked(checkUrl(raw), lookup);
  } catch (error) {
    if (!(error instanceof FetchRefusedError)) throw error;
    const why = error.message.replace(/ webfetch only connects.*$/, "");
    throw new FetchRefusedError(
      `${why} A remote MCP server from a project config must be on a public address; add a local one to your user config instead.`,
    );
  }
}
