// The rule-specifier lookup production builds from the session's registry, here from the built-in tools alone:
// tests parse `bash(…)`, `write_file(…)`, `webfetch(domain:…)` rules from what those tools declare.
import type { SpecifierOf } from "../../src/approval/rules.js";
import { builtinTools } from "../../src/tools/builtin.js";

const declared = new Map(builtinTools().map((t) => [t.name, t.ruleSpecifier]));

export const builtinSpecifiers: SpecifierOf = (name) => declared.get(name);
