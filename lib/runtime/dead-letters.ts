import { and, desc, eq, inArray, type SQL } from 'drizzle-orm'
import { activeDeployment, bundleFor } from './definitions'
import { enqueueDelivery } from './enqueue-delivery'
import type { RuntimeContext, RuntimeFailure } from './runtime-context'
import { type DeadLetterStatus, deadLetters } from './tables'

export type ListDeadLettersFilter = {
  projectId: string
  environment?: string
  queue?: string
  consumer?: string
  status?: DeadLetterStatus
  /** Only these letters. */
  ids?: string[]
  limit?: number
}

/** Dead letters of a project, newest first: message, consumer, last error, attempt history, replay record. */
export async function listDeadLetters(ctx: Pick<RuntimeContext, 'db'>, filter: ListDeadLettersFilter) {
  const where: SQL[] = [eq(deadLetters.projectId, filter.projectId)]
  if (filter.environment) where.push(eq(deadLetters.environment, filter.environment))
  if (filter.queue) where.push(eq(deadLetters.queue, filter.queue))
  if (filter.consumer) where.push(eq(deadLetters.consumer, filter.consumer))
  if (filter.status) where.push(eq(deadLetters.status, filter.status))
  if (filter.ids) where.push(inArray(deadLetters.id, filter.ids))
  return ctx.db
    .select()
    .from(deadLetters)
    .where(and(...where))
    .orderBy(desc(deadLetters.createdAt))
    .limit(Math.min(filter.limit ?? 100, 1000))
}

export type ReplayResult = { id: string; deliveryId: string; commitId: string }

/**
 * Delivers dead letters again, each to its consumer as currently deployed in its environment (the point of a replay:
 * the fixed consumer), with the queue's retry; records which commit and delivery replayed it. A letter whose
 * environment has no deployment or no longer has that consumer is refused (nothing is replayed then).
 */
export async function replayDeadLetters(
  ctx: RuntimeContext,
  request: { projectId: string; ids: string[] },
): Promise<{ ok: true; replayed: ReplayResult[] } | { ok: false; error: RuntimeFailure }> {
  const letters = await ctx.db
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.projectId, request.projectId), inArray(deadLetters.id, request.ids)))
  const missing = request.ids.filter((id) => !letters.some((l) => l.id === id))
  if (missing.length)
    return { ok: false, error: { code: 'not-found', message: `no dead letter ${missing.join(', ')}` } }
  const plans = []
  for (const letter of letters) {
    const deployed = await activeDeployment(ctx.db, letter.projectId, letter.environment)
    if (!deployed)
      return { ok: false, error: { code: 'not-deployed', message: `nothing is deployed to ${letter.environment}` } }
    const consumer = deployed.definitions.processes[letter.consumer]
    const queue = deployed.definitions.queues[letter.queue]
    if (!consumer || !queue) {
      return {
        ok: false,
        error: {
          code: 'not-found',
          message: `${letter.consumer} no longer consumes ${letter.queue} in ${letter.environment}`,
        },
      }
    }
    plans.push({ letter, deployed, consumer, queue })
  }
  const replayed: ReplayResult[] = []
  for (const { letter, deployed, consumer, queue } of plans) {
    const deliveryId = `delivery/${letter.messageId}/${letter.consumer}/replay-${letter.id}-${Date.now()}`
    const pin = { projectId: letter.projectId, commitId: deployed.commitId, environment: letter.environment }
    await enqueueDelivery(ctx.temporal, ctx.taskQueue, {
      deliveryId,
      bundle: bundleFor(deployed.definitions, consumer, pin),
      queue,
      consumer: letter.consumer,
      message: letter.message,
      messageId: letter.messageId,
      replayOf: letter.id,
    })
    await ctx.db
      .update(deadLetters)
      .set({
        status: 'replayed',
        replayExecutionId: deliveryId,
        replayCommitId: deployed.commitId,
        replayedAt: new Date(),
      })
      .where(eq(deadLetters.id, letter.id))
    replayed.push({ id: letter.id, deliveryId, commitId: deployed.commitId })
  }
  return { ok: true, replayed }
}
