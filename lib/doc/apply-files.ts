import type * as Y from 'yjs'
import type { Problem } from '../problems'
import { LAYOUT_VERSION, ROOT } from './layout'
import { projectTarget } from './project-target'
import { writeTarget } from './write-target'

/**
 * Turns a live document into `files` with the fewest Yjs changes: entities are matched by id, equal values are
 * left alone, changed prose is edited in place, so restoring or re-importing a version sends collaborators a
 * small live update (one changed field → one small update), never a rebuild. One transaction, tagged `origin`.
 * Afterwards `exportProject(doc)` = fmt(files). Never throws.
 */
export function applyFiles(
  doc: Y.Doc,
  files: Readonly<Record<string, string>>,
  origin?: unknown,
): { problems: Problem[] } {
  const target = projectTarget(files)
  doc.transact(() => {
    const meta = doc.getMap<unknown>(ROOT.meta)
    if (meta.get('layoutVersion') !== LAYOUT_VERSION) meta.set('layoutVersion', LAYOUT_VERSION)
    writeTarget(doc, target)
  }, origin)
  return { problems: target.problems }
}
