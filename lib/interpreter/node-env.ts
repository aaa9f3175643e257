import type { Evaluation } from './evaluate'
import type { Expression } from './process-types'
import type { Steps } from './steps'
import type { ActivityRequest, DefinitionBundle, NodeError, RunError, RunInfo } from './types'

/** What a node's semantics may read: its path, the run's definitions and facts, and its expression context. */
export type NodeEnv = {
  /** Node path: `id` in the root graph, `loop[2].id` inside a for-each body. */
  path: string
  bundle: DefinitionBundle
  run: RunInfo
  /** Current time (epoch ms) as the shell reported it: deterministic inside a workflow. */
  now: number
  /** Steps: synchronous unless the expression needs jsonata's async evaluator (see steps.ts). */
  evaluate(expression: Expression): Steps<Evaluation>
}

/** What running (or completing) one node gives the interpreter. */
export type NodeOutcome =
  | { type: 'done'; output: unknown; port: string }
  | { type: 'error'; error: NodeError }
  | { type: 'return'; value: unknown }
  | { type: 'fail'; error: RunError }
  | { type: 'activity'; input: unknown; request: ActivityRequest; timeoutMs: number }
  | { type: 'child'; input: unknown; process: string; timeoutMs: number }
  | { type: 'timer'; input: unknown; durationMs: number }
  | { type: 'for-each'; items: unknown[] }

/** Thrown by `expressionValue` and caught by the interpreter's dispatcher: an expression failure fails the node. */
export class ExpressionFailure extends Error {
  readonly nodeError: NodeError
  constructor(error: NodeError) {
    super(error.message)
    this.nodeError = error
  }
}

/** The value of an expression, or an `expression` node error (as an ExpressionFailure) naming what failed. */
export function* expressionValue(env: NodeEnv, expression: Expression, what: string): Steps<unknown> {
  const result = yield* env.evaluate(expression)
  if (!result.ok) throw new ExpressionFailure({ name: 'expression', message: `${what}: ${result.message}` })
  return result.value
}

/** Every entry of a name → expression map, evaluated in declaration order. */
export function* expressionValues(
  env: NodeEnv,
  map: Record<string, Expression> | undefined,
  what: string,
): Steps<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const [name, expression] of Object.entries(map ?? {}))
    out[name] = yield* expressionValue(env, expression, `${what}.${name}`)
  return out
}

export function outputMismatch(what: string, reason: string): NodeOutcome {
  return { type: 'error', error: { name: 'output-mismatch', message: `${what} does not match its schema: ${reason}` } }
}
