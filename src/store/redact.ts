// Secret redaction applied to every record before it reaches disk (and usable by any logger).
// Secrets are the API keys handed in plus the values of secret-named environment variables; values shorter than
// 8 characters are ignored because replacing "true" or "1234" everywhere would corrupt ordinary text.
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
    return out;
  };
  const value = <T>(v: T): T => (secrets.length === 0 ? v : (walk(v, text) as T));
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
