import { durationMs } from '../duration'
import { expressionValue, type NodeEnv, type NodeOutcome } from '../node-env'
import type { CallProcessNode } from '../process-types'
import type { Steps } from '../steps'

/**
 * call-process: a child run of another process of the same bundle (the caller's commit). The child checks its
 * input and output against its own schemas; its declared errors reach the caller as `error.<Name>`.
 */
export function* runCallProcess(node: CallProcessNode, env: NodeEnv): Steps<NodeOutcome> {
  if (!env.bundle.processes[node.process]) {
    return {
      type: 'error',
      error: { name: 'unsupported', message: `process ${node.process} is not in the run's definitions` },
    }
  }
  const input = yield* expressionValue(env, node.input, 'input')
  return { type: 'child', input, process: node.process, timeoutMs: durationMs(node.timeout) }
}
