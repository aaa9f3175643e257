'use client'
import { useEffect, useRef, useState } from 'react'
import type { JsonObject } from '../../../lib/doc'
import type { DesignView } from '../../../lib/projections'
import { pathOfElement } from './edit-files'
import type { Exporter } from './use-exporter'

/** Every entity's id and name: a file references others by name, so a rename anywhere can change it. */
function namesKey(design: DesignView): string {
  const out: string[] = []
  for (const group of [design.apis, design.processes, design.databases, design.queues])
    for (const [id, entity] of Object.entries(group)) out.push(`${id}=${String(entity.name)}`)
  return out.join('\n')
}

/**
 * What a declaration form shows of an entity: all of it, except a process's graph (its nodes and edges are edited
 * on the canvas, never in the declaration form). As a list of values that keep their identity while unchanged
 * (the design reader keeps untouched sub-objects), so a node edit does not export the project again.
 */
function declarationOf(entity: JsonObject | undefined, isProcess: boolean): unknown[] {
  if (!entity) return []
  return Object.entries(entity).flatMap(([key, value]) =>
    isProcess && (key === 'nodes' || key === 'edges') ? [] : [key, value],
  )
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * A process, database or queue as its file says it (references by name), for declaration forms that write the
 * file back. Exporting prints the whole project (≈ 0.5 s with a 1,000-operation spec), so it runs in the export
 * worker, only when the entity itself or a name changed, and after a short pause (a burst of remote edits costs one
 * export, and the canvas paints first). A process's nodes and edges are not what the form shows: editing them does
 * not export again (the form's copy of them may be stale; nothing reads it). Undefined until then.
 */
export function useEntityFile(
  exporter: Exporter | null,
  design: DesignView | null,
  id: string | undefined,
): JsonObject | undefined {
  const [file, setFile] = useState<{ id: string; value: JsonObject } | undefined>(undefined)
  const entity = design && id ? (design.processes[id] ?? design.databases[id] ?? design.queues[id]) : undefined
  const names = design && entity ? namesKey(design) : ''
  // The declaration as last seen, kept while its values are the same objects (the effect below depends on it).
  const declared = useRef<{ id: string | undefined; values: unknown[] }>({ id: undefined, values: [] })
  const values = declarationOf(entity, Boolean(design && id && design.processes[id]))
  if (declared.current.id !== id || !sameList(declared.current.values, values)) declared.current = { id, values }
  const declaration = declared.current
  useEffect(() => {
    if (!exporter || !id || declaration.values.length === 0 || !names) return
    let cancelled = false
    const timer = setTimeout(async () => {
      const { files, owners } = await exporter()
      if (cancelled) return
      const path = pathOfElement(owners, id)
      const text = path ? files[path] : undefined
      try {
        if (text) setFile({ id, value: JSON.parse(text) as JsonObject })
      } catch {
        // A file that does not parse has nothing for the form; the problems panel says why.
      }
    }, 150)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [exporter, id, declaration, names])
  return file && file.id === id && entity ? file.value : undefined
}
