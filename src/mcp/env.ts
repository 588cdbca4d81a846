// The environment an MCP stdio server is spawned with: a short allow-list of harmless variables from the parent
// (so shells, locales and temp dirs work) plus exactly the variables the server's config declares. Never the
// user's whole environment: API keys and tokens of other tools must not leak into third-party servers.

/** Variables inherited from the parent when set. Everything else must be declared in the server's `env`. */
export const INHERITED_ENV_VARS = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "TERM",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TMPDIR",
  "TZ",
  // Windows needs these to start most programs.
  "APPDATA",
  "LOCALAPPDATA",
  "HOMEDRIVE",
  "HOMEPATH",
  "PATHEXT",
  "PROGRAMFILES",
  "SYSTEMDRIVE",
  "SYSTEMROOT",
  "TEMP",
  "TMP",
  "USERNAME",
  "USERPROFILE",
  "COMSPEC",
] as const;

/** Builds the child environment. `parent` defaults to process.env; declared values win over inherited ones. */
export function minimalEnv(
  declared: Record<string, string> | undefined,
  parent: Record<string, string | undefined> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of INHERITED_ENV_VARS) {
    const value = parent[key];
    // Exported bash functions ("() { …") are a code-injection vector (Shellshock); never pass them on.
    if (value !== undefined && !value.startsWith("()")) env[key] = value;
  }
  return { ...env, ...declared };
}
