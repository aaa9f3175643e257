import { expressionValue, type NodeEnv, type NodeOutcome } from '../node-env'
import type { ReturnNode } from '../process-types'

/** return: ends the run (or one for-each item) with a value; the caller checks it against the success schema. */
export async function runReturn(node: ReturnNode, env: NodeEnv): Promise<NodeOutcome> {
  const value = await expressionValue(env, node.value, 'value')
  return { type: 'return', value: value === undefined ? null : value }
}
