export type { CheckExpressionResult } from './check-expression'
export { checkExpression, quoteName } from './check-expression'
export type { CompletionItem, CompletionKind, Completions } from './completions-at'
export { completionsAt } from './completions-at'
export type {
  CompiledExpression,
  CompileExpressionResult,
  EvaluateOptions,
  EvaluateResult,
  EvaluationError,
  ExpressionContext,
  JsonValue,
} from './evaluate-expression'
export { compileExpression, evaluateExpression } from './evaluate-expression'
export type { AstNode } from './expression-ast'
export type { ExpressionFunctions } from './expression-functions'
export { expressionFunctions } from './expression-functions'
export type { ExpressionPosition } from './expression-position'
export { positionInExpression } from './expression-position'
export type { ExpressionRule } from './expression-rules'
export { expressionRules } from './expression-rules'
export type { ExpressionScope } from './expression-scope'
export { emptyScope, runFields } from './expression-scope'
export type { ExpressionParseCache, ExpressionProblem, ParseExpressionResult } from './parse-expression'
export { createExpressionParseCache, parseExpression } from './parse-expression'
export type { RegexEngine, RegexEngineInstance } from './re2-regex-engine'
export { Re2RegExp } from './re2-regex-engine'
export type { FieldLookup, JsonSchema, SchemaField } from './schema-fields'
export { listFields, lookupField } from './schema-fields'
