import {
  condition,
  continueAsNew,
  defineSignal,
  executeChild,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow'
import { durationMs, retryDelay, seedRandom } from '../../../lib/interpreter'
import type { RuntimeActivities } from '../activities/runtime-activities'
import { runErrorOf } from './failures'
import {
  DELIVER_MESSAGE,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryResult,
  ENQUEUE_SIGNAL,
  INTERPRET_PROCESS,
} from './workflow-types'

const { recordDeadLetter, publishMessage } = proxyActivities<RuntimeActivities>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 10, initialInterval: '1s' },
})

/**
 * One message to one consumer: runs the consumer process as a child; when the run fails, retries the whole delivery
 * with the queue's declared retry (durable timers, seeded jitter). After the last attempt the message goes to the
 * dead-letter store with its last error and attempt history, and to the forwarding queue when one is declared.
 */
export async function deliverMessage(delivery: Delivery): Promise<DeliveryResult> {
  const info = workflowInfo()
  const retry = delivery.queue.retry
  let random = seedRandom(info.workflowId)
  const attempts: DeliveryAttempt[] = []
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    const executionId = `${info.workflowId}/attempt-${attempt}`
    try {
      await executeChild(INTERPRET_PROCESS, {
        workflowId: executionId,
        args: [
          {
            bundle: delivery.bundle,
            input: delivery.message,
            origin: {
              kind: 'delivery',
              messageId: delivery.messageId,
              queue: delivery.queue.name,
              ...(delivery.replayOf ? { replayOf: delivery.replayOf } : {}),
            },
          },
        ],
        workflowExecutionTimeout: durationMs(delivery.bundle.process.execution.timeout),
      })
      return { status: 'delivered', attempts: attempt }
    } catch (error) {
      attempts.push({ attempt, executionId, error: runErrorOf(error), at: new Date().toISOString() })
      if (attempt < retry.maxAttempts) {
        const next = retryDelay({ ...retry, errors: ['*'] }, attempt, random)
        random = next.random
        await sleep(Math.max(1, next.delayMs))
      }
    }
  }
  await recordDeadLetter({ delivery, attempts })
  const forwardTo = delivery.queue.deadLetter.forwardTo
  if (forwardTo) {
    await publishMessage({
      bundle: delivery.bundle,
      queue: forwardTo,
      message: delivery.message,
      messageId: `${delivery.messageId}/dead/${delivery.consumer}`,
    })
  }
  return { status: 'dead-lettered', attempts: attempts.length }
}

export const enqueueSignal = defineSignal<[Delivery]>(ENQUEUE_SIGNAL)

/**
 * The consumer's gate: receives deliveries by signal and runs at most the consumer's declared concurrency of them
 * at once (as abandoned children, so a gate restart never kills a delivery). Continues as new when its history
 * grows, handing over what is still waiting; ends after an idle hour (the next publish starts it again).
 */
export async function consumerGate(waiting: Delivery[] = []): Promise<void> {
  const queue = [...waiting]
  let running = 0
  setHandler(enqueueSignal, (delivery) => {
    queue.push(delivery)
  })
  const limit = () => {
    const next = queue[0]
    return next ? (next.queue.consumers[next.consumer]?.concurrency ?? 1) : 1
  }
  for (;;) {
    const ready = await condition(() => queue.length > 0 && running < limit(), '1h')
    if (!ready) {
      if (queue.length === 0 && running === 0) return
      continue
    }
    const delivery = queue.shift() as Delivery
    running += 1
    executeChild(DELIVER_MESSAGE, {
      workflowId: delivery.deliveryId,
      args: [delivery],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    })
      .catch(() => undefined) // already delivered (same id), or dead-lettered: the delivery recorded it
      .finally(() => {
        running -= 1
      })
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5000) {
      await condition(() => running === 0)
      await continueAsNew<typeof consumerGate>(queue)
    }
  }
}
