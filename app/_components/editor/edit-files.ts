'use client'
import type * as Y from 'yjs'
import { applyFiles, exportProjectWithOwners } from '../../../lib/doc'
import { localOrigin } from './local-origin'

/**
 * Edits expressed on the files: export, change, then `applyFiles`, which writes only the minimal Yjs change
 * (DESIGN §2). Used for structural edits that have no dedicated document mutator (new entities, declarations,
 * layout); collaborators see a small live change, and the whole edit is one undo step. `owners` maps each path
 * to the id of the element it was exported from.
 */
export function editFiles(
  doc: Y.Doc,
  change: (files: Record<string, string>, owners: Record<string, string>) => Record<string, string>,
  origin: unknown = localOrigin,
): void {
  const { files, owners } = exportProjectWithOwners(doc)
  applyFiles(doc, change({ ...files }, owners), origin)
}

/** The path of the file an element (process, database, queue, API surface) is exported to. */
export function pathOfElement(owners: Record<string, string>, id: string): string | undefined {
  return Object.keys(owners).find((path) => owners[path] === id)
}
