// Public surface of the approval area: the engine, rule parsing for config validation, and scope helpers.
// Import from here; the other files are internal and may be reorganised.
export {
  type ApprovalEngine,
  type ApprovalEngineOptions,
  createApprovalEngine,
  type TemporaryAllowHandle,
} from "./engine.js";
export { globToRegExp, isGlob } from "./glob.js";
export type { CallFacts } from "./match.js";
export {
  CLAUDE_TOOL_ALIASES,
  canonicalToolName,
  compileRuleSet,
  parseRule,
  parseRules,
  type Rule,
  type RuleSet,
  type SpecifierOf,
} from "./rules.js";
export { scopesFor } from "./scopes.js";
export {
  type ApprovalAnswer,
  type ApprovalHandler,
  type ApprovalOutcome,
  type ApprovalPrompt,
  type ApprovalRecord,
  type ApprovalRequest,
  type AuditDecision,
  type DeniedBy,
  type HookDecisionKind,
  type SessionScope,
  ToolDeniedError,
} from "./types.js";
