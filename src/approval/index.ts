// Public surface of the approval area: the engine, rule parsing for config validation, and scope helpers.
// Import from here; the other files are internal and may be reorganised.
export {
  type ApprovalEngine,
  type ApprovalEngineOptions,
  createApprovalEngine,
  type TemporaryAllowHandle,
  type ToolCallCheck,
  type ToolCallHints,
} from "./engine.js";
export { compileRuleSet, parseRule, parseRules, type Rule, type RuleSet } from "./rules.js";
export { scopesFor } from "./scopes.js";
export type {
  ApprovalAnswer,
  ApprovalHandler,
  ApprovalPrompt,
  ApprovalRecord,
  SessionScope,
} from "./types.js";
