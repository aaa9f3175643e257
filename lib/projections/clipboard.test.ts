import { describe, expect, it } from 'vitest'
import { idIn, shopFiles } from '../../tests/doc/shop-files'
import { applyFiles, exportProjectWithOwners, importProject } from '../doc'
import { validateProject } from '../validation'
import {
  CLIPBOARD_FORMAT,
  copySelection,
  freeName,
  parseClipboard,
  pasteIntoFiles,
  renameNodeReferences,
} from './clipboard'

const shop = shopFiles()
const processId = idIn(shop, 'processes/create-order.process.json')
const databaseId = idIn(shop, 'infra/databases/orders-db.database.json')
const processKey = `process:${processId}`
let counter = 0
const newId = (prefix: string) => `${prefix}_test${String(++counter).padStart(18, '0')}`

describe('clipboard payload', () => {
  it('round-trips through text and refuses foreign text', () => {
    const { files, owners } = exportProjectWithOwners(importProject(shop).doc)
    const payload = copySelection({ canvasKey: processKey, selection: ['total', 'save'], files, owners, positions: {} })
    expect(payload?.kind).toBe('nodes')
    expect(parseClipboard(JSON.stringify(payload))).toEqual(payload)
    expect(parseClipboard('hello')).toBeNull()
    expect(parseClipboard(JSON.stringify({ format: 'other/v1', kind: 'nodes', nodes: {} }))).toBeNull()
  })

  it('names: the name when free, else -copy, -copy-2', () => {
    expect(freeName('a', new Set())).toBe('a')
    expect(freeName('a', new Set(['a']))).toBe('a-copy')
    expect(freeName('a', new Set(['a', 'a-copy']))).toBe('a-copy-2')
  })

  it('rewrites plain and back-quoted node references, and only whole ids', () => {
    const renames = new Map([['total', 'total-copy']])
    expect(renameNodeReferences('nodes.total.amount + nodes.totals.x', renames)).toBe(
      'nodes.`total-copy`.amount + nodes.totals.x',
    )
    expect(renameNodeReferences('nodes.`total`.a', new Map([['total', 'sum']]))).toBe('nodes.sum.a')
  })
})

describe('pasting', () => {
  it('pastes nodes into the same process with new ids, edges and expressions between them remapped, one edit', () => {
    const { doc } = importProject(shop)
    const { files, owners } = exportProjectWithOwners(doc)
    const process = JSON.parse(files['processes/create-order.process.json'] as string)
    const payload = copySelection({
      canvasKey: processKey,
      selection: ['total', 'save'],
      files,
      owners,
      positions: { total: { x: 100, y: 50 }, save: { x: 300, y: 50 } },
    })
    if (!payload) throw new Error('nothing copied')
    const result = pasteIntoFiles(files, payload, { canvasKey: processKey, owners, newId })
    if (!result.ok) throw new Error(result.message)
    expect(result.created).toEqual(['total-copy', 'save-copy'])
    const pasted = JSON.parse(result.files['processes/create-order.process.json'] as string)
    // Nothing overwritten: the originals are as they were.
    expect(pasted.nodes.total).toEqual(process.nodes.total)
    expect(pasted.edges).toContainEqual({ from: 'total-copy', port: 'out', to: 'save-copy' })
    expect(pasted.edges.filter((e: { from: string }) => e.from.endsWith('-copy'))).toHaveLength(1)
    const saveText = JSON.stringify(pasted.nodes['save-copy'])
    if (JSON.stringify(process.nodes.save).includes('nodes.total')) expect(saveText).toContain('nodes.`total-copy`')
    const canvas = JSON.parse(result.files['canvas.json'] as string)
    expect(canvas.canvases[processKey].positions['total-copy']).toEqual({ x: 140, y: 90 })
    applyFiles(doc, result.files)
    const again = exportProjectWithOwners(doc).files
    expect(JSON.parse(again['processes/create-order.process.json'] as string).nodes['save-copy']).toBeDefined()
    // A second paste takes the next free ids.
    const second = pasteIntoFiles(again, payload, { canvasKey: processKey, owners, newId })
    expect(second.ok && second.created).toEqual(['total-copy-2', 'save-copy-2'])
  })

  it('pastes entities into another project with new ids and files, and a copy in the same project gets -copy', () => {
    const source = exportProjectWithOwners(importProject(shop).doc)
    const manifest = JSON.parse(source.files['backplane.json'] as string)
    const [apiName, api] = Object.entries(manifest.apis as Record<string, { id: string }>)[0] as [
      string,
      { id: string },
    ]
    const payload = copySelection({
      canvasKey: 'overview',
      selection: [processId, databaseId, api.id],
      files: source.files,
      owners: source.owners,
      positions: { [databaseId]: { x: 10, y: 10 } },
    })
    if (payload?.kind !== 'entities') throw new Error('no entities copied')
    expect(payload.entities.map((e) => e.kind).sort()).toEqual(['api', 'database', 'process'])
    const empty = {
      'backplane.json': `${JSON.stringify({ format: 'backplane.project/v1', id: 'prj_other00000000000000', name: 'Other', description: '', apis: {} }, null, 2)}\n`,
      'canvas.json': `${JSON.stringify({ format: CLIPBOARD_FORMAT.replace('clipboard', 'canvas'), canvases: {} }, null, 2)}\n`,
    }
    const target = importProject(empty).doc
    const before = exportProjectWithOwners(target)
    const result = pasteIntoFiles(before.files, payload, { canvasKey: 'overview', owners: before.owners, newId })
    if (!result.ok) throw new Error(result.message)
    applyFiles(target, result.files)
    const after = exportProjectWithOwners(target).files
    expect(after['processes/create-order.process.json']).toBeDefined()
    expect(JSON.parse(after['infra/databases/orders-db.database.json'] as string).id).not.toBe(databaseId)
    expect(Object.keys(JSON.parse(after['backplane.json'] as string).apis)).toEqual([apiName])
    // In the source project the same paste never overwrites: names get -copy.
    const same = pasteIntoFiles(source.files, payload, { canvasKey: 'overview', owners: source.owners, newId })
    if (!same.ok) throw new Error(same.message)
    expect(same.files['processes/create-order-copy.process.json']).toBeDefined()
    expect(same.files['processes/create-order.process.json']).toBe(source.files['processes/create-order.process.json'])
    expect(same.files['infra/databases/orders-db-copy.database.json']).toBeDefined()
    // The copied process uses the copied database (for-each bodies too); the original still uses the original.
    const copiedProcess = same.files['processes/create-order-copy.process.json'] as string
    expect(copiedProcess).toContain('"database": "orders-db-copy"')
    expect(copiedProcess).not.toContain('"database": "orders-db"')
    expect(same.files['processes/create-order.process.json']).not.toContain('orders-db-copy')
    expect(JSON.parse(same.files['backplane.json'] as string).apis[`${apiName}-copy`]).toBeDefined()
    const canvas = JSON.parse(same.files['canvas.json'] as string)
    const dbCopy = JSON.parse(same.files['infra/databases/orders-db-copy.database.json'] as string)
    expect(canvas.canvases.overview.positions[dbCopy.id]).toEqual({ x: 50, y: 50 })
  })

  it('a for-each pasted into its own process gets free ids inside its body too (nothing duplicated)', async () => {
    const { doc } = importProject(shop)
    const { files, owners } = exportProjectWithOwners(doc)
    const payload = copySelection({ canvasKey: processKey, selection: ['lines'], files, owners, positions: {} })
    if (!payload) throw new Error('nothing copied')
    const result = pasteIntoFiles(files, payload, { canvasKey: processKey, owners, newId })
    if (!result.ok) throw new Error(result.message)
    expect(result.created).toEqual(['lines-copy'])
    const pasted = JSON.parse(result.files['processes/create-order.process.json'] as string)
    const body = pasted.nodes['lines-copy'].body
    expect(body.entry).toBe('line-copy')
    const original = pasted.nodes.lines.body
    expect(Object.keys(body.nodes)).toEqual(Object.keys(original.nodes).map((id) => `${id}-copy`))
    expect(body.edges).toEqual(
      original.edges.map((e: { from: string; port: string; to: string }) => ({
        ...e,
        from: `${e.from}-copy`,
        to: `${e.to}-copy`,
      })),
    )
    expect(pasted.nodes.lines.body.entry).toBe('line')
    applyFiles(doc, result.files)
    const { problems } = await validateProject(exportProjectWithOwners(doc).files)
    // What is new is only that the pasted loop is not wired in yet (its port leads nowhere, `save` may not have run
    // before it); no id is duplicated.
    const before = new Set((await validateProject(files)).problems.map((p) => p.message))
    const added = problems.filter((p) => p.severity === 'error' && !before.has(p.message))
    expect(added.map((p) => p.code).sort()).toEqual(['expression-reference', 'process-graph'])
    for (const p of added) expect(p.pointer).toMatch(/^\/nodes\/lines-copy/)
  })

  it("copies from a for-each's body and pastes into it with ids free across the whole process", () => {
    const { files, owners } = exportProjectWithOwners(importProject(shop).doc)
    const payload = copySelection({
      canvasKey: processKey,
      body: 'lines',
      selection: ['line', 'stored'],
      files,
      owners,
      positions: { line: { x: 0, y: 0 } },
    })
    if (payload?.kind !== 'nodes') throw new Error('nothing copied from the body')
    expect(Object.keys(payload.nodes)).toEqual(['line', 'stored'])
    expect(payload.edges).toEqual([{ from: 'line', port: 'out', to: 'stored' }])
    // The same ids at the top level are not in the body: nothing is copied from there.
    expect(copySelection({ canvasKey: processKey, selection: ['line'], files, owners, positions: {} })).toBeNull()
    const result = pasteIntoFiles(files, payload, { canvasKey: processKey, body: 'lines', owners, newId })
    if (!result.ok) throw new Error(result.message)
    expect(result.created).toEqual(['line-copy', 'stored-copy'])
    const pasted = JSON.parse(result.files['processes/create-order.process.json'] as string)
    expect(Object.keys(pasted.nodes.lines.body.nodes).sort()).toEqual(['line', 'line-copy', 'stored', 'stored-copy'])
    expect(pasted.nodes.lines.body.edges).toContainEqual({ from: 'line-copy', port: 'out', to: 'stored-copy' })
    expect(pasted.nodes['line-copy']).toBeUndefined()
    // Positions share the process's layout section (node ids are unique within a process).
    expect(JSON.parse(result.files['canvas.json'] as string).canvases[processKey].positions['line-copy']).toEqual({
      x: 40,
      y: 40,
    })
  })

  it('refuses a for-each inside a body, and a body that is not there', () => {
    const { files, owners } = exportProjectWithOwners(importProject(shop).doc)
    const loop = copySelection({ canvasKey: processKey, selection: ['lines'], files, owners, positions: {} })
    if (!loop) throw new Error('nothing copied')
    expect(pasteIntoFiles(files, loop, { canvasKey: processKey, body: 'lines', owners, newId })).toEqual({
      ok: false,
      message: expect.stringContaining('not inside another for-each body'),
    })
    expect(pasteIntoFiles(files, loop, { canvasKey: processKey, body: 'total', owners, newId })).toEqual({
      ok: false,
      message: expect.stringContaining('no body'),
    })
  })

  it('says so when the selection cannot go on this canvas', () => {
    const { files, owners } = exportProjectWithOwners(importProject(shop).doc)
    const nodes = copySelection({ canvasKey: processKey, selection: ['total'], files, owners, positions: {} })
    const entities = copySelection({ canvasKey: 'overview', selection: [databaseId], files, owners, positions: {} })
    if (!nodes || !entities) throw new Error('nothing copied')
    const onOverview = pasteIntoFiles(files, nodes, { canvasKey: 'overview', owners, newId })
    expect(onOverview).toEqual({ ok: false, message: expect.stringContaining('process canvas') })
    const onProcess = pasteIntoFiles(files, entities, { canvasKey: processKey, owners, newId })
    expect(onProcess).toEqual({ ok: false, message: expect.stringContaining('overview') })
  })
})
