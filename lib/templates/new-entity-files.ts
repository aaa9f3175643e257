import type { JsonObject } from '../doc'

export type ApiType = 'rest' | 'event'

/**
 * The file a new API surface starts as: the smallest valid document of the chosen spec (the API type is chosen
 * first and fixes which spec the surface is, DESIGN rule 1). YAML like most hand-written specs.
 */
export function newApiSpec(type: ApiType, name: string): { path: string; text: string } {
  if (type === 'rest') {
    return {
      path: `apis/${name}.openapi.yaml`,
      text: `openapi: 3.1.0\ninfo:\n  title: ${name}\n  version: 1.0.0\npaths: {}\n`,
    }
  }
  return {
    path: `apis/${name}.asyncapi.yaml`,
    text: `asyncapi: 3.0.0\ninfo:\n  title: ${name}\n  version: 1.0.0\nchannels: {}\noperations: {}\n`,
  }
}

export type ProcessType =
  | 'calculation'
  | 'database-workflow'
  | 'background-job'
  | 'queue-consumer'
  | 'orchestrated-workflow'

/** The model each process type starts with (the form lets the user change it within the valid pairs). */
export const defaultModel: Record<ProcessType, 'sync' | 'async' | 'scheduled' | 'event-driven'> = {
  calculation: 'sync',
  'database-workflow': 'sync',
  'background-job': 'async',
  'queue-consumer': 'event-driven',
  'orchestrated-workflow': 'async',
}

/**
 * A new process: declared, typed, and ending in a return node, so it is valid as soon as it exists (except a
 * queue consumer, whose queue the user must name: nothing is inferred).
 */
export function newProcessFile(options: { id: string; name: string; type: ProcessType; queue?: string }): JsonObject {
  const model = defaultModel[options.type]
  const trigger: JsonObject =
    model === 'event-driven' ? { kind: 'queue', queue: options.queue ?? 'choose-a-queue' } : { kind: 'manual' }
  return {
    format: 'backplane.process/v1',
    id: options.id,
    name: options.name,
    type: options.type,
    execution: { model, trigger, timeout: '30s' },
    description: '',
    inputs: { type: 'object', properties: {} },
    outputs: { success: { type: 'object', properties: {} }, errors: {} },
    entry: 'done',
    nodes: { done: { kind: 'return', label: 'Done', value: { expr: '{}' } } },
    edges: [],
  }
}

export function newDatabaseFile(options: { id: string; name: string }): JsonObject {
  return {
    format: 'backplane.database/v1',
    id: options.id,
    name: options.name,
    description: '',
    type: 'sql',
    capabilities: ['crud', 'filtering', 'pagination'],
    semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
    connection: { scope: 'environment', poolSize: 5 },
    tables: {},
  }
}

export function newQueueFile(options: { id: string; name: string }): JsonObject {
  return {
    format: 'backplane.queue/v1',
    id: options.id,
    name: options.name,
    description: '',
    message: { type: 'object', properties: {} },
    producers: [],
    consumers: {},
    delivery: { ordering: 'unordered', mode: 'fan-out' },
    retry: { maxAttempts: 3, interval: '10s', backoffRate: 2, jitter: 'full' },
    deadLetter: { store: 'project' },
  }
}

/** A new node of a kind, with every field its schema requires (values the user then edits). */
export function newNode(kind: string, label: string): JsonObject {
  const expr = (e: string) => ({ expr: e })
  switch (kind) {
    case 'compute':
      return { kind, label, expression: expr('input'), output: { type: 'object' } }
    case 'transform':
      return { kind, label, fields: {}, output: { type: 'object', properties: {} } }
    case 'condition':
      return { kind, label, cases: [{ name: 'true', when: expr('true') }], defaultPort: 'false' }
    case 'for-each':
      return {
        kind,
        label,
        items: expr('[]'),
        maxConcurrency: 1,
        body: {
          entry: `${slug(label)}-item`,
          nodes: { [`${slug(label)}-item`]: { kind: 'return', label: 'Item done', value: expr('item') } },
          edges: [],
        },
        output: {},
      }
    case 'database':
      return {
        kind,
        label,
        database: 'choose-a-database',
        operation: { op: 'find', table: 'choose_a_table' },
        timeout: '10s',
      }
    case 'http':
      return {
        kind,
        label,
        method: 'GET',
        url: 'https://example.com/',
        responses: [{ status: '200', output: true, schema: {} }],
        timeout: '10s',
      }
    case 'queue-publish':
      return { kind, label, queue: 'choose-a-queue', message: expr('input'), timeout: '10s' }
    case 'call-process':
      return { kind, label, process: 'choose-a-process', input: expr('input'), timeout: '1m' }
    case 'wait':
      return { kind, label, duration: '1m' }
    case 'return':
      return { kind, label, value: expr('{}') }
    case 'fail':
      return { kind, label, error: 'ChooseAnError', details: expr('{}') }
    default:
      return { kind, label }
  }
}

/** A node id slug from a label (DESIGN §3: suggested from the first label, unique, never reused). */
export function slug(label: string): string {
  const s = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return /^[a-z]/.test(s) ? s.slice(0, 48) : `n-${s}`.slice(0, 48)
}

/** The first free id for a label, given every id ever used in the process. */
export function suggestId(label: string, taken: ReadonlySet<string>): string {
  const base = slug(label) || 'node'
  if (!taken.has(base)) return base
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`
}
