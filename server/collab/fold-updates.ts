import * as Y from 'yjs'

export interface FoldResult {
  /** The encoded state of the snapshot with every update that applies. */
  state: Uint8Array
  /** Updates Yjs refused to apply (dropped; they could only have come from a bug). */
  skipped: number
}

/**
 * The Yjs fold of a compaction: snapshot + updates → one encoded state. Pure CPU and no I/O, so it runs in the fold
 * worker (`fold-worker.ts`) or, when that is unavailable, in-process — same code, same bytes. A snapshot that does
 * not apply throws (the compaction fails and the rows stay); an update that does not apply is skipped.
 */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): FoldResult {
  let ydoc = new Y.Doc()
  let skipped = 0
  try {
    // One merged apply is several times faster than a thousand small ones.
    Y.applyUpdate(ydoc, Y.mergeUpdates(snapshot ? [snapshot, ...updates] : updates))
  } catch {
    // Some update does not decode (only a bug could have logged it): apply one by one, dropping the bad ones.
    ydoc.destroy()
    ydoc = new Y.Doc()
    if (snapshot) Y.applyUpdate(ydoc, snapshot)
    for (const update of updates) {
      try {
        Y.applyUpdate(ydoc, update)
      } catch {
        skipped++
      }
    }
  }
  const state = Y.encodeStateAsUpdate(ydoc)
  ydoc.destroy()
  return { state, skipped }
}
