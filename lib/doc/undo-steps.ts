import type * as Y from 'yjs'

/**
 * Makes every transaction of `commandOrigin` an undo step of its own in `manager`: it neither joins the step
 * before it nor lets the next edit join it. Edits of other tracked origins (typing in a field) still merge
 * within the manager's capture window. Returns the function that removes the listeners.
 */
export function separateCommandSteps(doc: Y.Doc, manager: Y.UndoManager, commandOrigin: unknown): () => void {
  const separate = (tr: Y.Transaction) => {
    if (tr.origin === commandOrigin) manager.stopCapturing()
  }
  doc.on('beforeTransaction', separate)
  doc.on('afterTransaction', separate)
  return () => {
    doc.off('beforeTransaction', separate)
    doc.off('afterTransaction', separate)
  }
}
