// The TUI's name for the one untrusted-text filter (src/utils/terminal-text.ts), shared with the core.
export { sanitizeForTerminal } from "../../utils/terminal-text.js";
