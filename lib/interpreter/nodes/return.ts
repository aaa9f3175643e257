import { expressionValue, type NodeEnv, type NodeOutcome } from '../node-env'
import type { ReturnNode } from '../process-types'
import type { Steps } from '../steps'

/** return: ends the run (or one for-each item) with a value; the caller checks it against the success schema. */
export function* runReturn(node: ReturnNode, env: NodeEnv): Steps<NodeOutcome> {
  const value = yield* expressionValue(env, node.value, 'value')
  return { type: 'return', value: value === undefined ? null : value }
}
