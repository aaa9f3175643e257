import { checkExpression } from '../expressions'
import type { Graph, Node, ProcessFile } from '../interpreter'
import { type Problem, problem } from '../problems'
import type { Definitions } from './definitions'

/**
 * What a deployment needs beyond the format validators (which a commit already passed): every edge, entry and
 * reference resolves, every expression is in the profile, every SQL block is executable. Located problems
 * (file + JSON pointer); an empty list means deployable. Pure.
 */
export function validateDefinitions(definitions: Definitions): Problem[] {
  const problems: Problem[] = []
  for (const p of Object.values(definitions.processes)) {
    const file = `processes/${p.name}.process.json`
    checkGraph(definitions, p, p, '', file, problems)
  }
  for (const q of Object.values(definitions.queues)) {
    const file = `infra/queues/${q.name}.queue.json`
    for (const consumer of Object.keys(q.consumers)) {
      if (!definitions.processes[consumer]) {
        problems.push(
          problem({
            severity: 'error',
            code: 'unknown-consumer',
            rule: 'queue.consumers',
            message: `consumer ${consumer} is not a process of this commit`,
            hint: 'Add the consumer process or remove it from consumers.',
            file,
            pointer: `/consumers/${consumer}`,
          }),
        )
      }
    }
  }
  return problems
}

function checkGraph(
  definitions: Definitions,
  p: ProcessFile,
  graph: Graph,
  base: string,
  file: string,
  problems: Problem[],
): void {
  const add = (code: string, pointer: string, message: string, hint: string) =>
    problems.push(problem({ severity: 'error', code, rule: `process.${code}`, message, hint, file, pointer }))
  if (!graph.nodes[graph.entry])
    add('unknown-entry', `${base}/entry`, `entry ${graph.entry} is not a node`, 'Point entry at a node id.')
  graph.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!graph.nodes[edge[end]])
        add(
          'unknown-node',
          `${base}/edges/${i}/${end}`,
          `edge ${end} ${edge[end]} is not a node here`,
          'Remove the edge or add the node.',
        )
    }
  })
  for (const [id, node] of Object.entries(graph.nodes)) {
    const at = `${base}/nodes/${id}`
    checkExpressions(node, at, add)
    switch (node.kind) {
      case 'database': {
        const block = definitions.databases[node.database]
        if (!block)
          add(
            'unknown-database',
            `${at}/database`,
            `database ${node.database} is not declared`,
            'Declare the block under infra/databases.',
          )
        else if (block.type !== 'sql') {
          add(
            'not-executable',
            `${at}/database`,
            `database ${node.database} is ${block.type}: validated, not yet executable`,
            'Only sql blocks run in v1.',
          )
        }
        break
      }
      case 'queue-publish':
        if (!definitions.queues[node.queue])
          add(
            'unknown-queue',
            `${at}/queue`,
            `queue ${node.queue} is not declared`,
            'Declare the queue under infra/queues.',
          )
        break
      case 'call-process':
        if (!definitions.processes[node.process])
          add(
            'unknown-process',
            `${at}/process`,
            `process ${node.process} is not in this commit`,
            'Name an existing process.',
          )
        break
      case 'fail':
        if (!p.outputs.errors[node.error])
          add(
            'undeclared-error',
            `${at}/error`,
            `error ${node.error} is not declared in outputs.errors`,
            'Declare it under outputs.errors.',
          )
        break
      case 'for-each':
        checkGraph(definitions, p, node.body, `${at}/body`, file, problems)
        break
    }
  }
}

/** Every `{ expr }` of a node (for-each bodies are checked on their own). */
function checkExpressions(
  node: Node,
  at: string,
  add: (code: string, pointer: string, message: string, hint: string) => void,
): void {
  const walk = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, `${pointer}/${i}`)
      })
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>
      if (typeof record.expr === 'string' && Object.keys(record).length === 1) {
        for (const e of checkExpression(record.expr).problems) {
          if (e.severity === 'error') add('expression', `${pointer}/expr`, e.message, e.hint)
        }
        return
      }
      for (const [k, v] of Object.entries(record)) {
        if (node.kind === 'for-each' && k === 'body') continue
        if (k === 'output' || k === 'schema' || k === 'responses') continue
        walk(v, `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`)
      }
    }
  }
  walk(node, at)
}
