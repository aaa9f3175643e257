import * as Y from 'yjs'
import type { Problem } from '../problems'
import { LAYOUT_VERSION, ROOT } from './layout'
import { projectTarget } from './project-target'
import { writeTarget } from './write-target'

/**
 * A new design document (layout LAYOUT_VERSION) holding the project `files` (path → text). References become
 * ids; names that resolve to nothing are kept as `{ unresolved: name }`; files that do not parse are kept
 * verbatim. `problems` are what import itself noticed (syntax, missing spec files, unresolved names); full
 * validation is lib/validation's. Pure; never throws. `exportProject(importProject(F).doc)` = fmt(F).
 */
export function importProject(files: Readonly<Record<string, string>>): { doc: Y.Doc; problems: Problem[] } {
  const doc = new Y.Doc()
  const target = projectTarget(files)
  doc.transact(() => {
    doc.getMap<unknown>(ROOT.meta).set('layoutVersion', LAYOUT_VERSION)
    writeTarget(doc, target)
  })
  return { doc, problems: target.problems }
}
