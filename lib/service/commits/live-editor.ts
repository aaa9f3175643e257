import type * as Y from 'yjs'

/**
 * Edits a project's live design document as a client of the collab server and resolves once the server has
 * acknowledged the change (server/collab-client `withLiveDocument` is the implementation). Passed in, so this
 * service layer never speaks the collab protocol itself. `change` runs inside one Yjs transaction.
 */
export type LiveEditor = <T>(projectId: string, change: (doc: Y.Doc) => T) => Promise<T>
