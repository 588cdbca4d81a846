// Matching shell commands against `bash(...)` rules and session scopes. Asymmetric on purpose:
// allow-side matching is strict (a prefix rule never covers a command carrying operators, substitutions,
// redirections or invisible characters), deny/ask-side matching is generous (any sub-command, after wrappers).

/** Shell syntax that could chain, substitute or redirect, plus controls and invisible/bidi characters. */
const UNSAFE_FOR_PREFIX =
  /[;&|<>`$(){}\\\n\r\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00a0\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Commands that run their arguments as another command; deny rules look through them. */
const WRAPPERS = new Set([
  "sudo",
  "doas",
  "env",
  "command",
  "builtin",
  "exec",
  "nohup",
  "time",
  "nice",
  "timeout",
  "stdbuf",
  "xargs",
  "watch",
  "bash",
  "sh",
  "zsh",
  "dash",
  "eval",
]);

/** Parameter expansion, command substitution or eval: the command text does not show what will run. */
const DYNAMIC = /[$`]|\beval\b|\bsource\b|(^|[\s;&|])\.\s/;

export function tokens(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** True when the command could be anything other than one plain simple command. */
export function hasShellSyntax(command: string): boolean {
  return UNSAFE_FOR_PREFIX.test(command);
}

function startsWithTokens(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  return needle.every((t, i) => haystack[i] === t);
}

/** Strict: the whole command is `prefix` or `prefix <args>` and is one plain simple command. */
export function matchesPrefixStrict(command: string, prefix: string): boolean {
  if (hasShellSyntax(command)) return false;
  return startsWithTokens(tokens(command), tokens(prefix));
}

/** Strict: exactly the command the rule names (surrounding whitespace ignored). */
export function matchesExact(command: string, exact: string): boolean {
  return command.trim() === exact.trim();
}

/** Splits on every operator or substitution opener so each piece starts where a command could start. */
function segments(command: string): string[] {
  return command.split(/\$\(|[;&|\n\r()`{}]/).filter((s) => s.trim() !== "");
}

const unquote = (t: string): string => t.replace(/["'\\]/g, "");
const baseName = (t: string): string => t.slice(t.lastIndexOf("/") + 1);

/** Starting offsets inside a segment where the real command may begin (after assignments, wrappers, flags). */
function commandStarts(words: string[]): number[] {
  const starts = [0];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const skippable =
      /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || WRAPPERS.has(baseName(w)) || /^-/.test(w) || /^\d/.test(w);
    if (!skippable) break;
    starts.push(i + 1);
  }
  return starts;
}

/**
 * Generous: true when any sub-command of `command` (split on operators and substitutions, looking through
 * wrappers like `sudo`/`env`/`bash -c`) starts with the rule's words. Used for deny and ask rules.
 */
export function matchesAnywhere(command: string, ruleWords: string[], exact: boolean): boolean {
  if (ruleWords.length === 0) return false;
  const want = ruleWords.map((w, i) => (i === 0 ? baseName(unquote(w)) : unquote(w)));
  // With variables or substitutions nobody can tell statically what runs (`x=rm; $x -rf /`): any command that
  // mentions every word of the rule counts as a match.
  if (DYNAMIC.test(command)) {
    const words = new Set(command.split(/[^A-Za-z0-9_.+-]+/));
    if (want.every((w) => words.has(w))) return true;
  }
  for (const seg of segments(command)) {
    const words = tokens(seg).map(unquote);
    for (const start of commandStarts(words)) {
      const rest = words.slice(start);
      if (rest.length === 0) continue;
      const head = [baseName(rest[0] as string), ...rest.slice(1)];
      if (
        exact ? head.length === want.length && startsWithTokens(head, want) : startsWithTokens(head, want)
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * The "commands starting with …" prefix offered for a session grant: the command word plus a subcommand-like
 * second word (`npm test`, `git commit`, `cargo build`); null when the command is not one plain command.
 */
export function suggestPrefix(command: string, hint?: string): string | null {
  if (hasShellSyntax(command)) return null;
  if (hint && matchesPrefixStrict(command, hint)) return tokens(hint).join(" ");
  const words = tokens(command);
  const first = words[0];
  if (!first || /["']/.test(first)) return null;
  const second = words[1];
  if (second && /^[a-z][a-z0-9:_-]*$/i.test(second)) return `${first} ${second}`;
  return first;
}
