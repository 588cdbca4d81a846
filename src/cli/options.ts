// The parsed command-line options shared by the headless runner and the interactive TUI.
import type { PermissionMode } from "../config/schema.js";
import type { SandboxMode } from "../sandbox/types.js";
import type { LogLevel } from "../utils/logger.js";

export type OutputFormat = "text" | "json" | "stream-json";

export interface CliOptions {
  /** true when -p was given without a prompt argument. */
  print?: string | boolean;
  model?: string;
  outputFormat: OutputFormat;
  maxTurns?: number;
  logLevel: LogLevel;
  dangerouslySkipPermissions: boolean;
  cwd: string;
  mode?: PermissionMode;
  /** --sandbox: the OS sandbox for shell commands (beats the config key). */
  sandbox?: SandboxMode;
  allow: string[];
  deny: string[];
  trustProject: boolean;
  session?: string;
  continue: boolean;
  forkSession: boolean;
  maxCost?: number;
  maxTokens?: number;
  timeout?: string;
}
