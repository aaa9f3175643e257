/**
 * The transaction origin of this user's own edits. The UndoManager tracks only this origin, so undo/redo undoes
 * one's own edits, never a collaborator's (remote updates arrive with the provider as origin).
 */
export const localOrigin = { editor: 'local-user' } as const

/**
 * The origin of this user's edits typed into a field (a name, a declaration, a node or spec field): tracked like
 * `localOrigin`, but only these merge into one undo step when they come within the undo window (a word typed is
 * one step). Every other local edit — add, delete, connect, drag end, auto-layout, paste, groups — is a step of
 * its own, however soon it follows another.
 */
export const localTypingOrigin = { editor: 'local-user', typing: true } as const
