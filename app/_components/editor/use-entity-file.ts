'use client'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { exportProjectWithOwners, type JsonObject } from '../../../lib/doc'
import type { DesignView } from '../../../lib/projections'
import { pathOfElement } from './edit-files'

/**
 * An entity as its file says it (references by name), for declaration forms that write the file back. Re-read
 * whenever the design changes.
 */
export function useEntityFile(
  doc: Y.Doc | undefined,
  design: DesignView | null,
  id: string | undefined,
): JsonObject | undefined {
  return useMemo(() => {
    if (!doc || !design || !id) return undefined
    const { files, owners } = exportProjectWithOwners(doc)
    const path = pathOfElement(owners, id)
    const text = path ? files[path] : undefined
    if (!text) return undefined
    try {
      return JSON.parse(text) as JsonObject
    } catch {
      return undefined
    }
  }, [doc, design, id])
}
