// The bash policy told to the model where it applies, instead of in the tool description that every request
// carries: what a hard block covers (with the denial), how to see output that was cut (with the cut output) and
// that git hooks did not run (after a git command that would have run them). Pure text builders.

/** The hard-block classes (blocks.ts), spelled out for the model once a command hits one. */
export const HARD_BLOCK_RULE =
  "protoagent never runs privilege escalation (sudo, su, doas), recursive deletion or permission changes of /, ~ or system folders, disk formatting or partitioning, writes onto disk devices, fork bombs, or shutdown and reboot, not even with the user's approval.";

/** The ToolDeniedError text for a hard-blocked command; `reason` is the classifier's ("Blocked: …"). */
export function blockedMessage(reason: string): string {
  const why = reason.replace(/^Blocked: /, "");
  return `Command blocked for safety: ${why} It cannot be run in any form: ${HARD_BLOCK_RULE} Do not retry it or a variant of it; if the task truly needs it, tell the user the exact command so they can run it themselves.`;
}

/** The note after output whose middle was left out. */
export function truncatedNote(size: string): string {
  return `Output was ${size}; the middle was left out. To see more, filter it (| grep, | head, | tail) or redirect it to a file and read parts of that with read_file.`;
}

/** git subcommands that run repository hooks (pre-commit, commit-msg, pre-push, post-checkout …). */
const HOOKED = new Set([
  "commit",
  "merge",
  "push",
  "rebase",
  "am",
  "cherry-pick",
  "revert",
  "checkout",
  "switch",
  "pull",
]);
/** git options that take the next word as their value. */
const WITH_VALUE = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"]);

function gitSubcommand(words: readonly string[]): string | undefined {
  for (let i = 1; i < words.length; i++) {
    const w = words[i] ?? "";
    if (WITH_VALUE.has(w)) i++;
    else if (!w.startsWith("-")) return w;
  }
  return undefined;
}

/**
 * A note when a command ran a git subcommand whose hooks the hardened environment disabled
 * (core.hooksPath=/dev/null), so the model does not assume the project's checks ran. `commands` are the
 * decoded words of each simple command.
 */
export function gitHooksNote(commands: readonly (readonly string[])[]): string | undefined {
  const sub = commands
    .filter((words) => words[0] === "git" || words[0]?.endsWith("/git"))
    .map(gitSubcommand)
    .find((s) => s !== undefined && HOOKED.has(s));
  if (sub === undefined) return undefined;
  return `git hooks do not run for commands protoagent runs, so none ran for git ${sub}. If the project relies on them (linters, tests, commit-message checks), run those checks yourself.`;
}
