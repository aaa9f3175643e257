import catalogue from '../../schemas/expression-functions.json'

/**
 * The restricted profile's function catalogue, read from `schemas/expression-functions.json` (the contract).
 * Names keep their `$`. Frozen so no caller can widen the profile at run time.
 */
export type ExpressionFunctions = {
  readonly allowed: ReadonlySet<string>
  readonly higherOrder: ReadonlySet<string>
  /** Forbidden function name → the reason shown to the user. */
  readonly forbidden: Readonly<Record<string, string>>
  readonly limits: { readonly stack: number; readonly sequence: number; readonly expressionLength: number }
}

export const expressionFunctions: ExpressionFunctions = Object.freeze({
  allowed: new Set(catalogue.allowed),
  higherOrder: new Set(catalogue.higherOrder),
  forbidden: Object.freeze({ ...catalogue.forbidden }) as Readonly<Record<string, string>>,
  limits: Object.freeze({ ...catalogue.limits }),
})
