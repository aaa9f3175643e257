'use client'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import type { Problem } from '../../../lib/problems'
import type { Exporter } from './use-exporter'

export interface LocatedProblem extends Problem {
  /** The entity the problem's file was exported from. */
  entityId?: string
  /** The element on that entity's canvas: a node id, or a spec pointer of a path/operation/channel. */
  canvasElement?: string
  /** A node inside the body of the for-each `canvasElement` (its body canvas), when the problem is in one. */
  bodyElement?: string
}

function decodeSegment(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Which canvas element a pointer falls in: a process node, or a spec path/operation/channel. */
export function canvasElementOf(file: string, pointer: string): string | undefined {
  const parts = pointer.split('/').slice(1)
  if (file.endsWith('.process.json')) {
    if (parts[0] === 'nodes' && parts[1]) return decodeSegment(parts[1])
    return undefined
  }
  if (parts[0] === 'paths' && parts[1]) return parts[2] ? `/paths/${parts[1]}/${parts[2]}` : `/paths/${parts[1]}`
  if ((parts[0] === 'channels' || parts[0] === 'operations') && parts[1]) return `/${parts[0]}/${parts[1]}`
  return undefined
}

/** The body node a process file's pointer falls in (`/nodes/<forEach>/body/nodes/<id>…`), if any. */
export function bodyElementOf(file: string, pointer: string): string | undefined {
  if (!file.endsWith('.process.json')) return undefined
  const parts = pointer.split('/').slice(1)
  return parts[0] === 'nodes' && parts[2] === 'body' && parts[3] === 'nodes' && parts[4]
    ? decodeSegment(parts[4])
    : undefined
}

/**
 * Live problems: after a pause in editing (600 ms) the working copy is exported and validated by the server
 * (exported in a worker, validated off the main thread); each problem is tied back to the element it is about.
 */
export function useProblems(doc: Y.Doc | undefined, exporter: Exporter | null, projectId: string) {
  const [problems, setProblems] = useState<LocatedProblem[]>([])
  const [checking, setChecking] = useState(false)
  useEffect(() => {
    if (!doc || !exporter) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let controller: AbortController | undefined
    const run = async () => {
      controller?.abort()
      controller = new AbortController()
      const { files, owners } = await exporter()
      if (!files['backplane.json']) return
      setChecking(true)
      try {
        const response = await fetch(`/api/v1/projects/${projectId}/validate`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ files }),
          signal: controller.signal,
        })
        const body = (await response.json()) as { problems?: Problem[] }
        setProblems(
          (body.problems ?? []).map((p) => ({
            ...p,
            entityId: p.file ? owners[p.file] : undefined,
            canvasElement: p.file ? canvasElementOf(p.file, p.pointer) : undefined,
            bodyElement: p.file ? bodyElementOf(p.file, p.pointer) : undefined,
          })),
        )
      } catch {
        // Aborted by a newer edit, or offline: the next change validates again.
      } finally {
        setChecking(false)
      }
    }
    const schedule = () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => void run(), 600)
    }
    schedule()
    doc.on('update', schedule)
    return () => {
      doc.off('update', schedule)
      if (timer) clearTimeout(timer)
      controller?.abort()
    }
  }, [doc, exporter, projectId])
  return { problems, checking }
}
