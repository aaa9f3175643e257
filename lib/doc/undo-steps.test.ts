import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { separateCommandSteps } from './undo-steps'

const command = { c: 1 }
const typing = { t: 1 }

function world() {
  const doc = new Y.Doc()
  const map = doc.getMap('m')
  // A long window, so every merge below would happen without the separation.
  const manager = new Y.UndoManager(map, { trackedOrigins: new Set([command, typing]), captureTimeout: 60_000 })
  const stop = separateCommandSteps(doc, manager, command)
  return { doc, map, manager, stop }
}

describe('separateCommandSteps', () => {
  it('keeps commands as steps of their own while typed edits merge', () => {
    const { doc, map, manager } = world()
    doc.transact(() => map.set('box', 1), command)
    doc.transact(() => map.set('layout', 1), command)
    doc.transact(() => map.set('name', 'a'), typing)
    doc.transact(() => map.set('name', 'ab'), typing)
    doc.transact(() => map.set('paste', 1), command)
    expect(manager.undoStack).toHaveLength(4)
    manager.undo()
    expect(map.toJSON()).toEqual({ box: 1, layout: 1, name: 'ab' })
    manager.undo()
    expect(map.toJSON()).toEqual({ box: 1, layout: 1 })
    manager.undo()
    expect(map.toJSON()).toEqual({ box: 1 })
  })

  it('stops separating once removed (the manager merges again)', () => {
    const { doc, map, manager, stop } = world()
    stop()
    doc.transact(() => map.set('box', 1), command)
    doc.transact(() => map.set('layout', 1), command)
    expect(manager.undoStack).toHaveLength(1)
  })
})
