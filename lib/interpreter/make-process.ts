import type { Edge, JsonSchema, Node, ProcessFile } from './process-types'
import type { DefinitionBundle } from './types'

/**
 * A minimal valid process around a node graph: for tests, benches and previews of sub-graphs. Edges may be given
 * as `from:port>to` strings.
 */
export function makeProcess(options: {
  name?: string
  entry: string
  nodes: Record<string, Node>
  edges?: (Edge | string)[]
  inputs?: JsonSchema
  success?: JsonSchema
  errors?: ProcessFile['outputs']['errors']
}): ProcessFile {
  return {
    format: 'backplane.process/v1',
    id: 'prc_0000000000000000test',
    name: options.name ?? 'test-process',
    type: 'orchestrated-workflow',
    execution: { model: 'async', trigger: { kind: 'manual' }, timeout: '1h' },
    description: '',
    inputs: options.inputs ?? { type: 'object' },
    outputs: { success: options.success ?? true, errors: options.errors ?? {} },
    entry: options.entry,
    nodes: options.nodes,
    edges: (options.edges ?? []).map(parseEdge),
  }
}

function parseEdge(edge: Edge | string): Edge {
  if (typeof edge !== 'string') return edge
  const match = /^([^:]+):([^>]+)>(.+)$/.exec(edge)
  if (!match) throw new Error(`edge ${edge}: expected from:port>to`)
  return { from: match[1] as string, port: match[2] as string, to: match[3] as string }
}

/** A bundle around one process (plus optional others), pinned to a placeholder commit. */
export function makeBundle(
  process: ProcessFile,
  rest: Partial<Omit<DefinitionBundle, 'process'>> = {},
): DefinitionBundle {
  return {
    process,
    processes: rest.processes ?? {},
    databases: rest.databases ?? {},
    queues: rest.queues ?? {},
    pin: rest.pin ?? { projectId: 'prj_test', commitId: 'cmt_test', environment: 'development' },
  }
}
