// Everything the bash tool needs at run time, loaded on its first call so that start-up does not evaluate the
// classifier tables, validators and process runner.
export { classifyCommand } from "./classify.js";
export { shellEnvironment } from "./env.js";
export { formatBytes } from "./output.js";
export { loadShellParser } from "./parser.js";
export { runShell } from "./run.js";
export { visibleEscapes } from "./screen.js";
export { strictReason } from "./strict.js";
