import type { GraphAt } from '../../../lib/doc'

/** The canvas on screen; a process's `body` is the for-each whose body canvas is open. */
export type EditorView =
  | { kind: 'overview' }
  | { kind: 'api'; id: string }
  | { kind: 'process'; id: string; body?: string }

/**
 * The view a key names (`api:<id>`, `process:<id>`, or `process:<id>/<for-each id>` for a body), else the
 * overview. Keys come from the address, presence and comment anchors.
 */
export function viewFromKey(key: string): EditorView {
  const [kind, rest] = key.split(':')
  const [id, body] = (rest ?? '').split('/')
  if (kind === 'process' && id) return body ? { kind, id, body } : { kind, id }
  return kind === 'api' && id ? { kind, id } : { kind: 'overview' }
}

/**
 * The view's key in the address, in presence (peers' cursors are drawn on the canvas they are on) and in comment
 * anchors (a thread on a body's node opens that body).
 */
export function viewKey(view: EditorView): string {
  if (view.kind === 'overview') return 'overview'
  return view.kind === 'process' && view.body ? `process:${view.id}/${view.body}` : `${view.kind}:${view.id}`
}

/** The graph a process view edits: the process's top level, or a for-each's body. */
export function graphOf(view: { id: string; body?: string }): GraphAt {
  return view.body ? { processId: view.id, parent: view.body } : { processId: view.id }
}
