import type { DocKind } from '../../lib/db'

export interface DocumentAddress {
  projectId: string
  doc: DocKind
}

/** `<projectId>/design` or `<projectId>/discussion`. */
export function documentName(address: DocumentAddress): string {
  return `${address.projectId}/${address.doc}`
}

/** Null for anything that is not exactly `<projectId>/(design|discussion)` with a plausible project id. */
export function parseDocumentName(name: string): DocumentAddress | null {
  const slash = name.indexOf('/')
  if (slash <= 0 || slash !== name.lastIndexOf('/')) return null
  const projectId = name.slice(0, slash)
  const doc = name.slice(slash + 1)
  if (projectId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(projectId)) return null
  if (doc !== 'design' && doc !== 'discussion') return null
  return { projectId, doc }
}
