// Secret redaction applied to every record before it reaches disk (and usable by any logger).
// Secrets are the API keys handed in plus the values of secret-named environment variables; values shorter than
// 8 characters are ignored because replacing "true" or "1234" everywhere would corrupt ordinary text. On top,
// secrets recognisable by shape are masked wherever they appear (a .env line a command printed, a URL with a
// password, a provider key): only upper-case NAME=value assignments count, so ordinary code is left alone.
import { maskUrlCredentials } from "../utils/url-credentials.js";
import type { Env } from "./paths.js";

const SECRET_NAME =
  /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION_ID|DSN)/i;
/** Names that match the pattern but never hold secrets and whose values are common words/paths. */
const NOT_SECRET =
  /^(TERM_SESSION_ID|KEYMAP|XAUTHORITY|SSH_AUTH_SOCK|GPG_AGENT_INFO|.*_KEY_?PATH|.*_KEY_?FILE)$/i;
export const MIN_SECRET_LENGTH = 8;

export interface Redactor {
  /** Returns `text` with every known secret replaced by `[REDACTED:<name>]`. */
  text(text: string): string;
  /** Deep copy of a JSON-like value with every string redacted (object keys are left alone). */
  value<T>(value: T): T;
  /** How many distinct secrets are known (for diagnostics, never the values). */
  readonly size: number;
}

/** Shapes masked in any text: [pattern, replacement]. */
const SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    "[REDACTED:private key]",
  ],
  // MYSQL_PWD=…, DB_PASSWORD: "…", AWS_SECRET_ACCESS_KEY=… (env files, `env` output, export lines).
  [
    /\b([A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|_PWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Z0-9_]*\s*[=:]\s*["']?)[^\s"']{4,}/g,
    "$1[REDACTED]",
  ],
  [
    /\b(sk-[A-Za-z0-9_-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|hf_[A-Za-z0-9]{30,}|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})\b/g,
    "[REDACTED:token]",
  ],
];

function redactShapes(s: string): string {
  let out = maskUrlCredentials(s);
  for (const [re, replacement] of SHAPES) out = out.replace(re, replacement);
  return out;
}

interface Secret {
  name: string;
  value: string;
}

/** Collects secrets from explicit values (`name → value`) and from secret-named variables of `env`. */
export function createRedactor(
  opts: { secrets?: Record<string, string | undefined>; env?: Env } = {},
): Redactor {
  const byValue = new Map<string, string>();
  const add = (name: string, value: string | undefined) => {
    if (!value || value.length < MIN_SECRET_LENGTH || byValue.has(value)) return;
    byValue.set(value, name);
    // Tool arguments are JSON text: the secret also appears there in its escaped form.
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value && !byValue.has(escaped)) byValue.set(escaped, name);
  };
  for (const [name, value] of Object.entries(opts.secrets ?? {})) add(name, value);
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (SECRET_NAME.test(name) && !NOT_SECRET.test(name)) add(name, value);
  }
  // Longest first, so a secret that contains another is replaced whole.
  const secrets: Secret[] = [...byValue].map(([value, name]) => ({ name, value }));
  secrets.sort((a, b) => b.value.length - a.value.length);

  const text = (s: string): string => {
    let out = s;
    for (const { name, value } of secrets) {
      if (out.includes(value)) out = out.split(value).join(`[REDACTED:${name}]`);
    }
    return redactShapes(out);
  };
  const value = <T>(v: T): T => walk(v, text) as T;
  return { text, value, size: secrets.length };
}

function walk(v: unknown, text: (s: string) => string): unknown {
  if (typeof v === "string") return text(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, text));
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x, text);
    return out;
  }
  return v;
}
