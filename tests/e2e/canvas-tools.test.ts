import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { exportProject } from '../../lib/doc'
import { withLiveDocument } from '../../server/collab-client'
import { e2eSuite, shotsDir } from './e2e-suite'
import { signedUpPage } from './sign-up'

// Canvas tools end to end on the real stack: copy/paste across projects through the system clipboard, groups,
// auto-layout. Screenshots of each step are kept in test-results/e2e/.
const suite = e2eSuite('e2e_canvas_tools')

type Layout = {
  positions: Record<string, { x: number; y: number }>
  groups: Record<string, { label: string; box: { x: number; y: number }; members: string[] }>
}

/** canvas.json's section of one canvas, read from the live design document (as a collab client). */
async function liveLayout(projectId: string, canvasKey: string): Promise<Layout | undefined> {
  return withLiveDocument(
    { collabUrl: suite.stack.collabUrl, projectId, secret: suite.stack.secret, service: 'e2e' },
    (doc) => {
      const text = exportProject(doc)['canvas.json']
      return text ? (JSON.parse(text).canvases?.[canvasKey] as Layout | undefined) : undefined
    },
  )
}

/** Where React Flow draws a box (flow coordinates, from its transform). */
async function drawnAt(page: Page, id: string): Promise<{ x: number; y: number }> {
  const style = (await page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('style')) ?? ''
  const m = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(style)
  if (!m) throw new Error(`no position for ${id} in "${style}"`)
  return { x: Number(m[1]), y: Number(m[2]) }
}

async function shot(page: Page, step: string) {
  await page.screenshot({ path: join(shotsDir, `canvas-tools-${step}.png`) })
}

async function createProject(page: Page, name: string): Promise<string> {
  await page.goto(`${suite.stack.baseUrl}/projects`)
  await page.fill('input[name=name]', name)
  await page.click('text=Create project')
  await page.waitForURL('**/projects/prj_*')
  await page.waitForSelector('[data-testid=editor]')
  const id = /projects\/(prj_[0-9A-Za-z]+)/.exec(page.url())?.[1]
  if (!id) throw new Error(`no project id in ${page.url()}`)
  return id
}

/** Creates a process on the overview and opens its canvas; returns its canvas key. */
async function createProcess(page: Page, name: string): Promise<string> {
  await page.click('[data-testid=palette-new-process]')
  await page.fill('[data-testid=dialog-name]', name)
  await page.click('[data-testid=dialog-submit]')
  await page.locator('.design-node', { hasText: name }).first().click()
  await page.click('[data-testid=open-canvas]')
  await expect.poll(() => page.locator('[data-testid=canvas-title]').textContent()).toContain(name)
  await expect.poll(() => new URL(page.url()).searchParams.get('canvas') ?? '').toMatch(/^process:prc_/)
  return new URL(page.url()).searchParams.get('canvas') as string
}

/** Adds a box of each kind from the palette (its id is the kind's), one after the other. */
async function addBoxes(page: Page, kinds: string[]) {
  for (const kind of kinds) {
    await page.click(`[data-testid=palette-${kind}]`)
    await page.waitForSelector(`[data-testid="box-${kind}"]`)
  }
}

/** Selects exactly these boxes (click, then Ctrl+click), until the editor's selection says so. */
async function select(page: Page, ids: string[]) {
  await expect
    .poll(async () => {
      await page.click(`[data-testid="box-${ids[0]}"]`)
      for (const id of ids.slice(1)) await page.click(`[data-testid="box-${id}"]`, { modifiers: ['Control'] })
      return page.locator('.react-flow__node.selected').count()
    })
    .toBe(ids.length)
}

/** A locator's box once the view has stopped moving (adding a box pans the view to it, animated). */
async function settledBox(page: Page, locator: ReturnType<Page['locator']>) {
  let last = ''
  await expect
    .poll(async () => {
      const box = JSON.stringify(await locator.boundingBox())
      await page.waitForTimeout(150)
      const same = box === last && box !== 'null'
      last = box
      return same
    })
    .toBe(true)
  return JSON.parse(last) as { x: number; y: number; width: number; height: number }
}

/** Zooms out with the controls until the canvas is at its low level of detail (edges drawn by the overview). */
async function zoomOutToOverview(page: Page) {
  const canvas = page.locator('[data-testid=canvas]')
  await expect
    .poll(async () => {
      if ((await canvas.getAttribute('data-detail')) !== 'low') await page.click('.react-flow__controls-zoomout')
      return canvas.getAttribute('data-detail')
    })
    .toBe('low')
}

/**
 * Whether the overview canvas has ink where React Flow's (hidden) first edge has the middle of its curve, and
 * whether that ink is the accent colour (a selected edge) rather than the edges' grey.
 */
function inkOnCurve(page: Page): Promise<{ ink: boolean; accent: boolean }> {
  return page.evaluate(() => {
    const path = document.querySelector<SVGPathElement>('.react-flow__edge-path')
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=overview-edges]')
    const matrix = path?.getScreenCTM()
    const context = canvas?.getContext('2d')
    if (!path || !canvas || !matrix || !context) return { ink: false, accent: false }
    const mid = path.getPointAtLength(path.getTotalLength() / 2)
    const rect = canvas.getBoundingClientRect()
    const scale = canvas.width / rect.width
    const x = Math.round((matrix.a * mid.x + matrix.c * mid.y + matrix.e - rect.left) * scale)
    const y = Math.round((matrix.b * mid.x + matrix.d * mid.y + matrix.f - rect.top) * scale)
    const pixels = context.getImageData(x - 3, y - 3, 7, 7).data
    let ink = false
    let accent = false
    for (let i = 0; i < pixels.length; i += 4) {
      const [r = 0, , b = 0, a = 0] = pixels.subarray(i, i + 4)
      if (a > 0) ink = true
      // The accent (#4f46e5) is blue; the edges' grey (#b1b1b7) has about as much red as blue.
      if (a > 100 && b > r + 60) accent = true
    }
    return { ink, accent }
  })
}

type Graph = { nodes?: Record<string, { kind: string; body?: Graph }>; edges?: Edge[] }
type Edge = { from: string; port: string; to: string }

/** The project's one process file, read from the live design document. */
async function liveProcess(projectId: string): Promise<Graph> {
  return withLiveDocument(
    { collabUrl: suite.stack.collabUrl, projectId, secret: suite.stack.secret, service: 'e2e' },
    (doc) => {
      const process = Object.entries(exportProject(doc)).find(([path]) => path.startsWith('processes/'))
      return process ? (JSON.parse(process[1]) as Graph) : {}
    },
  )
}

/** The edges of the project's one process (its top level), read from the live design document. */
async function liveEdges(projectId: string): Promise<Edge[]> {
  return (await liveProcess(projectId)).edges ?? []
}

/**
 * Draws an edge by dragging from one handle to another, as a user does: the source's dots show on its hovered box,
 * every box's while the edge is drawn. The mouse is left down, over the target.
 */
async function drawEdge(page: Page, fromId: string, toId: string) {
  const from = page.locator(`.react-flow__node[data-id="${fromId}"] .react-flow__handle.source`).first()
  const to = page.locator(`.react-flow__node[data-id="${toId}"] .react-flow__handle.target`)
  await page.hover(`.react-flow__node[data-id="${fromId}"]`)
  await expect.poll(() => from.isVisible()).toBe(true)
  const start = await settledBox(page, from)
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2)
  await page.mouse.down()
  await page.mouse.move(start.x + 30, start.y + 20, { steps: 4 })
  await expect.poll(() => to.isVisible()).toBe(true)
  const end = await settledBox(page, to)
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 8 })
}

describe('canvas tools', () => {
  test('connection dots show on the hovered box, dragging from one to another box connects them; far out the edges are an overview; an edge is deleted and undone', async () => {
    const page = await signedUpPage(suite.browser, {
      baseUrl: suite.stack.baseUrl,
      name: 'Fay',
      contexts: suite.contexts,
    })
    const project = await createProject(page, 'Wiring')
    await createProcess(page, 'wired')
    await addBoxes(page, ['compute', 'transform'])
    // Fit the view: a box near the canvas edge would pan the view while the edge is drawn (auto-pan).
    await page.click('.react-flow__controls-fitview')
    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } })
    expect(await liveEdges(project)).not.toContainEqual(expect.objectContaining({ from: 'compute', to: 'transform' }))
    const from = page.locator('.react-flow__node[data-id="compute"] .react-flow__handle.source').first()
    const to = page.locator('.react-flow__node[data-id="transform"] .react-flow__handle.target')
    // At rest no box shows its dots; the box under the pointer does.
    await page.mouse.move(2, 2)
    await expect.poll(() => from.isVisible()).toBe(false)
    await page.hover('[data-testid="box-compute"]')
    await expect.poll(() => from.isVisible()).toBe(true)
    expect(await to.isVisible()).toBe(false)
    await shot(page, '00-dots-on-hover')
    // Draw the edge: while it is drawn every box shows its dots; dropped on the other box's input, it is written.
    await drawEdge(page, 'compute', 'transform')
    await shot(page, '00-drawing-edge')
    await page.mouse.up()
    await expect
      .poll(() => liveEdges(project))
      .toContainEqual({ from: 'compute', port: expect.any(String), to: 'transform' })
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBeGreaterThan(0)
    await page.mouse.move(2, 2)
    await expect.poll(() => to.isVisible()).toBe(false)

    // Far zoomed out the edges are drawn by the overview, on the curve React Flow draws, and its own are hidden.
    const canvas = page.locator('[data-testid=canvas]')
    const edge = page.locator('.react-flow__edge')
    const overview = page.locator('[data-testid=overview-edges]')
    await zoomOutToOverview(page)
    await expect.poll(() => overview.getAttribute('data-edges')).toBe(String(await edge.count()))
    await expect.poll(() => inkOnCurve(page)).toEqual({ ink: true, accent: false })
    expect(await page.locator('.react-flow__edges').isVisible()).toBe(false)
    await shot(page, '00-far-zoom-overview-edges')
    await page.click('.react-flow__controls-fitview')
    await expect.poll(() => canvas.getAttribute('data-detail')).toBe(null)
    await expect.poll(() => overview.count()).toBe(0)
    await expect.poll(() => edge.first().isVisible()).toBe(true)

    // An edge is selected by a click and deleted with Delete (one undoable edit); the boxes stay.
    await edge.first().click()
    await expect.poll(() => page.locator('.react-flow__edge.selected').count()).toBe(1)
    await shot(page, '00-edge-selected')
    // Far out the overview draws the selected edge as selected: what Delete would remove is never invisible.
    await zoomOutToOverview(page)
    await expect.poll(() => overview.getAttribute('data-selected-edges')).toBe('1')
    await expect.poll(() => inkOnCurve(page)).toEqual({ ink: true, accent: true })
    await page.click('.react-flow__controls-fitview')
    await expect.poll(() => canvas.getAttribute('data-detail')).toBe(null)
    await expect.poll(() => page.locator('.react-flow__edge.selected').count()).toBe(1)
    await page.keyboard.press('Delete')
    await expect
      .poll(() => liveEdges(project))
      .not.toContainEqual(expect.objectContaining({ from: 'compute', to: 'transform' }))
    await expect.poll(() => edge.count()).toBe(0)
    expect(await page.locator('[data-testid="box-compute"]').count()).toBe(1)
    await page.click('text=Undo')
    await expect
      .poll(() => liveEdges(project))
      .toContainEqual({ from: 'compute', port: expect.any(String), to: 'transform' })
  }, 300_000)

  test("a for-each's body opens as a canvas of its own: its nodes are added, wired and unwired there, in the body", async () => {
    const page = await signedUpPage(suite.browser, {
      baseUrl: suite.stack.baseUrl,
      name: 'Gus',
      contexts: suite.contexts,
    })
    const project = await createProject(page, 'Loops')
    const processKey = await createProcess(page, 'looped')
    await addBoxes(page, ['for-each'])
    // Its form offers the body; a double-click on the box opens it too.
    await page.click('[data-testid="box-for-each"]')
    await expect.poll(() => page.locator('[data-testid=open-body]').isVisible()).toBe(true)
    await page.dblclick('[data-testid="box-for-each"]')
    await expect.poll(() => page.locator('[data-testid=canvas-title]').textContent()).toContain('For each')
    expect(new URL(page.url()).searchParams.get('canvas')).toBe(`${processKey}/for-each`)
    // The body canvas shows the body's nodes only, and its palette has no for-each of its own.
    await page.waitForSelector('[data-testid="box-for-each-item"]')
    expect(await page.locator('[data-testid="box-for-each"]').count()).toBe(0)
    expect(await page.locator('[data-testid=palette-for-each]').count()).toBe(0)
    // With nothing selected, the properties are the for-each's own (what it loops over).
    await expect.poll(() => page.locator('[data-testid=node-form] h2').textContent()).toContain('for-each')
    expect(await page.locator('[data-testid=node-items]').count()).toBe(1)
    await addBoxes(page, ['compute'])
    await expect
      .poll(async () => Object.keys((await liveProcess(project)).nodes?.['for-each']?.body?.nodes ?? {}))
      .toEqual(expect.arrayContaining(['compute', 'for-each-item']))
    expect((await liveProcess(project)).nodes?.compute).toBeUndefined()
    // Fitted and a step out: a handle near the pane's edge would pan the view while the edge is drawn (auto-pan).
    await page.click('.react-flow__controls-fitview')
    await page.click('.react-flow__controls-zoomout')
    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } })
    await drawEdge(page, 'compute', 'for-each-item')
    await page.mouse.up()
    const wired = { from: 'compute', port: 'out', to: 'for-each-item' }
    await expect.poll(async () => (await liveProcess(project)).nodes?.['for-each']?.body?.edges).toContainEqual(wired)
    expect(await liveEdges(project)).not.toContainEqual(wired)
    await shot(page, '07-for-each-body')
    // A reload opens the body again (the address names it); its edge is removed there with Delete.
    await page.reload()
    await page.waitForSelector('[data-testid="box-compute"]')
    await page.locator('.react-flow__edge').first().click()
    await expect.poll(() => page.locator('.react-flow__edge.selected').count()).toBe(1)
    await page.keyboard.press('Delete')
    await expect.poll(async () => (await liveProcess(project)).nodes?.['for-each']?.body?.edges).toEqual([])
    // Back on the process: its own boxes, not the body's.
    await page.click('[data-testid=go-process]')
    await page.waitForSelector('[data-testid="box-for-each"]')
    expect(await page.locator('[data-testid="box-compute"]').count()).toBe(0)
    expect(new URL(page.url()).searchParams.get('canvas')).toBe(processKey)
    // A problem inside the body (the unwired compute can never run) opens the body with its node selected.
    const problem = page.locator('[data-testid=problem]', { hasText: 'compute' }).first()
    await problem.click()
    await expect.poll(() => new URL(page.url()).searchParams.get('canvas')).toBe(`${processKey}/for-each`)
    await expect.poll(() => page.locator('[data-testid=node-form] h2').textContent()).toContain('compute')
    expect(await page.locator('.react-flow__node.selected[data-id="compute"]').count()).toBe(1)
    // A thread on a body's node is anchored in the body: its anchor opens the body again, from anywhere.
    await page.click('[data-testid=open-comments]')
    await expect.poll(() => page.locator('.comment-new label').textContent()).toContain('Compute')
    await page.fill('[data-testid=comment-new-body]', 'Does this run once per item?')
    await page.click('[data-testid=comment-new-submit]')
    await expect.poll(() => page.locator('[data-testid=comment-thread]').count()).toBe(1)
    await page.click('[data-testid=go-overview]')
    await page.selectOption('[data-testid=comments-scope]', 'all')
    await page.click('[data-testid=thread-anchor]')
    await expect.poll(() => new URL(page.url()).searchParams.get('canvas')).toBe(`${processKey}/for-each`)
    await expect.poll(() => page.locator('.react-flow__node.selected[data-id="compute"]').count()).toBe(1)
  }, 300_000)

  test('auto-layout (one undo step), groups dragged as one, copy/paste into another project', async () => {
    const page = await signedUpPage(suite.browser, {
      baseUrl: suite.stack.baseUrl,
      name: 'Dana',
      contexts: suite.contexts,
      clipboard: true,
    })

    const alpha = await createProject(page, 'Alpha')
    const alphaKey = await createProcess(page, 'first')
    await addBoxes(page, ['compute', 'transform'])
    await shot(page, '01-two-nodes')

    // Auto-layout: both boxes move (in the document and on the canvas), and one undo puts them back.
    const before = { compute: await drawnAt(page, 'compute'), transform: await drawnAt(page, 'transform') }
    expect((await liveLayout(alpha, alphaKey))?.positions?.compute).toBeUndefined()
    await page.click('[data-testid=auto-layout]')
    await expect
      .poll(async () => (await liveLayout(alpha, alphaKey))?.positions ?? {})
      .toMatchObject({ compute: expect.any(Object), transform: expect.any(Object) })
    const laidOut = (await liveLayout(alpha, alphaKey))?.positions ?? {}
    expect([laidOut.compute, laidOut.transform]).not.toEqual([before.compute, before.transform])
    await expect.poll(() => drawnAt(page, 'transform')).toEqual(laidOut.transform)
    await expect.poll(() => drawnAt(page, 'compute')).toEqual(laidOut.compute)
    await shot(page, '02-auto-layout')
    await page.click('[data-testid=undo]')
    await expect.poll(async () => (await liveLayout(alpha, alphaKey))?.positions?.compute).toBeUndefined()
    expect((await liveLayout(alpha, alphaKey))?.positions?.transform).toBeUndefined()
    await expect.poll(() => drawnAt(page, 'transform')).toEqual(before.transform)
    expect(await drawnAt(page, 'compute')).toEqual(before.compute)
    await shot(page, '03-undo-layout')

    // Group the two boxes (label asked), then drag the frame: both members move by the same step, one write.
    await select(page, ['compute', 'transform'])
    page.once('dialog', (dialog) => void dialog.accept('Pricing'))
    await page.click('[data-testid=group-selection]')
    await page.waitForSelector('[data-testid=group-frame] >> text=Pricing')
    await expect
      .poll(async () => Object.values((await liveLayout(alpha, alphaKey))?.groups ?? {}))
      .toEqual([expect.objectContaining({ label: 'Pricing', members: ['compute', 'transform'] })])
    const grouped = (await liveLayout(alpha, alphaKey)) as Layout
    const start = { compute: await drawnAt(page, 'compute'), transform: await drawnAt(page, 'transform') }
    const header = await page.locator('[data-testid=group-frame] .group-frame-label').boundingBox()
    if (!header) throw new Error('no group header')
    await page.mouse.move(header.x + 10, header.y + header.height / 2)
    await page.mouse.down()
    for (let i = 1; i <= 10; i++) await page.mouse.move(header.x + 10 + i * 16, header.y + header.height / 2 + i * 12)
    await page.mouse.up()
    await expect
      .poll(async () => (await liveLayout(alpha, alphaKey))?.positions?.compute?.x ?? start.compute.x)
      .toBeGreaterThan(start.compute.x)
    const dragged = (await liveLayout(alpha, alphaKey)) as Layout
    const dx = (dragged.positions.compute?.x ?? 0) - start.compute.x
    const dy = (dragged.positions.compute?.y ?? 0) - start.compute.y
    expect(dy).toBeGreaterThan(0)
    expect(dragged.positions.transform).toEqual({ x: start.transform.x + dx, y: start.transform.y + dy })
    const [groupId] = Object.keys(dragged.groups)
    expect(groupId).toMatch(/^grp_/)
    expect(dragged.groups[groupId as string]?.box).not.toEqual(grouped.groups[groupId as string]?.box)
    await shot(page, '04-group-dragged')

    // Rename the group; then copy both boxes. The drag may have auto-panned the frame under the properties panel:
    // fit the view first, so the rename button is on the canvas.
    await page.click('.react-flow__controls-fitview')
    await settledBox(page, page.locator('[data-testid=group-rename]'))
    page.once('dialog', (dialog) => void dialog.accept('Prices'))
    await page.click('[data-testid=group-rename]')
    await page.waitForSelector('[data-testid=group-frame] >> text=Prices')
    await select(page, ['compute', 'transform'])
    await page.keyboard.press('Control+c')

    // Another project of the same user: a process that already has a `compute` node. Paste: new ids, nothing lost.
    const beta = await createProject(page, 'Beta')
    const betaKey = await createProcess(page, 'second')
    await page.click('[data-testid=palette-compute]')
    await page.waitForSelector('[data-testid="box-compute"]')
    await page.click('[data-testid="box-compute"]')
    await page.keyboard.press('Control+v')
    await page.waitForSelector('[data-testid="box-compute-copy"]')
    await page.waitForSelector('[data-testid="box-transform"]')
    await expect.poll(() => page.locator('[data-testid=canvas-notice]').textContent()).toContain('Pasted 2 elements')
    await expect
      .poll(async () => Object.keys((await liveLayout(beta, betaKey))?.positions ?? {}).sort())
      .toEqual(['compute-copy', 'transform'])
    const boxIds = () =>
      page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort())
    // A new process starts with its `done` node; the pasted ones come next to it, nothing replaced.
    expect(await boxIds()).toEqual(['compute', 'compute-copy', 'done', 'transform'])
    await shot(page, '05-pasted-in-beta')

    // Process nodes cannot go on the overview: it says so and creates nothing.
    await page.click('[data-testid=go-overview]')
    await page.waitForSelector('.design-node >> text=second')
    await page.locator('[data-testid=canvas]').click({ position: { x: 600, y: 500 } })
    await page.keyboard.press('Control+v')
    await expect.poll(() => page.locator('[data-testid=canvas-notice]').textContent()).toContain('process canvas')
    expect(await boxIds()).toHaveLength(1)
    await shot(page, '06-refused-on-overview')

    // Ungroup in Alpha: the frame goes, its boxes stay where they are.
    await page.goto(`${suite.stack.baseUrl}/projects/${alpha}?canvas=${alphaKey}`)
    await page.waitForSelector('[data-testid=group-frame]')
    await page.click('[data-testid=group-ungroup]')
    await expect.poll(() => page.locator('[data-testid=group-frame]').count()).toBe(0)
    const after = (await liveLayout(alpha, alphaKey)) as Layout
    expect(after.groups).toEqual({})
    expect(after.positions.compute).toEqual(dragged.positions.compute)
    await shot(page, '07-ungrouped')
  }, 300_000)

  test('copy/paste of API operations: into the same API (a free path), into another project’s REST API, refused on an Event API', async () => {
    const page = await signedUpPage(suite.browser, {
      baseUrl: suite.stack.baseUrl,
      name: 'Eli',
      contexts: suite.contexts,
      clipboard: true,
    })

    const newApi = async (type: 'REST (OpenAPI)' | 'Event / WebSocket (AsyncAPI)', name: string) => {
      await page.click('[data-testid=go-overview]')
      await page.click('[data-testid=palette-new-api]')
      await page.check(`[data-testid="choice-type-${type}"]`)
      await page.fill('[data-testid=dialog-name]', name)
      await page.click('[data-testid=dialog-submit]')
      await page.locator('.design-node', { hasText: name }).first().click()
      await page.click('[data-testid=open-canvas]')
      await expect.poll(() => page.locator('[data-testid=canvas-title]').textContent()).toContain(name)
    }
    const pasteOnCanvas = async () => {
      await page.locator('[data-testid=canvas]').click({ position: { x: 300, y: 420 } })
      await page.keyboard.press('Control+v')
    }
    const specOf = (projectId: string, path: string) =>
      withLiveDocument(
        { collabUrl: suite.stack.collabUrl, projectId, secret: suite.stack.secret, service: 'e2e' },
        (doc) => exportProject(doc)[path],
      )

    const gamma = await createProject(page, 'Gamma')
    await newApi('REST (OpenAPI)', 'orders')
    await page.click('[data-testid=palette-rest-operation]')
    await page.check('[data-testid=choice-method-post]')
    await page.fill('[data-testid=dialog-path]', '/orders')
    await page.fill('[data-testid=dialog-operationId]', 'createOrder')
    await page.click('[data-testid=dialog-submit]')
    await page.waitForSelector('[data-testid="box-/paths/~1orders/post"]')
    await select(page, ['/paths/~1orders/post'])
    await page.keyboard.press('Control+c')

    // The same API: POST /orders is taken, so the copy gets a free path and a unique operationId.
    await pasteOnCanvas()
    await page.waitForSelector('[data-testid="box-/paths/~1orders-copy/post"]')
    await expect.poll(() => page.locator('[data-testid=canvas-notice]').textContent()).toContain('Pasted 1 element')
    await expect.poll(async () => (await specOf(gamma, 'apis/orders.openapi.yaml')) ?? '').toContain('createOrder-copy')
    await shot(page, '08-api-pasted-same')

    // Another project's REST API: the operation lands at its own path.
    const delta = await createProject(page, 'Delta')
    await newApi('REST (OpenAPI)', 'store')
    await pasteOnCanvas()
    await page.waitForSelector('[data-testid="box-/paths/~1orders/post"]')
    await expect
      .poll(async () => (await specOf(delta, 'apis/store.openapi.yaml')) ?? '')
      .toMatch(/\/orders:\s+post:\s+operationId: createOrder/)
    await shot(page, '09-api-pasted-other-project')

    // An Event API cannot take REST operations: it says so and nothing changes.
    await newApi('Event / WebSocket (AsyncAPI)', 'events')
    const before = await specOf(delta, 'apis/events.asyncapi.yaml')
    await pasteOnCanvas()
    await expect
      .poll(() => page.locator('[data-testid=canvas-notice]').textContent())
      .toContain('REST (OpenAPI) elements')
    expect(await specOf(delta, 'apis/events.asyncapi.yaml')).toBe(before)
    await shot(page, '10-api-paste-refused')
  }, 300_000)
})
