// getopt-style splitting of an argv into options and operands, driven by a command's rule (which options take
// a value), plus option matching that honours GNU long-option abbreviations (`--out` means `--output`) and
// short-option clusters (`-ni` contains `-i`). Pure.

export interface ParsedOption {
  /** "-n" or "--lines" (the name only, without "=value"). */
  name: string;
  value?: string;
}

export interface ParsedArgs {
  options: ParsedOption[];
  operands: string[];
  /** Every short letter seen in clusters, in order (before any attached value). */
  shortLetters: string[];
}

export interface OptionSyntax {
  /** Short option letters that take a value ("n" for `-n 5` / `-n5`). */
  shortValue?: string;
  /** Long options that take a value (`--lines 5` / `--lines=5`). */
  longValue?: readonly string[];
  /** When true, options are recognised after operands too (GNU permutation). Default true. */
  permute?: boolean;
  /** Treat a lone "-NUM" as an option (head -20). Default true. */
  numericOptions?: boolean;
}

export function parseArgs(args: readonly string[], syntax: OptionSyntax): ParsedArgs {
  const out: ParsedArgs = { options: [], operands: [], shortLetters: [] };
  const shortValue = syntax.shortValue ?? "";
  const longValue = syntax.longValue ?? [];
  const permute = syntax.permute ?? true;
  let onlyOperands = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (onlyOperands || arg === "-" || !arg.startsWith("-")) {
      out.operands.push(arg);
      if (!permute) onlyOperands = true;
      continue;
    }
    if (arg === "--") {
      onlyOperands = true;
      continue;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (eq >= 0) out.options.push({ name, value: arg.slice(eq + 1) });
      else if (longValue.includes(name) && i + 1 < args.length) out.options.push({ name, value: args[++i] });
      else out.options.push({ name });
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j] as string;
      out.shortLetters.push(letter);
      if (shortValue.includes(letter)) {
        const rest = arg.slice(j + 1);
        if (rest) out.options.push({ name: `-${letter}`, value: rest });
        else if (i + 1 < args.length) out.options.push({ name: `-${letter}`, value: args[++i] });
        else out.options.push({ name: `-${letter}` });
        break;
      }
      out.options.push({ name: `-${letter}` });
    }
  }
  return out;
}

/** True when a given long option name is the denied one or a GNU abbreviation of it (at least 3 chars). */
export function longMatches(given: string, denied: string): boolean {
  if (given === denied) return true;
  return given.length >= 3 && denied.startsWith(given);
}

/** Finds the first option that matches a deny list entry ("-i", "--in-place"). */
export function findDenied(parsed: ParsedArgs, deny: readonly string[]): string | null {
  for (const opt of parsed.options) {
    for (const d of deny) {
      if (d.startsWith("--") ? opt.name.startsWith("--") && longMatches(opt.name, d) : opt.name === d)
        return d;
    }
  }
  return null;
}

export function hasOption(parsed: ParsedArgs, names: readonly string[]): boolean {
  return parsed.options.some((o) =>
    names.some((n) => (n.startsWith("--") ? longMatches(o.name, n) : o.name === n)),
  );
}

/** Heuristic for option values: only values that look like paths get the containment check. */
export function looksLikePath(value: string): boolean {
  return value.includes("/") || value.startsWith(".") || value.startsWith("~");
}
