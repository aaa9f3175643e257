import type { ProcessFile, QueueFile } from '../../formats'
import { allNodes } from '../process-graph'
import { byName, nameOf, type ProjectFile } from '../project-model'
import type { RuleContext } from '../rule-context'
import { validationRules as R } from '../validation-rules'

function publishesTo(process: ProcessFile, queue: string): boolean {
  return allNodes(process).some((gn) => gn.node.kind === 'queue-publish' && gn.node.queue === queue)
}

/** Does following forwardTo from `start` reach `target`? */
function forwardsBackTo(queues: readonly ProjectFile<QueueFile>[], start: string, target: string): boolean {
  const seen = new Set<string>()
  let current: string | undefined = start
  while (current !== undefined && !seen.has(current)) {
    if (current === target) return true
    seen.add(current)
    current = byName(queues, current)?.value?.deadLetter.forwardTo
  }
  return false
}

/**
 * Queues and processes agree in both directions: a queue-publish node names a declared queue that lists the
 * process among its producers; every listed producer exists and publishes there; every listed consumer exists
 * and is triggered by that queue; a dead-letter forward names another declared queue.
 */
export function queueRules(ctx: RuleContext): void {
  const { model } = ctx
  for (const file of model.processes) {
    const process = file.value
    if (!process) continue
    for (const gn of allNodes(process)) {
      const node = gn.node
      if (node.kind !== 'queue-publish') continue
      const queue = byName(model.queues, node.queue)
      if (!queue) {
        ctx.report({
          rule: R.publishUnknownQueue,
          file,
          pointer: `${gn.pointer}/queue`,
          message: `Node ${gn.id} publishes to queue ${node.queue}, which is not declared in infra/queues/.`,
          hint: `Add infra/queues/${node.queue}.queue.json, or name a declared queue.`,
        })
      } else if (queue.value && !queue.value.producers.includes(process.name)) {
        ctx.report({
          rule: R.publishNotProducer,
          file,
          pointer: `${gn.pointer}/queue`,
          message: `Node ${gn.id} publishes to ${node.queue}, but the queue does not list ${process.name} among its producers.`,
          hint: `Add "${process.name}" to the producers of ${node.queue}.`,
        })
      }
    }
  }
  for (const file of model.queues) {
    const queue = file.value
    if (!queue) continue
    queue.producers.forEach((name, i) => {
      const pf = byName(model.processes, name)
      if (!pf) {
        ctx.report({
          rule: R.queueProducerUnknown,
          file,
          pointer: `/producers/${i}`,
          message: `Producer ${name} of queue ${queue.name} is not a process of the project.`,
          hint: 'List only existing processes (by name), or remove the entry.',
        })
      } else if (pf.value && !publishesTo(pf.value, queue.name)) {
        ctx.report({
          rule: R.queueProducerNoPublish,
          file,
          pointer: `/producers/${i}`,
          message: `Process ${name} is listed as a producer of ${queue.name} but has no queue-publish node on it.`,
          hint: `Add a queue-publish node on ${queue.name} to ${name}, or remove it from the producers.`,
        })
      }
    })
    for (const name of Object.keys(queue.consumers)) {
      const pf = byName(model.processes, name)
      const pointer = `/consumers/${name}`
      if (!pf) {
        ctx.report({
          rule: R.queueConsumerUnknown,
          file,
          pointer,
          message: `Consumer ${name} of queue ${queue.name} is not a process of the project.`,
          hint: 'List only existing queue-consumer processes, or remove the entry.',
        })
        continue
      }
      const trigger = pf.value?.execution.trigger
      if (pf.value && !(trigger?.kind === 'queue' && trigger.queue === queue.name)) {
        ctx.report({
          rule: R.queueConsumerNotTriggered,
          file,
          pointer,
          message: `Process ${name} is listed as a consumer of ${queue.name} but is not triggered by it.`,
          hint: `Make ${name} a queue-consumer with trigger { "kind": "queue", "queue": "${queue.name}" }, or remove it.`,
        })
      }
    }
    const forward = queue.deadLetter.forwardTo
    if (forward !== undefined) {
      if (forward === queue.name) {
        ctx.report({
          rule: R.queueForwardSelf,
          file,
          pointer: '/deadLetter/forwardTo',
          message: `Queue ${queue.name} forwards its dead letters to itself.`,
          hint: 'Forward to another declared queue, or remove forwardTo (dead letters stay in the project store).',
        })
      } else if (forwardsBackTo(model.queues, forward, queue.name)) {
        ctx.report({
          rule: R.queueForwardCycle,
          severity: 'warning',
          file,
          pointer: '/deadLetter/forwardTo',
          message: `Dead letters of ${queue.name} are forwarded to ${forward}, whose dead letters come back to ${queue.name}.`,
          hint: 'A message failing everywhere would circulate between the queues; end the chain at a queue without forwardTo.',
        })
      } else if (!model.queues.some((q) => nameOf(q) === forward)) {
        ctx.report({
          rule: R.queueForwardUnknown,
          file,
          pointer: '/deadLetter/forwardTo',
          message: `Queue ${queue.name} forwards dead letters to ${forward}, which is not a declared queue.`,
          hint: 'Name a declared queue, or remove forwardTo.',
        })
      }
    }
  }
}
