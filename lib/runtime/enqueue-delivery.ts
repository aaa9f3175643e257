import type { Client } from '@temporalio/client'
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client'
import { CONSUMER_GATE, type Delivery, ENQUEUE_SIGNAL, gateId } from './workflow-contract'

/**
 * Hands one delivery to its consumer's gate (signal-with-start: the gate is started when not running). The gate
 * runs it as the workflow `delivery.deliveryId`, so handing the same delivery twice delivers it once.
 */
export async function enqueueDelivery(client: Client, taskQueue: string, delivery: Delivery): Promise<void> {
  try {
    await client.workflow.signalWithStart(CONSUMER_GATE, {
      workflowId: gateId(delivery.bundle.pin, delivery.queue.name, delivery.consumer),
      taskQueue,
      args: [[]],
      signal: ENQUEUE_SIGNAL,
      signalArgs: [delivery],
    })
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error
  }
}
