'use client'
import type * as Y from 'yjs'
import { newId } from '../../../lib/db/new-id'
import {
  addEdge,
  addProcessNode,
  type EntityKind,
  type GraphAt,
  type JsonObject,
  type JsonValue,
  type PositionMove,
  ROOT,
  readObject,
  removeEdge,
  removeEntity,
  removeNode,
  renameEntity,
  setCanvasGroups,
  setCanvasPositions,
  setNodeField,
  setSpecValue,
} from '../../../lib/doc'
import {
  type ClipboardPayload,
  type GroupBox,
  groupEdits,
  type PasteResult,
  pasteIntoFiles,
  planSpecPaste,
  readApiSpec,
} from '../../../lib/projections'
import {
  type ApiType,
  newApiSpec,
  newDatabaseFile,
  newNode,
  newProcessFile,
  newQueueFile,
  type ProcessType,
  suggestId,
} from '../../../lib/templates'
import { editFiles, pathOfElement } from './edit-files'
import { localOrigin, localTypingOrigin } from './local-origin'

const print = (value: JsonObject) => `${JSON.stringify(value, null, 2)}\n`

/** Every user action on the design, each one transaction with the local origin (one undo step). */
export function designActions(doc: Y.Doc) {
  const local = (fn: () => void) => doc.transact(fn, localOrigin)
  // Edits typed into a field: consecutive ones may merge into one undo step (use-undo.ts).
  const typing = (fn: () => void) => doc.transact(fn, localTypingOrigin)
  const pasteSpec = (apiId: string, payload: Extract<ClipboardPayload, { kind: 'spec' }>) =>
    pasteSpecInto(doc, apiId, payload)
  // Group edits are planned on canvas.json as the document holds it and written straight back (groups, and the
  // members' positions of a frame drag): no whole-project export per edit, one transaction, one undo step.
  const editGroups = (canvasKey: string, edit: (canvas: JsonObject) => void, moves?: PositionMove[]) => {
    const canvas = readObject(doc.getMap(ROOT.canvas))
    edit(canvas)
    const layout = (canvas.canvases as JsonObject | undefined)?.[canvasKey] as JsonObject | undefined
    local(() => {
      setCanvasGroups(doc, canvasKey, (layout?.groups ?? {}) as JsonObject, localOrigin)
      if (moves?.length) setCanvasPositions(doc, canvasKey, moves, localOrigin)
    })
  }
  return {
    initializeProject(projectId: string, name: string) {
      editFiles(doc, (files) => ({
        ...files,
        'backplane.json': print({ format: 'backplane.project/v1', id: projectId, name, description: '', apis: {} }),
        'canvas.json': print({ format: 'backplane.canvas/v1', canvases: {} }),
      }))
    },
    createApi(type: ApiType, name: string): string {
      const id = newId('api')
      const spec = newApiSpec(type, name)
      editFiles(doc, (files) => {
        const manifest = JSON.parse(files['backplane.json'] ?? '{}') as JsonObject
        const apis = (manifest.apis ?? {}) as JsonObject
        apis[name] = { id, type, file: spec.path }
        manifest.apis = apis
        return { ...files, 'backplane.json': print(manifest), [spec.path]: spec.text }
      })
      return id
    },
    createProcess(name: string, type: ProcessType): string {
      const id = newId('prc')
      editFiles(doc, (files) => ({
        ...files,
        [`processes/${name}.process.json`]: print(newProcessFile({ id, name, type })),
      }))
      return id
    },
    createDatabase(name: string): string {
      const id = newId('db')
      editFiles(doc, (files) => ({
        ...files,
        [`infra/databases/${name}.database.json`]: print(newDatabaseFile({ id, name })),
      }))
      return id
    },
    createQueue(name: string): string {
      const id = newId('que')
      editFiles(doc, (files) => ({ ...files, [`infra/queues/${name}.queue.json`]: print(newQueueFile({ id, name })) }))
      return id
    },
    rename(kind: EntityKind, id: string, name: string) {
      typing(() => renameEntity(doc, kind, id, name))
    },
    remove(kind: EntityKind, id: string) {
      local(() => removeEntity(doc, kind, id))
    },
    /** Sets one top-level field of a process, database or queue (its declaration), as one change. */
    setEntityField(id: string, field: string, value: JsonValue) {
      editFiles(
        doc,
        (files, owners) => {
          const path = pathOfElement(owners, id)
          const text = path ? files[path] : undefined
          if (!path || !text) return files
          const entity = JSON.parse(text) as JsonObject
          entity[field] = value
          files[path] = print(entity)
          return files
        },
        localTypingOrigin,
      )
    },
    // Node edits address a graph: a process's top level, or the body of one of its for-each nodes.
    addNode(at: GraphAt, kind: string, label: string, taken: ReadonlySet<string>): string {
      const nodeId = suggestId(label, taken)
      local(() => addProcessNode(doc, at, nodeId, newNode(kind, label)))
      return nodeId
    },
    setNodeField(at: GraphAt, nodeId: string, field: string, value: JsonValue | undefined) {
      typing(() => setNodeField(doc, at, nodeId, field, value))
    },
    removeNode(at: GraphAt, nodeId: string) {
      let dependents: ReturnType<typeof removeNode>
      local(() => {
        dependents = removeNode(doc, at, nodeId)
      })
      return dependents
    },
    connect(at: GraphAt, from: string, port: string, to: string) {
      local(() => addEdge(doc, at, { from, port, to }))
    },
    /** Removes these edges in one transaction (one undo step). */
    disconnect(at: GraphAt, edges: ReadonlyArray<{ from: string; port: string; to: string }>) {
      local(() => {
        for (const edge of edges) removeEdge(doc, at, edge)
      })
    },
    setSpecValue(apiId: string, pointer: string, value: JsonValue | undefined) {
      typing(() => setSpecValue(doc, apiId, pointer, value))
    },
    /** Positions are written once, at drag end (never per frame: each write grows the document for good). */
    movePositions(canvasKey: string, moves: Array<{ key: string; x: number; y: number }>) {
      // Straight into the document: exporting the project first costs ~0.5 s on a large canvas.
      setCanvasPositions(doc, canvasKey, moves, localOrigin)
    },
    /**
     * Pastes a clipboard payload on a canvas through the files (validated like any edit): new ids and free names,
     * nothing overwritten, one transaction (one undo step). A refusal changes nothing and says why.
     */
    paste(canvasKey: string, payload: ClipboardPayload, body?: string): PasteResult {
      if (payload.kind === 'spec' && canvasKey.startsWith('api:')) return pasteSpec(canvasKey.slice(4), payload)
      let result: PasteResult = { ok: false, message: 'Nothing was pasted.' }
      editFiles(doc, (files, owners) => {
        result = pasteIntoFiles(files, payload, { canvasKey, body, owners, newId })
        return result.ok ? result.files : files
      })
      return result
    },
    /** Groups (canvas.json `groups`, layout only); each write also drops members no longer in `present`. */
    createGroup(canvasKey: string, label: string, members: string[], box: GroupBox, present: ReadonlySet<string>) {
      const id = newId('grp')
      editGroups(canvasKey, (c) => groupEdits.add(c, canvasKey, { id, label, members, box }, present))
      return id
    },
    renameGroup(canvasKey: string, id: string, label: string, present: ReadonlySet<string>) {
      editGroups(canvasKey, (c) => groupEdits.rename(c, canvasKey, id, label, present))
    },
    ungroup(canvasKey: string, id: string, present: ReadonlySet<string>) {
      editGroups(canvasKey, (c) => groupEdits.remove(c, canvasKey, id, present))
    },
    /** A frame drag's end: its members' positions and the frame's box, one write (one undo step). */
    moveGroup(
      canvasKey: string,
      id: string,
      moves: Array<{ key: string; x: number; y: number }>,
      box: GroupBox,
      present: ReadonlySet<string>,
    ) {
      editGroups(canvasKey, (c) => groupEdits.move(c, canvasKey, id, moves, box, present), moves)
    },
  }
}

/**
 * Paths, channels and operations pasted on an API canvas: planned on the spec as it is (free names, refs
 * followed, identical components shared), then written pointer by pointer with their positions — one
 * transaction, one undo step. `files` is empty: the spec is edited in place, not through its file.
 */
function pasteSpecInto(doc: Y.Doc, apiId: string, payload: Extract<ClipboardPayload, { kind: 'spec' }>): PasteResult {
  const api = readApiSpec(doc, apiId)
  if (!api) return { ok: false, message: 'This API has no spec to paste into.' }
  const plan = planSpecPaste(api.spec, api.apiType, payload)
  if (!plan.ok) return plan
  const canvasKey = `api:${apiId}`
  doc.transact(() => {
    for (const w of plan.writes) setSpecValue(doc, apiId, w.pointer, w.value)
    const moves = Object.entries(plan.positions).map(([key, p]) => ({ key, x: Math.round(p.x), y: Math.round(p.y) }))
    if (moves.length) setCanvasPositions(doc, canvasKey, moves, localOrigin)
  }, localOrigin)
  return { ok: true, files: {}, created: plan.created }
}

export type DesignActions = ReturnType<typeof designActions>
