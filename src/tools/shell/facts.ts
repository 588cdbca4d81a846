// What a command statically says, for deny rules (not for auto-run, which is stricter): every literal word
// of every command — redirect targets and `find -exec` programs included — decoded the way bash passes them,
// and whether anything is NOT statically decodable (expansions, substitutions, brace lists, here-documents, or a
// program that runs text as code). Deny rules match the decoded words and fail closed on an opaque command, so
// `$'\x74ouch'`, `t$()ouch`, `{touch,x}` or `echo … | sh` cannot slip past `--deny 'bash(touch:*)'`. Pure.
import type { ShellNode } from "./parser.js";
import { decodeWord } from "./words.js";

export interface CommandFacts {
  /** Each simple command's decoded words (globs left as written). */
  commands: string[][];
  /** Why the command cannot be known in advance; absent when every word is literal. */
  opaque?: string;
}

const OPAQUE_NODES: Record<string, string> = {
  command_substitution: "a command substitution",
  process_substitution: "a process substitution",
  simple_expansion: "a variable",
  expansion: "a parameter expansion",
  arithmetic_expansion: "an arithmetic expansion",
  ansi_c_string: "an ANSI-C quoted string",
  translated_string: "a translated string",
  brace_expression: "a brace expansion",
  heredoc_redirect: "a here-document",
  herestring_redirect: "a here-string",
  function_definition: "a function definition",
};

// biome-ignore format: a compact table is easier to review
const RUNS_TEXT = new Set([
  "sh", "bash", "zsh", "dash", "ksh", "fish", "csh", "tcsh", "busybox", "eval", "exec", "source", ".", "python",
  "python3", "node", "deno", "bun", "perl", "ruby", "php", "lua", "awk", "gawk", "mawk", "xargs", "env",
  "command", "builtin", "sudo", "doas", "su", "nice", "nohup", "timeout", "watch", "stdbuf", "time", "parallel",
  "osascript", "pwsh", "powershell", "alias",
]);

const WORDS = new Set(["word", "string", "raw_string", "number", "concatenation"]);

export function commandFacts(root: ShellNode): CommandFacts {
  const commands: string[][] = [];
  let opaque: string | undefined = root.hasError ? "bash would not parse it as written" : undefined;
  const visit = (node: ShellNode, words: string[] | undefined) => {
    const why = OPAQUE_NODES[node.type];
    if (why) opaque ??= `it contains ${why}`;
    if (node.type === "command") {
      const own: string[] = [];
      commands.push(own);
      for (const c of node.children) visit(c, own);
      const name = own[0]?.split("/").pop();
      if (name && RUNS_TEXT.has(name)) opaque ??= `${name} runs text it is given as code`;
      return;
    }
    if (WORDS.has(node.type) && words) {
      const d = decodeWord(node.text);
      if (d.ok) words.push(d.word.value);
      else opaque ??= d.reason;
      return;
    }
    if (node.type === "file_redirect") {
      // A redirect target counts as a word of its command for path rules (`echo x > secrets/y`); a redirect
      // outside any command (on a list) gets a command of its own.
      let into = words;
      if (!into) {
        into = [];
        commands.push(into);
      }
      for (const c of node.namedChildren) visit(c, into);
      return;
    }
    if (node.type === "variable_assignment") {
      // `CI=1 npm test`: the value is an environment setting, not an argument; only its decodability counts.
      for (const c of node.children) visit(c, []);
      return;
    }
    for (const c of node.children) visit(c, words);
  };
  visit(root, undefined);
  return opaque ? { commands, opaque } : { commands };
}
