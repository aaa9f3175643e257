import { checkSchema } from '../check-schema'
import { expressionValue, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { ComputeNode } from '../process-types'
import type { Steps } from '../steps'

/** compute: one expression; its value must match the declared output schema. Port `out`. */
export function* runCompute(node: ComputeNode, env: NodeEnv): Steps<NodeOutcome> {
  const output = yield* expressionValue(env, node.expression, 'expression')
  const mismatch = checkSchema(node.output, output)
  if (mismatch) return outputMismatch('the output', mismatch)
  return { type: 'done', output, port: 'out' }
}
