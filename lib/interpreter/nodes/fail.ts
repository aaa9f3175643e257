import { checkSchema } from '../check-schema'
import { expressionValue, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { FailNode } from '../process-types'
import type { Steps } from '../steps'

/**
 * fail: ends the run with one of the process's declared errors; its details must match that error's schema (else
 * the node fails with output-mismatch, an undeclared error name with `unsupported`).
 */
export function* runFail(node: FailNode, env: NodeEnv): Steps<NodeOutcome> {
  const declaration = env.bundle.process.outputs.errors[node.error]
  if (!declaration) {
    return {
      type: 'error',
      error: { name: 'unsupported', message: `error ${node.error} is not declared in outputs.errors` },
    }
  }
  const details = yield* expressionValue(env, node.details, 'details')
  const mismatch = checkSchema(declaration.schema, details)
  if (mismatch) return outputMismatch(`the details of ${node.error}`, mismatch)
  return {
    type: 'fail',
    error: { name: node.error, message: declaration.description, details, declared: true, node: env.path },
  }
}
