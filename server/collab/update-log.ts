import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db, DocKind } from '../../lib/db'
import { yjsSnapshots, yjsUpdates } from '../../lib/db'
import { createFolder, type Folder } from './fold-worker'

export interface LoggedUpdate {
  projectId: string
  doc: DocKind
  update: Uint8Array
  userId: string | null
  connectionId: string
}

export interface LoadedDocument {
  /** Snapshot state (if any) followed by every logged row not yet folded into it, in `seq` order. */
  updates: Uint8Array[]
  snapshotBytes: number
  logBytes: number
  logRows: number
}

export interface CompactionResult {
  /** Rows folded into the snapshot and deleted. 0 = nothing to do. */
  rows: number
  uptoSeq: number | null
  snapshotBytes: number
  /** Rows whose update Yjs refused to apply (dropped; they could only have come from a bug). */
  skipped: number
}

export interface UpdateLog {
  /**
   * Durably appends one update; resolves with its `seq` once committed. Appends arriving while the writers are
   * busy are batched into the next multi-row INSERT (one transaction): group commit.
   */
  append(row: LoggedUpdate): Promise<number>
  load(projectId: string, doc: DocKind): Promise<LoadedDocument>
  /**
   * Folds the snapshot and up to `maxRows` of the oldest rows into a new snapshot and deletes exactly those rows, in
   * one transaction under a per-document advisory lock (so two instances never compact the same document at once).
   */
  compact(projectId: string, doc: DocKind, options?: { maxRows?: number }): Promise<CompactionResult>
  /** Resolves when no append is queued or in flight. */
  drain(): Promise<void>
  /** Counters since start, for operations (`BACKPLANE_COLLAB_STATS=1` prints them). */
  stats(): UpdateLogStats
  /**
   * Ends the fold worker (if one was started); compactions after this fold in-process. The database stays open.
   * Optional for short-lived users: the worker never keeps a process alive.
   */
  close(): Promise<void>
}

export interface UpdateLogOptions {
  maxInFlight?: number
  /** Where compaction folds run. Default: a fold worker thread of this log's own (`fold-worker.ts`). */
  folder?: Folder
}

export interface UpdateLogStats {
  appended: number
  batches: number
  largestBatch: number
  pending: number
  inFlight: number
  /** Sum and maximum of append-to-commit times (ms). */
  appendMsTotal: number
  appendMsMax: number
}

interface Pending {
  at: number
  row: LoggedUpdate
  resolve: (seq: number) => void
  reject: (err: unknown) => void
}

/** Rows per INSERT: bounded so one statement stays well below the 65 535-parameter limit. */
const maxBatchRows = 1_000

/**
 * The durable Yjs storage of the collab server over the `yjs_updates` / `yjs_snapshots` tables. Loading never
 * trusts `upto_seq` to find later rows: it reads every remaining row, because a row with a lower `seq` may commit
 * after a compaction that read a higher one (sequences are assigned before commit). Applying a row twice is harmless
 * (Yjs updates are idempotent), and compaction deletes exactly the rows it folded in.
 */
export function createUpdateLog(db: Db, options: UpdateLogOptions = {}): UpdateLog {
  // Up to `maxInFlight` INSERTs run at once (on different pool connections, so PostgreSQL's own WAL group commit
  // shares one flush among them); appends arriving while all are busy wait and go together in the next one.
  // With 1 this is textbook group commit; more lowers queueing latency under load.
  const maxInFlight = Math.max(1, options.maxInFlight ?? 4)
  let pending: Pending[] = []
  let inFlight = 0
  let scheduled = false
  let idle: Array<() => void> = []
  const counters = { appended: 0, batches: 0, largestBatch: 0, appendMsTotal: 0, appendMsMax: 0 }
  // The Yjs fold of a compaction is CPU only (≈10 ms for a small document, 100–200 ms for a 1,000-node one): off
  // the event loop, so the edits of every document this server holds are not held up behind it.
  const folder = options.folder ?? createFolder()

  // Most batches hold one row: that INSERT is a prepared statement (built once here; parsed and planned once per
  // pool connection by PostgreSQL), instead of drizzle building the SQL text and PostgreSQL parsing, describing and
  // planning it again for every keystroke. Larger batches keep the multi-row INSERT.
  const appendOne = db
    .insert(yjsUpdates)
    .values({
      projectId: sql.placeholder('projectId'),
      doc: sql.placeholder('doc'),
      update: sql.placeholder('update'),
      userId: sql.placeholder('userId'),
      connectionId: sql.placeholder('connectionId'),
    })
    .returning({ seq: yjsUpdates.seq })
    .prepare('backplane_yjs_append_one')

  async function write(batch: Pending[]): Promise<void> {
    try {
      const only = batch.length === 1 ? batch[0] : undefined
      const rows = only
        ? await appendOne.execute({ ...only.row })
        : await db
            .insert(yjsUpdates)
            .values(batch.map((p) => p.row))
            .returning({ seq: yjsUpdates.seq })
      const now = performance.now()
      counters.batches++
      counters.largestBatch = Math.max(counters.largestBatch, batch.length)
      batch.forEach((p, i) => {
        counters.appended++
        counters.appendMsTotal += now - p.at
        counters.appendMsMax = Math.max(counters.appendMsMax, now - p.at)
        p.resolve(rows[i]?.seq ?? 0)
      })
    } catch (err) {
      for (const p of batch) p.reject(err)
    }
  }

  function pump(): void {
    scheduled = false
    while (inFlight < maxInFlight && pending.length > 0) {
      const batch = pending.slice(0, maxBatchRows)
      pending = pending.slice(batch.length)
      inFlight++
      void write(batch).finally(() => {
        inFlight--
        pump()
      })
    }
    if (inFlight === 0 && pending.length === 0) {
      for (const resolve of idle) resolve()
      idle = []
    }
  }

  return {
    append(row) {
      return new Promise<number>((resolve, reject) => {
        pending.push({ at: performance.now(), row, resolve, reject })
        // A microtask, not a timer: appends made in the same turn share a statement, at no added latency.
        if (!scheduled) {
          scheduled = true
          queueMicrotask(pump)
        }
      })
    },

    stats: () => ({ ...counters, pending: pending.length, inFlight }),

    close: () => folder.close(),

    drain() {
      if (inFlight === 0 && pending.length === 0) return Promise.resolve()
      return new Promise<void>((resolve) => idle.push(resolve))
    },

    async load(projectId, doc) {
      // Rows first, then the snapshot: a compaction committing in between deleted rows we already hold and wrote
      // a snapshot that contains them, so nothing falls between the two reads (duplicates are harmless).
      const rows = await db
        .select({ update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(and(eq(yjsUpdates.projectId, projectId), eq(yjsUpdates.doc, doc)))
        .orderBy(asc(yjsUpdates.seq))
      const [snapshot] = await db
        .select({ state: yjsSnapshots.state })
        .from(yjsSnapshots)
        .where(and(eq(yjsSnapshots.projectId, projectId), eq(yjsSnapshots.doc, doc)))
      const updates = rows.map((r) => r.update)
      return {
        updates: snapshot ? [snapshot.state, ...updates] : updates,
        snapshotBytes: snapshot?.state.byteLength ?? 0,
        logBytes: updates.reduce((n, u) => n + u.byteLength, 0),
        logRows: updates.length,
      }
    },

    async compact(projectId, doc, options = {}) {
      const maxRows = options.maxRows ?? 10_000
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`yjs:${projectId}/${doc}`}))`)
        const rows = await tx
          .select({ seq: yjsUpdates.seq, update: yjsUpdates.update })
          .from(yjsUpdates)
          .where(and(eq(yjsUpdates.projectId, projectId), eq(yjsUpdates.doc, doc)))
          .orderBy(asc(yjsUpdates.seq))
          .limit(maxRows)
        if (rows.length === 0) return { rows: 0, uptoSeq: null, snapshotBytes: 0, skipped: 0 }
        const [snapshot] = await tx
          .select({ state: yjsSnapshots.state, uptoSeq: yjsSnapshots.uptoSeq })
          .from(yjsSnapshots)
          .where(and(eq(yjsSnapshots.projectId, projectId), eq(yjsSnapshots.doc, doc)))
        // Between the reads and the writes, inside the transaction and its lock, as before; only the CPU moved.
        const { state, skipped } = await folder.fold(
          snapshot?.state ?? null,
          rows.map((r) => r.update),
        )
        const uptoSeq = Math.max(snapshot?.uptoSeq ?? 0, ...rows.map((r) => r.seq))
        await tx
          .insert(yjsSnapshots)
          .values({ projectId, doc, uptoSeq, state })
          .onConflictDoUpdate({
            target: [yjsSnapshots.projectId, yjsSnapshots.doc],
            set: { uptoSeq, state, createdAt: sql`now()` },
          })
        const seqs = rows.map((r) => r.seq)
        for (let i = 0; i < seqs.length; i += maxBatchRows) {
          await tx.delete(yjsUpdates).where(inArray(yjsUpdates.seq, seqs.slice(i, i + maxBatchRows)))
        }
        return { rows: rows.length, uptoSeq, snapshotBytes: state.byteLength, skipped }
      })
    },
  }
}
