import { and, asc, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import { type Db, yjsSnapshots, yjsUpdates } from '../../db'
import { migrateDocument } from '../../doc'

/**
 * The project's design document as the durable log holds it: the snapshot plus every logged row not yet folded
 * into it, in `seq` order (rows read before the snapshot, as the collab server's loader does, so a compaction
 * between the two reads loses nothing; a row applied twice is harmless), migrated to the current layout in memory.
 * Read-only: nothing is written and no collab server is involved. A row Yjs refuses is skipped (only a bug could
 * have logged it). An unknown project gives an empty document.
 */
export async function loadDesignDoc(db: Db, projectId: string): Promise<Y.Doc> {
  const rows = await db
    .select({ update: yjsUpdates.update })
    .from(yjsUpdates)
    .where(and(eq(yjsUpdates.projectId, projectId), eq(yjsUpdates.doc, 'design')))
    .orderBy(asc(yjsUpdates.seq))
  const [snapshot] = await db
    .select({ state: yjsSnapshots.state })
    .from(yjsSnapshots)
    .where(and(eq(yjsSnapshots.projectId, projectId), eq(yjsSnapshots.doc, 'design')))
  const doc = new Y.Doc()
  for (const update of snapshot ? [snapshot.state, ...rows.map((r) => r.update)] : rows.map((r) => r.update)) {
    try {
      Y.applyUpdate(doc, update)
    } catch {
      // Skipped: the collab server trial-applies every update before logging it.
    }
  }
  migrateDocument(doc)
  return doc
}
