// Opens a URL in the user's browser: `$BROWSER` when set (its first `:`-separated entry), else the platform's
// opener (open, xdg-open). The URL is one argument, never parsed by a shell. Returns false when nothing
// could be started, so the caller prints the URL instead.
import { spawn } from "node:child_process";

function opener(env: Record<string, string | undefined>): [string, string[]] | undefined {
  const browser = env.BROWSER?.split(":")[0]?.trim();
  if (browser) return [browser, []];
  if (process.platform === "darwin") return ["open", []];
  // Windows' `start` goes through cmd.exe, which would parse the URL: print it there instead.
  if (process.platform === "win32") return undefined;
  return ["xdg-open", []];
}

/** Starts the browser on `url` (http/https only) and resolves once it was spawned (true) or could not be (false). */
export function openBrowser(
  url: string,
  env: Record<string, string | undefined> = process.env,
): Promise<boolean> {
  const which = opener(env);
  if (!which || !/^https?:\/\//i.test(url)) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(which[0], [...which[1], url], { stdio: "ignore", detached: true });
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
