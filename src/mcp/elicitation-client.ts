// The client side of what a server may ask us: `elicitation/create` (form and URL mode) and `roots/list`.
// The capabilities we declare are exactly what is wired here. A form request whose schema we cannot show is
// declined; a URL request is shown with its full URL and the browser is opened only after the user accepted.
import { pathToFileURL } from "node:url";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  type ClientCapabilities,
  ElicitRequestSchema,
  type ElicitResult,
  ListRootsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { openBrowser } from "../utils/open-browser.js";
import type { ElicitationHandler, ElicitationRequest } from "./elicitation.js";
import { formFields } from "./elicitation.js";

/** Form and URL elicitation, and the workspace as the only root (it never changes within a session). */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
  elicitation: { form: {}, url: {} },
  roots: {},
};

export interface ServerRequestOptions {
  server: string;
  /** The workspace root, offered as the one root. */
  cwd: string;
  /** Asks the front-end (or declines when it cannot ask). */
  elicit: ElicitationHandler;
  /** Cancelled when the connection closes. */
  closed: AbortSignal;
  /** The signals of the calls now running: interrupting the turn that runs them cancels an open form too. */
  callSignals(): AbortSignal[];
  /** One line for the user (a URL we could not open). */
  notice(message: string): void;
}

async function answer(
  req: ElicitationRequest,
  opts: ServerRequestOptions,
  signal: AbortSignal,
): Promise<ElicitResult> {
  const result = await opts.elicit(req, AbortSignal.any([signal, opts.closed, ...opts.callSignals()]));
  if (result.action !== "accept") return { action: result.action };
  if (req.mode === "url") {
    // Consent given: open it for the user, or tell them where to go when no browser can be started.
    if (!(await openBrowser(req.url)))
      opts.notice(`Open this URL to continue (MCP server "${opts.server}"): ${req.url}`);
    return { action: "accept" };
  }
  return { action: "accept", content: result.content ?? {} };
}

/** Registers the handlers for requests the server sends us. Call before connect(). */
export function handleServerRequests(client: Client, opts: ServerRequestOptions): void {
  client.setRequestHandler(ListRootsRequestSchema, () => ({
    roots: [{ uri: pathToFileURL(opts.cwd).href, name: "workspace" }],
  }));
  client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
    const p = request.params;
    if (p.mode === "url") {
      if (!/^https?:\/\//i.test(p.url)) return { action: "decline" };
      return answer({ server: opts.server, mode: "url", message: p.message, url: p.url }, opts, extra.signal);
    }
    let fields: ReturnType<typeof formFields>;
    try {
      fields = formFields(p.requestedSchema);
    } catch (error) {
      opts.notice(
        `MCP server "${opts.server}" asked for input we cannot show (${(error as Error).message}); declined.`,
      );
      return { action: "decline" };
    }
    return answer({ server: opts.server, mode: "form", message: p.message, fields }, opts, extra.signal);
  });
}
