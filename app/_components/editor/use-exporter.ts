'use client'
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { type ExportResult, exportProjectWithOwners } from '../../../lib/doc'

export type Exporter = () => Promise<ExportResult>

/**
 * `exportProjectWithOwners` of the live document, computed in a Web Worker that keeps a replica (the whole state
 * once, then each update). Falls back to the page's thread where workers are unavailable. Each call answers with
 * the state as of the call.
 */
export function useExporter(doc: Y.Doc | undefined): Exporter | null {
  const [exporter, setExporter] = useState<Exporter | null>(null)
  useEffect(() => {
    if (!doc) return
    let worker: Worker | undefined
    try {
      worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' })
    } catch {
      setExporter(() => async () => exportProjectWithOwners(doc))
      return
    }
    const live = worker
    live.postMessage({ type: 'update', update: Y.encodeStateAsUpdate(doc) })
    const forward = (update: Uint8Array) => live.postMessage({ type: 'update', update })
    doc.on('update', forward)
    let next = 0
    let broken = false
    const waiting = new Map<number, (result: ExportResult) => void>()
    live.onmessage = (event: MessageEvent<{ id: number } & ExportResult>) => {
      const { id, files, owners } = event.data
      waiting.get(id)?.({ files, owners })
      waiting.delete(id)
    }
    live.onerror = () => {
      // A worker that cannot start (blocked script): answer from the page instead, now and from now on.
      broken = true
      for (const resolve of waiting.values()) resolve(exportProjectWithOwners(doc))
      waiting.clear()
    }
    setExporter(
      () => () =>
        new Promise<ExportResult>((resolve) => {
          if (broken) return resolve(exportProjectWithOwners(doc))
          const id = next++
          waiting.set(id, resolve)
          live.postMessage({ type: 'export', id })
        }),
    )
    return () => {
      doc.off('update', forward)
      live.terminate()
      setExporter(null)
    }
  }, [doc])
  return exporter
}
