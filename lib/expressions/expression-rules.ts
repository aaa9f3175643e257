/**
 * Rule ids (Problem.rule) and codes (Problem.code) of the expression profile. `code` is the class a caller can
 * switch on; `rule` is the precise, documented rule.
 */
export const expressionRules = {
  syntax: { code: 'expression-syntax', rule: 'expression.syntax' },
  tooLong: { code: 'expression-syntax', rule: 'expression.too-long' },
  functionForbidden: { code: 'expression-profile', rule: 'expression.function.forbidden' },
  functionUnknown: { code: 'expression-profile', rule: 'expression.function.unknown' },
  functionNotBuiltin: { code: 'expression-profile', rule: 'expression.function.not-builtin' },
  lambdaNotInline: { code: 'expression-profile', rule: 'expression.lambda.not-inline' },
  lambdaNamed: { code: 'expression-profile', rule: 'expression.lambda.named' },
  recursion: { code: 'expression-profile', rule: 'expression.recursion' },
  regexUnsupported: { code: 'expression-profile', rule: 'expression.regex.unsupported' },
  unknownRoot: { code: 'expression-reference', rule: 'expression.reference.unknown-root' },
  unknownNode: { code: 'expression-reference', rule: 'expression.reference.unknown-node' },
  nodeNotRun: { code: 'expression-reference', rule: 'expression.reference.node-not-run' },
  itemOutsideForEach: { code: 'expression-reference', rule: 'expression.reference.item-outside-for-each' },
  unknownRunField: { code: 'expression-reference', rule: 'expression.reference.unknown-run-field' },
  unknownVariable: { code: 'expression-reference', rule: 'expression.reference.unknown-variable' },
  unknownField: { code: 'expression-field', rule: 'expression.field.unknown' },
  runtime: { code: 'expression-runtime', rule: 'expression.runtime' },
  resultNotJson: { code: 'expression-runtime', rule: 'expression.result.not-json' },
} as const

export type ExpressionRule = (typeof expressionRules)[keyof typeof expressionRules]
