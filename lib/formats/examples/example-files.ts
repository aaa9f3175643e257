import type { FormatKind } from '../schemas'

/** The examples of lib/formats/examples: file name → its format and the path it has in a project. */
export const exampleFiles: Readonly<Record<string, { kind: FormatKind; path: string }>> = {
  'backplane.json': { kind: 'manifest', path: 'backplane.json' },
  'create-order.process.json': { kind: 'process', path: 'processes/create-order.process.json' },
  'orders-db.database.json': { kind: 'database', path: 'infra/databases/orders-db.database.json' },
  'fulfilment.queue.json': { kind: 'queue', path: 'infra/queues/fulfilment.queue.json' },
  'canvas.json': { kind: 'canvas', path: 'canvas.json' },
}
