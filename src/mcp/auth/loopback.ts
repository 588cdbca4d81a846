// The redirect target of a login (RFC 8252 loopback redirect): a node:http listener on 127.0.0.1 with an
// ephemeral port (or the configured one). It accepts one GET /callback whose `state` matches, answers with a
// plain "you can close this tab" page and stops listening. Anything else is refused without ending the wait.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port>/callback */
  url: string;
  /** The authorization code, once the browser has been redirected here with the right `state`. */
  code: Promise<string>;
  close(): Promise<void>;
}

const PAGE = (text: string) =>
  `<!doctype html><meta charset="utf-8"><title>protoagent</title><p style="font-family:sans-serif">${text}</p>\n`;

export async function startLoopback(opts: { state: string; port?: number }): Promise<LoopbackRedirect> {
  let settle!: { resolve(code: string): void; reject(error: Error): void };
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  code.catch(() => {}); // The caller may stop waiting (abort) without reading it.
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const reply = (status: number, text: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8", connection: "close" });
      res.end(PAGE(text));
    };
    if (req.method !== "GET" || url.pathname !== "/callback") return reply(404, "Not found.");
    // A request without our state is not the redirect we started (another tab, a stray page): ignore it.
    if (url.searchParams.get("state") !== opts.state)
      return reply(400, "This login link is not the current one.");
    const error = url.searchParams.get("error");
    const value = url.searchParams.get("code");
    if (error || !value) {
      reply(400, "Login failed. You can close this tab and return to the terminal.");
      // Only a well-formed OAuth error code is repeated; the description is server text.
      const why = error && /^[a-z_]{1,64}$/.test(error) ? error : "no authorization code";
      settle.reject(new Error(`the authorization server refused the login (${why})`));
    } else {
      reply(200, "Logged in. You can close this tab and return to the terminal.");
      settle.resolve(value);
    }
    res.once("finish", () => void close());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/callback`, code, close };
}
