import type { DatabaseFile } from '../interpreter'

/** A database block for tests: sql with one `orders` table (and an index), else one collection. */
export const databaseBlock = (name: string, type: DatabaseFile['type']): DatabaseFile =>
  ({
    format: 'backplane.database/v1',
    id: `db_${name}`,
    name,
    description: '',
    type,
    capabilities: ['crud'],
    semantics: { reads: 'strong', writes: 'transactional', isolation: 'read-committed' },
    connection: { scope: 'environment', poolSize: 1 },
    ...(type === 'sql'
      ? {
          tables: {
            orders: {
              columns: { id: { type: 'text', nullable: false }, note: { type: 'text', nullable: true } },
              primaryKey: ['id'],
              indexes: { orders_note_idx: { columns: ['note'] } },
            },
          },
        }
      : { collections: { things: { type: 'object' } } }),
  }) as DatabaseFile
