import * as Y from 'yjs'
import type { JsonValue } from './json-value'
import { COLLECTION, type EntityKind, FILE_KEY, PRESENT_KEY, ROOT } from './layout'
import { canvasShape, type EntityTarget, type ProjectTarget, projectShape } from './project-target'
import { syncText } from './sync-text'
import { writeObject } from './write-tree'

/** Reserved key of the project map: where `apis` stood among the manifest's keys. */
export const APIS_AT_KEY = '\u0000apisAt'

function setIfChanged(map: Y.Map<unknown>, key: string, value: JsonValue | undefined): void {
  if (value === undefined) {
    if (map.has(key)) map.delete(key)
  } else if (map.get(key) !== value) map.set(key, value)
}

function syncCollection(doc: Y.Doc, kind: EntityKind, targets: Map<string, EntityTarget>): void {
  const collection = doc.getMap<unknown>(COLLECTION[kind])
  const removed = doc.getMap<unknown>(ROOT.removed)
  for (const key of Array.from(collection.keys()).sort()) {
    if (targets.has(key)) continue
    const old = collection.get(key)
    const name = old instanceof Y.Map ? old.get('name') : undefined
    if (typeof name === 'string') removed.set(key, name)
    collection.delete(key)
  }
  for (const key of Array.from(targets.keys()).sort()) {
    const entity = targets.get(key) as EntityTarget
    let map = collection.get(key)
    if (!(map instanceof Y.Map)) map = collection.set(key, new Y.Map<unknown>())
    writeObject(map as Y.Map<unknown>, entity.value, entity.shape)
    setIfChanged(map as Y.Map<unknown>, FILE_KEY, entity.file)
  }
}

function clearMap(map: Y.Map<unknown>): void {
  for (const key of Array.from(map.keys())) map.delete(key)
}

/**
 * Makes the document hold exactly `target`, touching only what differs (see writeField). Runs in one
 * transaction with `origin`, so collaborators receive one update and undo managers can tell it apart.
 */
export function writeTarget(doc: Y.Doc, target: ProjectTarget, origin?: unknown): void {
  doc.transact(() => {
    const project = doc.getMap<unknown>(ROOT.project)
    if (target.project === undefined) clearMap(project)
    else {
      writeObject(project, target.project.value, projectShape)
      setIfChanged(project, PRESENT_KEY, true)
      setIfChanged(project, APIS_AT_KEY, target.project.apisAt)
    }
    syncCollection(doc, 'api', target.apis)
    syncCollection(doc, 'process', target.entities.process)
    syncCollection(doc, 'database', target.entities.database)
    syncCollection(doc, 'queue', target.entities.queue)
    const canvas = doc.getMap<unknown>(ROOT.canvas)
    if (target.canvas === undefined) clearMap(canvas)
    else {
      writeObject(canvas, target.canvas, canvasShape)
      setIfChanged(canvas, PRESENT_KEY, true)
    }
    const files = doc.getMap<unknown>(ROOT.files)
    for (const path of Array.from(files.keys())) if (!target.raw.has(path)) files.delete(path)
    for (const path of Array.from(target.raw.keys()).sort()) {
      const text = target.raw.get(path) as string
      const current = files.get(path)
      if (current instanceof Y.Text) syncText(current, text)
      else files.set(path, new Y.Text(text))
    }
  }, origin)
}
