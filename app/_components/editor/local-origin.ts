/**
 * The transaction origin of this user's own edits. The UndoManager tracks only this origin, so undo/redo undoes
 * one's own edits, never a collaborator's (remote updates arrive with the provider as origin).
 */
export const localOrigin = { editor: 'local-user' } as const
