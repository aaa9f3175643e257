import type { Worker } from 'node:worker_threads'
import { startTsxWorker, tsxWorkerPort } from '../tsx-worker'
import { type FoldResult, foldUpdates } from './fold-updates'

const marker = 'backplaneFoldWorker'

/** One fold: snapshot (if `hasSnapshot`) and updates packed end to end in one transferred buffer. */
interface FoldRequest {
  id: number
  packed: Uint8Array
  /** Byte length of each packed part, in order (the snapshot first when `hasSnapshot`). */
  lengths: number[]
  hasSnapshot: boolean
}

type FoldResponse =
  | { id: number; ok: true; state: Uint8Array; skipped: number }
  /** foldUpdates threw (the snapshot itself does not apply): the same error in-process would. */
  | { id: number; ok: false; message: string }

export interface Folder {
  /** `foldUpdates(snapshot, updates)` off the event loop; in-process when the worker is unavailable. */
  fold(snapshot: Uint8Array | null, updates: Uint8Array[]): Promise<FoldResult>
  /** Terminates the worker (folds in flight finish in-process); later folds run in-process. */
  close(): Promise<void>
  /** Where the next fold runs: `idle` = the worker is not started yet (it starts on the first fold). */
  mode(): 'idle' | 'worker' | 'in-process'
}

export interface FolderOptions {
  /** Starts the worker thread. Default: this file, through tsx. Tests pass workers that fail to start or crash. */
  startWorker?: () => Worker
  /** Receives the one line that says the folds fell back to in-process. Default console.error. */
  log?: (line: string) => void
}

interface Waiting {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  resolve: (result: FoldResult) => void
  reject: (err: unknown) => void
}

const startFoldWorker = () => startTsxWorker(import.meta.url, marker)

/**
 * Runs compaction folds (`foldUpdates`) on one worker thread, so the collab server's event loop keeps relaying and
 * acknowledging edits while a snapshot is built (≈10 ms for a small document, 100–200 ms for a 1,000-node one).
 * The worker starts on the first fold, is unref'd whenever no fold is in flight (it never keeps a process alive),
 * and ends with `close()`. If it cannot start or it dies, that fold and every later one run in-process (the inputs
 * are kept until the answer arrives), and that is logged once.
 */
export function createFolder(options: FolderOptions = {}): Folder {
  const log = options.log ?? ((line: string) => console.error(line))
  let worker: Worker | null = null
  let state: 'idle' | 'worker' | 'in-process' = 'idle'
  let nextId = 1
  const waiting = new Map<number, Waiting>()

  const inProcess = (w: Pick<Waiting, 'snapshot' | 'updates' | 'resolve' | 'reject'>) => {
    try {
      w.resolve(foldUpdates(w.snapshot, w.updates))
    } catch (err) {
      w.reject(err)
    }
  }

  /**
   * From now on in-process: the worker (if any) is ended and the folds it held are redone here. `why` = null: closed,
   * not a failure.
   */
  function fallBack(why: string | null): Promise<unknown> {
    if (why !== null && state !== 'in-process')
      log(`collab: fold worker ${why}; compaction folds run on the event loop from now on`)
    state = 'in-process'
    const old = worker
    worker = null
    const held = [...waiting.values()]
    waiting.clear()
    for (const w of held) inProcess(w)
    old?.unref()
    return old ? old.terminate() : Promise.resolve()
  }

  function start(): Worker | null {
    let w: Worker
    try {
      w = (options.startWorker ?? startFoldWorker)()
    } catch (err) {
      void fallBack(`could not start (${err instanceof Error ? err.message : String(err)})`)
      return null
    }
    w.on('message', (m: FoldResponse) => {
      const entry = waiting.get(m.id)
      if (!entry) return
      waiting.delete(m.id)
      if (waiting.size === 0) w.unref()
      if (m.ok) entry.resolve({ state: m.state, skipped: m.skipped })
      else entry.reject(new Error(`fold failed: ${m.message}`))
    })
    w.on('error', (err) => {
      if (worker === w) void fallBack(`failed (${err.message})`)
    })
    w.on('exit', (code) => {
      if (worker === w) void fallBack(`exited (code ${code})`)
    })
    w.unref()
    worker = w
    state = 'worker'
    return w
  }

  return {
    mode: () => state,

    fold(snapshot, updates) {
      const w = state === 'in-process' ? null : (worker ?? start())
      return new Promise<FoldResult>((resolve, reject) => {
        if (!w) return inProcess({ snapshot, updates, resolve, reject })
        // One copy into a fresh buffer that is then transferred, not cloned: the rows' own buffers are views into
        // postgres.js's shared allocations (not transferable), and the originals stay here for a fallback.
        const parts = snapshot ? [snapshot, ...updates] : updates
        const packed = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
        let at = 0
        for (const p of parts) {
          packed.set(p, at)
          at += p.byteLength
        }
        const id = nextId++
        waiting.set(id, { snapshot, updates, resolve, reject })
        w.ref()
        const request: FoldRequest = { id, packed, lengths: parts.map((p) => p.byteLength), hasSnapshot: !!snapshot }
        try {
          w.postMessage(request, [packed.buffer])
        } catch (err) {
          void fallBack(`refused a message (${err instanceof Error ? err.message : String(err)})`)
        }
      })
    },

    async close() {
      await fallBack(null)
    },
  }
}

/** Inside the worker: unpack (views into the one buffer, no copy), fold, transfer the state back. */
function answer(request: FoldRequest): { response: FoldResponse; transfer: ArrayBuffer[] } {
  try {
    const parts: Uint8Array[] = []
    let at = 0
    for (const length of request.lengths) {
      parts.push(request.packed.subarray(at, at + length))
      at += length
    }
    const snapshot = request.hasSnapshot ? (parts.shift() ?? null) : null
    const { state, skipped } = foldUpdates(snapshot, parts)
    const own = state.byteOffset === 0 && state.byteLength === state.buffer.byteLength ? state : state.slice()
    return { response: { id: request.id, ok: true, state: own, skipped }, transfer: [own.buffer as ArrayBuffer] }
  } catch (err) {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
    return { response: { id: request.id, ok: false, message }, transfer: [] }
  }
}

// Inside the worker thread: answer fold requests.
const port = tsxWorkerPort(marker)
if (port) {
  port.on('message', (request: FoldRequest) => {
    const { response, transfer } = answer(request)
    port.postMessage(response, transfer)
  })
}
