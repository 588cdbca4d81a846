// Public surface of the shell policy and runner. Importing this has no side effects: the grammar loads lazily.
export { classifyCommand, classifyWithParser, type ShellVerdict } from "./classify.js";
export { GIT_HARDENING, isScrubbed, shellEnvironment } from "./env.js";
export { type CommandFacts, commandFacts } from "./facts.js";
export { loadShellParser, type ShellParser } from "./parser.js";
export { type RunOptions, type RunResult, runShell } from "./run.js";
export { visibleEscapes } from "./screen.js";
