import { expressionValue, type NodeEnv, type NodeOutcome } from '../node-env'
import type { ConditionNode } from '../process-types'
import type { Steps } from '../steps'

/**
 * condition: the first case (declaration order) whose `when` is exactly `true` leaves through its port; otherwise
 * the default port (`default`, or `false` in the two-case form). Output: `{ case }`, the port taken.
 */
export function* runCondition(node: ConditionNode, env: NodeEnv): Steps<NodeOutcome> {
  for (const c of node.cases) {
    const value = yield* expressionValue(env, c.when, `cases.${c.name}`)
    if (value === true) return { type: 'done', output: { case: c.name }, port: c.name }
  }
  return { type: 'done', output: { case: node.defaultPort }, port: node.defaultPort }
}
