import { checkSchema } from '../check-schema'
import { durationMs } from '../duration'
import { expressionValue, type NodeEnv, type NodeOutcome, outputMismatch } from '../node-env'
import type { QueuePublishNode } from '../process-types'
import type { Steps } from '../steps'

/**
 * queue-publish: the message must match the queue's message schema before anything is sent. The message id is
 * the run id + node path, so a retried publish starts no second delivery (deliveries are keyed by it).
 * Output: `{ messageId }`.
 */
export function* runQueuePublish(node: QueuePublishNode, env: NodeEnv): Steps<NodeOutcome> {
  const block = env.bundle.queues[node.queue]
  if (!block) {
    return {
      type: 'error',
      error: { name: 'unsupported', message: `queue ${node.queue} is not in the run's definitions` },
    }
  }
  const message = yield* expressionValue(env, node.message, 'message')
  const mismatch = checkSchema(block.message, message)
  if (mismatch) return outputMismatch(`the message for ${node.queue}`, mismatch)
  const messageId = `${env.run.id}/${env.path}`
  return {
    type: 'activity',
    input: { queue: node.queue, message },
    timeoutMs: durationMs(node.timeout),
    request: { kind: 'queue-publish', queue: node.queue, block, message, messageId },
  }
}

export function completeQueuePublish(result: unknown): NodeOutcome {
  const messageId =
    result !== null && typeof result === 'object' && 'messageId' in result
      ? (result as { messageId: unknown }).messageId
      : null
  return { type: 'done', output: { messageId }, port: 'out' }
}
