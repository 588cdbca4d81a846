// Opens a URL in the user's browser: `$BROWSER` when set (a command, its first `:`-separated entry, the URL
// appended as one argument — never parsed by a shell), else the platform's opener. Only http(s) URLs are
// opened. Resolves false when there is no opener or it could not be started, so the caller prints the URL.
// Used by `mcp login` and by MCP URL-mode elicitation.
import { spawn } from "node:child_process";

export type OpenUrl = (url: string) => Promise<boolean>;

function opener(env: Record<string, string | undefined>): string[] | undefined {
  const browser = env.BROWSER?.trim();
  if (browser) return browser.split(":")[0]!.trim().split(/\s+/);
  if (process.platform === "darwin") return ["open"];
  if (process.platform === "win32") return ["rundll32", "url.dll,FileProtocolHandler"];
  // A Linux box without a display (SSH, CI) has nobody to show a browser to.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  return ["xdg-open"];
}

export function browserOpener(env: Record<string, string | undefined> = process.env): OpenUrl {
  return (url) =>
    new Promise((resolve) => {
      const argv = opener(env);
      if (!argv?.[0] || !/^https?:\/\//i.test(url)) return resolve(false);
      try {
        const child = spawn(argv[0], [...argv.slice(1), url], { stdio: "ignore", detached: true });
        child.once("error", () => resolve(false));
        child.once("spawn", () => {
          child.unref();
          resolve(true);
        });
      } catch {
        resolve(false);
      }
    });
}

/** Opens `url` with the process's environment. */
export const openBrowser: OpenUrl = (url) => browserOpener()(url);
