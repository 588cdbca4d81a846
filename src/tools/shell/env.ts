// The environment a shell command gets: the parent's, minus anything that looks like a credential (by name, by
// known key shape, or a URL with a password) or that changes how bash, the dynamic linker, node or git behave
// behind the command's back; plus git hardening through GIT_CONFIG_* (acts like `git -c` and beats the
// repository's own .git/config) and a PATH on which the workspace cannot supply programs. Pure but for stat.

import { sanitizePath } from "../../utils/exec-path.js";
import { hasUrlCredentials } from "../../utils/url-credentials.js";

// _PWD$ is MYSQL_PWD and friends (never PWD or OLDPWD, the working folders).
const SECRET_NAME =
  /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|COOKIE|SESSION|PRIVATE|AUTH|_PASS$|^PASS$|_PAT$|_PWD$|DSN$|WEBHOOK)/i;
const SECRET_PREFIX =
  /^(AWS|AZURE|ARM|GCP|GCLOUD|GOOGLE|GH|GITHUB|GITLAB|BITBUCKET|OPENAI|ANTHROPIC|CLAUDE|PROTOAGENT|HF|HUGGING|HUGGINGFACE|NPM_CONFIG|NPM|YARN_NPM|DOCKER|OPENROUTER|GROQ|MISTRAL|DEEPSEEK|XAI|GEMINI|COHERE|TOGETHER|FIREWORKS|PERPLEXITY|REPLICATE|CLOUDFLARE|CF|DIGITALOCEAN|DO|HEROKU|VERCEL|NETLIFY|STRIPE|TWILIO|SLACK|SENTRY|DATADOG|DD|PGPASS|MYSQL_PWD|VAULT|CODECOV|CIRCLE|TRAVIS|SNYK|SONAR|OP|LINEAR|NOTION|SUPABASE|FIREBASE|AZUREAI|VOYAGE|JINA|TAVILY|SERPAPI|BRAVE)_/i;
// biome-ignore format: a compact table is easier to review
const BEHAVIOUR = new Set([
  "BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "PROMPT_COMMAND", "PS4", "CDPATH", "GLOBIGNORE", "IFS", "HISTFILE",
  "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS_UNSAFE", "PYTHONSTARTUP", "PYTHONPATH", "PERL5OPT", "PERL5LIB",
  "RUBYOPT", "RUBYLIB", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "SSH_ASKPASS", "SUDO_ASKPASS", "EDITOR_COMMAND",
]);
/** Not secrets themselves, only handles to agents the user runs; approved commands (git push) need them. */
const KEEP = new Set([
  "SSH_AUTH_SOCK",
  "XAUTHORITY",
  "DBUS_SESSION_BUS_ADDRESS",
  "XDG_SESSION_ID",
  "XDG_SESSION_TYPE",
]);
const BEHAVIOUR_PREFIX = /^(BASH_FUNC_|LD_|DYLD_|GIT_)/;
const SECRET_VALUE =
  /^(sk-[A-Za-z0-9_-]{16,}|sk-ant-|ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|xox[abposr]-|AKIA[0-9A-Z]{12,}|ASIA[0-9A-Z]{12,}|hf_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{30,}|npm_[A-Za-z0-9]{30,})/;

/**
 * Git settings forced for every command (like `git -c`), so a hostile repository cannot start programs.
 * diff.external cannot be switched off this way (an empty value makes every `git diff` fail with "cannot run");
 * the classifier asks when the repository sets it, and auto-run diffs get --no-ext-diff instead.
 */
export const GIT_HARDENING: ReadonlyArray<readonly [string, string]> = [
  ["core.fsmonitor", "false"],
  ["core.hooksPath", "/dev/null"],
  ["core.pager", "cat"],
  ["log.showSignature", "false"],
  ["protocol.ext.allow", "never"],
  ["uploadpack.packObjectsHook", ""],
  // A bare repository committed inside the workspace (`cd evil && git log`) would bring its own config.
  ["safe.bareRepository", "explicit"],
];

/** True when an environment variable must not reach a child process. */
export function isScrubbed(name: string, value: string): boolean {
  if (KEEP.has(name)) return false;
  return (
    SECRET_NAME.test(name) ||
    SECRET_PREFIX.test(name) ||
    BEHAVIOUR.has(name) ||
    BEHAVIOUR_PREFIX.test(name) ||
    SECRET_VALUE.test(value) ||
    // A URL carrying a password (`postgres://user:pass@host`, any scheme), anywhere in the value.
    hasUrlCredentials(value)
  );
}

/**
 * Builds the child environment from the parent's (pass process.env). With `workspace` (a realpath), PATH loses
 * empty, relative and in-workspace entries, so a repository's node_modules/.bin/git is never what runs.
 */
export function shellEnvironment(parent: NodeJS.ProcessEnv, workspace?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || isScrubbed(name, value)) continue;
    env[name] = value;
  }
  if (workspace !== undefined) env.PATH = sanitizePath(parent.PATH, workspace);
  env.PAGER = "cat";
  env.GIT_PAGER = "cat";
  env.GIT_TERMINAL_PROMPT = "0";
  env.GIT_EDITOR = "true";
  env.GCM_INTERACTIVE = "never";
  env.GIT_CONFIG_COUNT = String(GIT_HARDENING.length);
  GIT_HARDENING.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}
