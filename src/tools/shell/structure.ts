// The shape gate for auto-run: the parsed command must be a plain list of simple commands joined by &&, ||, ;,
// | or newlines, whose words are literal (word, quoted string, number, or a concatenation of those). The only
// redirections tolerated are the harmless `>/dev/null`, `2>/dev/null`, `&>/dev/null` and `2>&1` / `>&2` forms.
// Returns each command's words as source text, or a reason to ask. Pure.
import type { ShellNode } from "./parser.js";

export const MAX_SUBCOMMANDS = 24;

/**
 * `inputs[i]` holds the source text of `< FILE` redirections of command i (checked like path operands);
 * `ends[i][j]` is the source offset just past word j of command i (empty for [ ] and [[ ]]).
 */
export type Structure =
  | { ok: true; commands: string[][]; inputs: string[][]; ends: number[][] }
  | { ok: false; reason: string };

const WORD_NODES = new Set(["word", "string", "raw_string", "number", "concatenation"]);
const WORD_PARTS = new Set([
  "word",
  "string",
  "string_content",
  "raw_string",
  "number",
  "concatenation",
  '"',
]);

const DESCRIBE: Record<string, string> = {
  command_substitution: "a command substitution",
  process_substitution: "a process substitution",
  simple_expansion: "a variable expansion",
  expansion: "a parameter expansion",
  arithmetic_expansion: "an arithmetic expansion",
  ansi_c_string: "an ANSI-C quoted string",
  translated_string: "a translated string",
  variable_assignment: "a variable assignment",
  heredoc_redirect: "a here-document",
  herestring_redirect: "a here-string",
  subshell: "a subshell",
  compound_statement: "a command group",
  function_definition: "a function definition",
  comment: "a comment",
  "&": "a background job (&)",
  "|&": "a |& pipe",
  if_statement: "control flow",
  for_statement: "control flow",
  c_style_for_statement: "control flow",
  while_statement: "control flow",
  case_statement: "control flow",
  "<": "a comparison or redirection with <",
  ">": "a comparison or redirection with >",
  negated_command: "a negated command (!)",
  declaration_command: "a declaration",
  unset_command: "unset",
  brace_expression: "brace expansion",
};

function ask(type: string): Structure {
  return {
    ok: false,
    reason: `The command uses ${DESCRIBE[type] ?? `shell syntax (${type})`}, which always asks.`,
  };
}

function isLiteral(node: ShellNode): string | null {
  if (!WORD_PARTS.has(node.type)) return node.type;
  for (const child of node.children) {
    if (!child) continue;
    const bad = isLiteral(child);
    if (bad) return bad;
  }
  return null;
}

const TEST_TOKENS = new Set(["!", "=", "==", "!=", "=~", "&&", "||", "(", ")"]);

function collectTestWords(node: ShellNode, out: string[]): string | null {
  for (const child of node.children) {
    if (!child) continue;
    if (["unary_expression", "binary_expression", "parenthesized_expression"].includes(child.type)) {
      const bad = collectTestWords(child, out);
      if (bad) return bad;
    } else if (WORD_NODES.has(child.type)) {
      const bad = isLiteral(child);
      if (bad) return bad;
      out.push(child.text);
    } else if (child.type === "test_operator" || TEST_TOKENS.has(child.type)) {
      out.push(child.type === "test_operator" ? child.text : `'${child.type}'`);
    } else if (!["[", "]", "[[", "]]"].includes(child.type)) {
      return child.type;
    }
  }
  return null;
}

type RedirectCheck = { kind: "harmless" } | { kind: "read"; source: string } | { kind: "ask" };

function checkRedirect(node: ShellNode): RedirectCheck {
  if (node.type !== "file_redirect") return { kind: "ask" };
  const op = node.children.find((c) => c && !c.isNamed)?.type ?? "";
  const dest = node.namedChildren.filter((c) => c && c.type !== "file_descriptor");
  const target = dest[0];
  if (dest.length !== 1 || !target) return { kind: "ask" };
  if ([">", ">>", "&>", "&>>", ">|", "<"].includes(op) && target.text === "/dev/null")
    return { kind: "harmless" };
  if (op === ">&" && (target.text === "1" || target.text === "2")) return { kind: "harmless" };
  // Reading a literal file is as safe as naming it as an operand; the caller path-checks it.
  if (op === "<" && WORD_NODES.has(target.type) && isLiteral(target) === null)
    return { kind: "read", source: target.text };
  return { kind: "ask" };
}

const REDIRECT_REASON = "The command redirects output to a file, which always asks.";

export function extractCommands(root: ShellNode): Structure {
  if (root.hasError) return { ok: false, reason: "The command does not parse as valid bash; it asks." };
  const commands: string[][] = [];
  const inputs: string[][] = [];
  const ends: number[][] = [];
  const visit = (node: ShellNode): Structure | null => {
    switch (node.type) {
      case "program":
      case "list":
      case "pipeline":
      case "redirected_statement": {
        for (const child of node.children) {
          if (!child) continue;
          if (!child.isNamed) {
            if ([";", "&&", "||", "|", "\n"].includes(child.type)) continue;
            return ask(child.type);
          }
          if (node.type === "redirected_statement" && child.type.endsWith("redirect")) {
            const r = checkRedirect(child);
            if (r.kind === "read" && inputs.length > 0) inputs[inputs.length - 1]?.push(r.source);
            else if (r.kind !== "harmless") {
              return child.type === "file_redirect"
                ? { ok: false, reason: REDIRECT_REASON }
                : ask(child.type);
            }
            continue;
          }
          const r = visit(child);
          if (r) return r;
        }
        return null;
      }
      case "command": {
        const words: string[] = [];
        const wordEnds: number[] = [];
        const reads: string[] = [];
        for (const child of node.children) {
          if (!child) continue;
          if (child.type === "command_name") {
            const inner = child.namedChildren;
            if (inner.length !== 1 || inner[0]?.type !== "word")
              return { ok: false, reason: "The command name is not a plain word." };
            words.push(child.text);
            wordEnds.push(child.end);
          } else if (WORD_NODES.has(child.type)) {
            const bad = isLiteral(child);
            if (bad) return ask(bad);
            words.push(child.text);
            wordEnds.push(child.end);
          } else if (child.type.endsWith("redirect")) {
            const r = checkRedirect(child);
            if (r.kind === "read") reads.push(r.source);
            else if (r.kind === "ask") {
              return child.type === "file_redirect"
                ? { ok: false, reason: REDIRECT_REASON }
                : ask(child.type);
            }
          } else {
            return ask(child.type);
          }
        }
        commands.push(words);
        inputs.push(reads);
        ends.push(wordEnds);
        if (commands.length > MAX_SUBCOMMANDS) {
          return {
            ok: false,
            reason: `The command chains more than ${MAX_SUBCOMMANDS} commands; long chains always ask.`,
          };
        }
        return null;
      }
      case "test_command": {
        // [ … ] and [[ … ]] are judged as the `test` builtin with the same words; < and > (a redirection
        // inside [ ]) ask.
        const words = ["test"];
        const bad = collectTestWords(node, words);
        if (bad) return ask(bad);
        commands.push(words);
        inputs.push([]);
        ends.push([]);
        return null;
      }
      default:
        return ask(node.type);
    }
  };
  const failure = visit(root);
  if (failure) return failure;
  if (commands.length === 0) return { ok: false, reason: "The command is empty." };
  return { ok: true, commands, inputs, ends };
}
