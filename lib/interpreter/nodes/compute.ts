import { checkSchema } from '../check-schema'
import { expressionValue, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { ComputeNode } from '../process-types'

/** compute: one expression; its value must match the declared output schema. Port `out`. */
export async function runCompute(node: ComputeNode, env: NodeEnv): Promise<NodeOutcome> {
  const output = await expressionValue(env, node.expression, 'expression')
  const mismatch = checkSchema(node.output, output)
  if (mismatch) return outputMismatch('the output', mismatch)
  return { type: 'done', output, port: 'out' }
}
