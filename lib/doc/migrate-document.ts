import * as Y from 'yjs'
import { type Problem, problem } from '../problems'
import { applyFiles } from './apply-files'
import { LAYOUT_VERSION, ROOT } from './layout'

/**
 * Layout 0, before layouts were versioned: the project folder as a root map `folder` of path → Y.Text (what a
 * plain-text sync of the files looked like). Kept as the first migration so the chain has a real start.
 */
export const V0_FOLDER = 'folder'

export type MigrateResult = { from: number; to: number; problems: Problem[] }

function layoutVersionOf(doc: Y.Doc): number {
  const version = doc.getMap<unknown>(ROOT.meta).get('layoutVersion')
  return typeof version === 'number' ? version : 0
}

function migrateV0(doc: Y.Doc): Problem[] {
  const folder = doc.getMap<unknown>(V0_FOLDER)
  const files: Record<string, string> = {}
  for (const [path, text] of folder.entries()) {
    files[path] = text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : ''
  }
  const { problems } = applyFiles(doc, files)
  for (const path of Array.from(folder.keys())) folder.delete(path)
  return problems
}

/**
 * Brings a loaded design document to LAYOUT_VERSION, step by step, in one transaction (origin 'migration').
 * Run on every load, before anything reads the document; a current document is left untouched (no update).
 * A document from a newer Backplane is left as it is, with an error saying so. An empty document is current.
 */
export function migrateDocument(doc: Y.Doc): MigrateResult {
  const from = layoutVersionOf(doc)
  if (from === LAYOUT_VERSION) return { from, to: from, problems: [] }
  if (from > LAYOUT_VERSION) {
    return {
      from,
      to: from,
      problems: [
        problem({
          severity: 'error',
          code: 'doc-layout-newer',
          rule: 'doc.layout.newer',
          message: `This document has layout version ${from}; this Backplane reads up to ${LAYOUT_VERSION}.`,
          hint: 'Open it with a newer Backplane; it was left unchanged.',
        }),
      ],
    }
  }
  const problems: Problem[] = []
  doc.transact(() => {
    if (from < 1) problems.push(...migrateV0(doc))
    doc.getMap<unknown>(ROOT.meta).set('layoutVersion', LAYOUT_VERSION)
  }, 'migration')
  return { from, to: LAYOUT_VERSION, problems }
}
