'use client'
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { separateCommandSteps } from '../../../lib/doc'
import { localOrigin, localTypingOrigin } from './local-origin'

const roots = ['project', 'apis', 'processes', 'databases', 'queues', 'canvas', 'files', 'removed']

/**
 * Per-user undo: a Y.UndoManager that tracks only this user's transactions (local-origin.ts), so undo never
 * reverts a collaborator's edit. At least 100 steps are kept (Yjs keeps all). Only typed field edits within 400 ms
 * merge into one step; any other edit is its own step — an auto-layout right after adding a box must not undo
 * the box with it.
 */
export function useUndo(doc: Y.Doc | undefined) {
  const [manager, setManager] = useState<Y.UndoManager | null>(null)
  const [, setTick] = useState(0)
  useEffect(() => {
    if (!doc) return
    const m = new Y.UndoManager(
      roots.map((name) => doc.getMap(name)),
      { trackedOrigins: new Set([localOrigin, localTypingOrigin]), captureTimeout: 400 },
    )
    const stopSeparating = separateCommandSteps(doc, m, localOrigin)
    const bump = () => setTick((t) => t + 1)
    m.on('stack-item-added', bump)
    m.on('stack-item-popped', bump)
    setManager(m)
    return () => {
      stopSeparating()
      m.destroy()
    }
  }, [doc])
  return {
    canUndo: (manager?.undoStack.length ?? 0) > 0,
    canRedo: (manager?.redoStack.length ?? 0) > 0,
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
  }
}
