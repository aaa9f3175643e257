'use client'
import { useEffect, useState } from 'react'
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
 * A process, database or queue as its file says it (references by name), for declaration forms that write the
 * file back. Exporting prints the whole project (≈ 0.5 s with a 1,000-operation spec), so it runs in the export
 * worker, only when the entity itself or a name changed, and after a short pause (a burst of remote edits costs one
 * export, and the canvas paints first). Undefined until then.
 */
export function useEntityFile(
  exporter: Exporter | null,
  design: DesignView | null,
  id: string | undefined,
): JsonObject | undefined {
  const [file, setFile] = useState<{ id: string; value: JsonObject } | undefined>(undefined)
  const entity = design && id ? (design.processes[id] ?? design.databases[id] ?? design.queues[id]) : undefined
  const names = design && entity ? namesKey(design) : ''
  useEffect(() => {
    if (!exporter || !id || !entity || !names) return
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
  }, [exporter, id, entity, names])
  return file && file.id === id && entity ? file.value : undefined
}
