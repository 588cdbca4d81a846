// The core as front-ends see it: the Runtime, its options, first-run setup, and the types of the event
// protocol and approval channel. Headless, the TUI and ACP import the core only through this file (the
// architecture test enforces it).
export type { AgentEvent, StopReason, SubAgentTag, ToolStatus } from "../agent/events.js";
export type { LoopResult } from "../agent/loop.js";
export { type ContentPart, contentText, type Message, type ToolCall, type Usage } from "../agent/messages.js";
export type {
  ApprovalAnswer,
  ApprovalHandler,
  ApprovalPrompt,
  ApprovalRecord,
  SessionScope,
} from "../approval/types.js";
export { dataDir, type Env } from "../config/paths.js";
export type { McpServerConfig, PermissionMode, TuiConfig } from "../config/schema.js";
export {
  type ElicitationAnswer,
  type ElicitationHandler,
  type ElicitationRequest,
  type ElicitField,
  type ElicitValue,
  initialText,
  parseField,
  validateForm,
} from "../mcp/elicitation.js";
export { describeCall } from "../tools/describe.js";
export type { Todo } from "../tools/todo.js";
export type {
  FilePort,
  TerminalPort,
  TerminalResult,
  TerminalRun,
  Tool,
  ToolCallDescription,
  ToolDetails,
} from "../tools/tool.js";
export { listAgentsText } from "./agents-list.js";
export type { RuntimeOptions } from "./assemble.js";
export { ATTACH_MAX_BYTES, ATTACH_MAX_LINES, type FileAttachment } from "./attach.js";
export type { DescribeArea } from "./describe.js";
export { type LiveModelInfo, type LiveModels, listLiveModels } from "./live-models.js";
export { isMcpPromptCommand, type McpOffer } from "./mcp-catalog.js";
export { runtimeOptionsFromCli } from "./options.js";
export type { ProjectTrustResult, UntrustedProjectFile } from "./project-trust.js";
export type { FileAction, FilePlan, RewindPreview, RewindResult, RewindScope, TurnInfo } from "./rewind.js";
export { Runtime } from "./runtime.js";
export type { ContextFigure, SessionSummary, ToolEndView, TranscriptEntry } from "./session-view.js";
export { type ModelChoice, type SetupOffer, setupFor } from "./setup.js";
export { SHELL_CONTEXT_CHARS, type UserShellOptions, type UserShellResult } from "./user-shell.js";
