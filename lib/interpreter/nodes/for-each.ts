import { expressionValue, type NodeEnv, type NodeOutcome } from '../node-env'
import type { ForEachNode } from '../process-types'
import type { Steps } from '../steps'

/**
 * for-each: the items expression must give an array (no match = no items). The interpreter then runs the body once
 * per item, at most maxConcurrency at a time, and collects the bodies' return values in item order.
 */
export function* runForEach(node: ForEachNode, env: NodeEnv): Steps<NodeOutcome> {
  const items = yield* expressionValue(env, node.items, 'items')
  if (items === undefined) return { type: 'for-each', items: [] }
  if (!Array.isArray(items)) {
    return { type: 'error', error: { name: 'expression', message: `items: expected an array, got ${typeof items}` } }
  }
  return { type: 'for-each', items }
}
