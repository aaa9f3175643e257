import type * as Y from 'yjs'
import type { Problem } from '../problems'
import { exportOwners } from './export-project'

/**
 * Gives each problem located in a file the element id the live document uses: the id of the API surface,
 * process, database or queue the file was exported from, plus `#<pointer>` when the problem points inside it
 * (`prc_…#/nodes/charge/timeout`, `api_…#/paths/~1orders/post`: spec elements are anchored by pointer).
 * Problems that already have an element id, or whose file has no owner (manifest, canvas), are returned as they
 * are. Pure.
 */
export function getProblemsElementIds(doc: Y.Doc, problems: readonly Problem[]): Problem[] {
  const owners = exportOwners(doc)
  return problems.map((p) => {
    if (p.elementId !== undefined || p.file === undefined) return p
    const owner = owners[p.file]
    if (owner === undefined) return p
    return { ...p, elementId: p.pointer === '' ? owner : `${owner}#${p.pointer}` }
  })
}
