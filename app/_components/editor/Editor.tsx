'use client'
import { ReactFlowProvider } from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import { useEffect, useMemo, useState } from 'react'
import type { EntityKind, JsonObject } from '../../../lib/doc'
import type { NodeState, ProcessFile, RunPureOptions } from '../../../lib/interpreter'
import {
  allNodes,
  apiCanvas,
  type DesignView,
  processCanvas,
  processGraph,
  projectOverview,
} from '../../../lib/projections'
import type { JsonSchema } from '../../../lib/schema-form'
import { ApiDocumentForm, EventElementForm, RestOperationForm } from './ApiForms'
import { CreateDialog } from './CreateDialog'
import { useClipboardShortcuts } from './clipboard-shortcuts'
import { CommentsPanel } from './comments/CommentsPanel'
import { useDiscussion } from './comments/use-discussion'
import { designActions } from './design-actions'
import { type EditorView, graphOf, viewFromKey, viewKey } from './editor-view'
import { FlowCanvas } from './FlowCanvas'
import { groupActionsFor } from './groups-frame'
import { DatabaseForm, QueueForm } from './InfraForms'
import { Palette } from './Palette'
import { ProblemsPanel } from './ProblemsPanel'
import { NodeForm, ProcessDeclarationForm } from './ProcessForms'
import { CommitPanel, HistoryPanel, MembersPanel, SharePanel } from './ProjectPanels'
import { type PaletteDialog, paletteDialog } from './palette-actions'
import { bodyItems, eventItems, overviewItems, processItems, restItems } from './palette-items'
import { DeadLettersPanel } from './runs/DeadLettersPanel'
import { DeployPanel } from './runs/DeployPanel'
import { ExecutionsPanel } from './runs/ExecutionsPanel'
import { useExecution } from './runs/execution'
import { nodePathOf, nodeStatusBadges } from './runs/node-status'
import { RunPanel } from './runs/RunPanel'
import { SpecPreview } from './SpecPreview'
import { SpecSource } from './SpecSource'
import { useCollabDoc } from './use-collab-doc'
import { useDesign } from './use-design'
import { useEntityFile } from './use-entity-file'
import { useExporter } from './use-exporter'
import { usePresence } from './use-presence'
import { type LocatedProblem, useProblems } from './use-problems'
import { useUndo } from './use-undo'

export interface EditorProps {
  projectId: string
  projectName: string
  collabUrl: string
  token: string
  /** `id` keys one's own comments and verdicts; share-link guests have none. */
  user: { name: string; id?: string }
  /** What the server grants; the server enforces it, the UI mirrors it. */
  canWrite: boolean
  role: string
  /** Share-link viewers have no account: no commit, history actions or sharing. */
  shared?: boolean
}

/** The canvas named in the address (`?canvas=<key>`), else the overview. */
function viewFromLocation(): EditorView {
  return viewFromKey(new URLSearchParams(window.location.search).get('canvas') ?? '')
}

function specOf(design: DesignView, apiId: string): JsonObject {
  const spec = design.apis[apiId]?.spec
  return spec && typeof spec === 'object' && !Array.isArray(spec) ? spec : {}
}

/** A top-level node of a process, or undefined. */
function topLevelNode(design: DesignView, processId: string, nodeId: string): JsonObject | undefined {
  const nodes = design.processes[processId]?.nodes
  const node = nodes && typeof nodes === 'object' && !Array.isArray(nodes) ? nodes[nodeId] : undefined
  return node && typeof node === 'object' && !Array.isArray(node) ? node : undefined
}

/** A for-each's name in the breadcrumb: its label, else its id. */
function bodyTitle(design: DesignView, processId: string, forEachId: string): string {
  const label = topLevelNode(design, processId, forEachId)?.label
  return typeof label === 'string' && label ? label : forEachId
}

function kindOfEntity(design: DesignView, id: string): EntityKind | undefined {
  if (design.apis[id]) return 'api'
  if (design.processes[id]) return 'process'
  if (design.databases[id]) return 'database'
  if (design.queues[id]) return 'queue'
  return undefined
}

function entityLabel(design: DesignView, id: string): string {
  const entity = design.apis[id] ?? design.processes[id] ?? design.databases[id] ?? design.queues[id]
  return typeof entity?.name === 'string' ? entity.name : id
}

/** The label a comment thread shows for a box: its canvas label, else the entity's name, else its key. */
function commentLabel(
  design: DesignView,
  projection: { nodes: { id: string; data: { label: string } }[] } | null,
  id: string,
) {
  const box = projection?.nodes.find((n) => n.id === id)
  return box?.data.label || entityLabel(design, id)
}

export function Editor(props: EditorProps) {
  const { collab, synced, status, refusal } = useCollabDoc({
    url: props.collabUrl,
    name: `${props.projectId}/design`,
    token: props.token,
  })
  const doc = collab?.doc
  const design = useDesign(doc)
  const actions = useMemo(() => (doc ? designActions(doc) : null), [doc])
  const undo = useUndo(doc)
  const exporter = useExporter(doc)
  const { problems, checking } = useProblems(doc, exporter, props.projectId)
  const { peers, publish } = usePresence(collab?.provider, props.user)
  const discussion = useDiscussion({ url: props.collabUrl, projectId: props.projectId, token: props.token })
  // Owners, editors, commenters and comment-enabled links write the discussion (the server enforces it).
  const canComment = ['owner', 'editor', 'commenter', 'share-commenter'].includes(props.role)
  const [view, setView] = useState<EditorView>(viewFromLocation)
  const [selection, setSelection] = useState<string[]>([])
  // The execution drawn on its process canvas: a run started here, or one opened from Executions (its trace).
  const [shownRun, setShownRun] = useState<{ id: string; processId: string } | null>(null)
  const shown = useExecution(props.projectId, shownRun?.id ?? null)
  const [preview, setPreview] = useState<{ processId: string; nodes: Record<string, NodeState> } | null>(null)
  const [dialog, setDialog] = useState<PaletteDialog | null>(null)
  const [panel, setPanel] = useState<
    | 'commit'
    | 'history'
    | 'share'
    | 'members'
    | 'source'
    | 'preview'
    | 'shortcuts'
    | 'comments'
    | 'run'
    | 'executions'
    | 'deploy'
    | 'dead-letters'
    | null
  >(null)
  const readOnly = !props.canWrite

  // A project created from the dashboard starts empty: its creator's first open writes the manifest.
  useEffect(() => {
    if (!synced || !doc || !actions || readOnly) return
    if (doc.getMap('project').size === 0 && doc.getMap('apis').size === 0 && doc.getMap('processes').size === 0) {
      actions.initializeProject(props.projectId, props.projectName)
    }
  }, [synced, doc, actions, readOnly, props.projectId, props.projectName])

  const canvasKey = viewKey(view)
  useEffect(() => publish('canvas', canvasKey), [canvasKey, publish])
  // The open canvas is in the address (`?canvas=process:prc_…`), so a link or a reload opens it directly.
  useEffect(() => {
    const url = new URL(window.location.href)
    if (canvasKey === 'overview') url.searchParams.delete('canvas')
    else url.searchParams.set('canvas', canvasKey)
    window.history.replaceState(null, '', url)
  }, [canvasKey])
  useEffect(() => publish('selection', selection), [selection, publish])
  // A body canvas whose for-each is gone (deleted here or by a peer, or a stale link) goes back to its process.
  // Judged only once the process is read (the design is re-read a frame after the sync: before, all is missing).
  useEffect(() => {
    if (!design || view.kind !== 'process' || !view.body || !design.processes[view.id]) return
    if (!processGraph(design.processes[view.id], view.body)) setView({ kind: 'process', id: view.id })
  }, [design, view])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return
      const mod = e.ctrlKey || e.metaKey
      if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault()
        undo.undo()
      } else if (mod && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey))) {
        e.preventDefault()
        undo.redo()
      } else if (e.key === '?') setPanel((p) => (p === 'shortcuts' ? null : 'shortcuts'))
      else if (e.key === 'Escape') {
        setPanel(null)
        setSelection([])
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undo])

  // Only declaration forms read the entity's file: a process canvas without a node selected, or the overview.
  const fileEntity =
    view.kind === 'overview'
      ? selection[0]
      : view.kind === 'process' && !view.body && !selection[0]
        ? view.id
        : undefined
  const entityFile = useEntityFile(exporter, design, fileEntity)

  const nodeStatus = useMemo(() => {
    if (view.kind !== 'process') return undefined
    const previewed = preview?.processId === view.id ? preview.nodes : undefined
    const nodes = previewed ?? (shownRun?.processId === view.id ? shown.execution?.nodes : undefined)
    return nodes ? nodeStatusBadges(nodes, view.body) : undefined
  }, [shown.execution, view, shownRun, preview])

  // The selected box's node path in the run shown (in a body: the item its badge stands for).
  const selectedRunNode =
    selection[0] && view.kind === 'process'
      ? nodePathOf(shown.execution?.nodes ?? {}, selection[0], view.body)
      : (selection[0] ?? null)

  const projection = useMemo(() => {
    if (!design) return null
    if (view.kind === 'api') return apiCanvas(design, view.id)
    if (view.kind === 'process') return processCanvas(design, view.id, view.body)
    return projectOverview(design)
  }, [design, view])

  const invalidElements = useMemo(() => {
    const out = new Set<string>()
    for (const p of problems) {
      if (p.severity !== 'error') continue
      if (view.kind === 'overview' && p.entityId) out.add(p.entityId)
      if (view.kind === 'overview' || p.entityId !== view.id || !p.canvasElement) continue
      // A problem inside a body marks its for-each on the process canvas and its node on the body canvas.
      if (view.kind === 'process' && view.body) {
        if (p.canvasElement === view.body && p.bodyElement) out.add(p.bodyElement)
      } else out.add(p.canvasElement)
    }
    return out
  }, [problems, view])

  const clipboard = useClipboardShortcuts({
    doc,
    actions,
    projection,
    selection,
    readOnly,
    onPasted: setSelection,
  })
  // A body canvas has no groups: they belong to the process's top level (a write there drops absent members).
  const groupActions = useMemo(
    () => (actions && projection && !readOnly && !projection.body ? groupActionsFor(actions, projection) : undefined),
    [actions, projection, readOnly],
  )

  if (status === 'refused')
    return <main className="page error">The collab server refused this connection: {refusal}</main>
  if (!synced || !doc || !design || !actions || !projection)
    return <main className="page muted">Loading the design…</main>

  const apiType = view.kind === 'api' ? design.apis[view.id]?.type : undefined
  const items =
    view.kind === 'overview'
      ? overviewItems
      : view.kind === 'process'
        ? view.body
          ? bodyItems
          : processItems
        : apiType === 'event'
          ? eventItems
          : restItems

  const onPick = (itemId: string) => {
    if (view.kind === 'process') {
      const process = design.processes[view.id]
      if (!process) return
      const taken = new Set(allNodes(process).map(([id]) => id))
      const label = processItems.find((i) => i.id === itemId)?.label ?? itemId
      const nodeId = actions.addNode(graphOf(view), itemId, label, taken)
      setSelection([nodeId])
      return
    }
    const d = paletteDialog(itemId, {
      design,
      actions,
      apiId: view.kind === 'api' ? view.id : undefined,
      onCreated: (id) => setSelection([id]),
    })
    if (d) setDialog(d)
  }

  const openBody = (processId: string, forEachId: string) => {
    setView({ kind: 'process', id: processId, body: forEachId })
    setSelection([])
  }

  const open = (id: string) => {
    // On a process's top level, double-clicking a for-each opens its body.
    if (view.kind === 'process' && !view.body) {
      if (topLevelNode(design, view.id, id)?.kind === 'for-each') openBody(view.id, id)
      return
    }
    if (view.kind !== 'overview') return
    const kind = kindOfEntity(design, id)
    if (kind === 'api' || kind === 'process') {
      setView({ kind, id })
      setSelection([])
    }
  }

  const openProblem = (p: LocatedProblem) => {
    if (!p.entityId) return
    const kind = kindOfEntity(design, p.entityId)
    if (kind === 'process' && p.canvasElement && p.bodyElement) {
      setView({ kind, id: p.entityId, body: p.canvasElement })
      setSelection([p.bodyElement])
    } else if (kind === 'api' || kind === 'process') {
      setView({ kind, id: p.entityId })
      setSelection(p.canvasElement ? [p.canvasElement] : [])
    } else {
      setView({ kind: 'overview' })
      setSelection([p.entityId])
    }
  }

  const deleteSelected = (ids: string[]) => {
    if (readOnly) return
    if (view.kind === 'process') {
      const process = design.processes[view.id]
      for (const id of ids) {
        const referencedBy = allNodes(process ?? {})
          .filter(([other, node]) => other !== id && JSON.stringify(node).includes(`nodes.${id}`))
          .map(([other]) => other)
        const note = referencedBy.length
          ? `\nExpressions in ${referencedBy.join(', ')} read its output and will be reported.`
          : ''
        if (window.confirm(`Delete node ${id} and its edges?${note}`)) actions.removeNode(graphOf(view), id)
      }
      setSelection([])
      return
    }
    if (view.kind === 'overview') {
      for (const id of ids) {
        const kind = kindOfEntity(design, id)
        if (!kind) continue
        const dependents = projection.edges
          .filter((e) => e.source === id || e.target === id)
          .map((e) => (e.source === id ? e.target : e.source))
        const names = dependents.map((d) => entityLabel(design, d))
        const note = names.length ? `\nUsed by: ${names.join(', ')} (their references will be reported).` : ''
        if (window.confirm(`Delete ${kind} ${entityLabel(design, id)}?${note}`)) {
          actions.remove(kind, id)
        }
      }
      setSelection([])
    }
  }

  const properties = (() => {
    const selected = selection[0]
    if (view.kind === 'process') {
      if (selected)
        return (
          <NodeForm
            design={design}
            processId={view.id}
            body={view.body}
            nodeId={selected}
            readOnly={readOnly}
            actions={actions}
            onOpenBody={(forEachId) => openBody(view.id, forEachId)}
          />
        )
      // On a body canvas with nothing selected: the for-each itself (what it loops over, its concurrency, output).
      if (view.body)
        return <NodeForm design={design} processId={view.id} nodeId={view.body} readOnly={readOnly} actions={actions} />
      return (
        <ProcessDeclarationForm
          design={design}
          processId={view.id}
          file={entityFile}
          readOnly={readOnly}
          actions={actions}
        />
      )
    }
    if (view.kind === 'api') {
      if (selected && apiType !== 'event' && /^\/paths\/[^/]+\/[a-z]+$/.test(selected)) {
        return (
          <RestOperationForm design={design} apiId={view.id} pointer={selected} readOnly={readOnly} actions={actions} />
        )
      }
      if (selected && apiType === 'event')
        return (
          <EventElementForm design={design} apiId={view.id} pointer={selected} readOnly={readOnly} actions={actions} />
        )
      return <ApiDocumentForm design={design} apiId={view.id} readOnly={readOnly} actions={actions} />
    }
    const hint = <p className="muted">Select an element, or double-click an API or process to open its canvas.</p>
    if (!selected) return hint
    const kind = kindOfEntity(design, selected)
    if (kind === 'database')
      return <DatabaseForm id={selected} file={entityFile} readOnly={readOnly} actions={actions} />
    if (kind === 'queue') return <QueueForm id={selected} file={entityFile} readOnly={readOnly} actions={actions} />
    const openButton = (
      <button type="button" className="primary" data-testid="open-canvas" onClick={() => open(selected)}>
        Open its canvas
      </button>
    )
    if (kind === 'process') {
      return (
        <>
          {openButton}
          <ProcessDeclarationForm
            design={design}
            processId={selected}
            file={entityFile}
            readOnly={readOnly}
            actions={actions}
          />
        </>
      )
    }
    if (kind === 'api') {
      return (
        <>
          {openButton}
          <ApiDocumentForm design={design} apiId={selected} readOnly={readOnly} actions={actions} />
        </>
      )
    }
    // A selection that is not on this canvas (deleted meanwhile) is nothing to show.
    return hint
  })()

  const title =
    view.kind === 'overview'
      ? 'Overview'
      : view.kind === 'api'
        ? String(design.apis[view.id]?.name ?? 'API')
        : String(design.processes[view.id]?.name ?? 'Process')
  const errors = problems.filter((p) => p.severity === 'error').length

  return (
    <ReactFlowProvider>
      <div className="editor" data-testid="editor" data-readonly={readOnly ? 'true' : undefined}>
        <header className="toolbar">
          <a href="/projects">Projects</a>
          <strong>{props.projectName}</strong>
          <nav className="row" aria-label="Canvas">
            <button
              type="button"
              onClick={() => {
                // A box selected on another canvas means nothing on the overview.
                setView({ kind: 'overview' })
                setSelection([])
              }}
              data-testid="go-overview"
            >
              Overview
            </button>
            {view.kind === 'process' && view.body ? (
              <>
                <button
                  type="button"
                  onClick={() => {
                    setView({ kind: 'process', id: view.id })
                    setSelection([])
                  }}
                  data-testid="go-process"
                >
                  › {title}
                </button>
                <span data-testid="canvas-title">
                  › {bodyTitle(design, view.id, view.body)} <span className="muted">(body, once per item)</span>
                </span>
              </>
            ) : (
              view.kind !== 'overview' && <span data-testid="canvas-title">› {title}</span>
            )}
            {view.kind === 'api' && (
              <button type="button" onClick={() => setPanel('source')} data-testid="open-source">
                Source
              </button>
            )}
            {view.kind === 'api' && (
              <button type="button" onClick={() => setPanel('preview')} data-testid="open-preview">
                Preview
              </button>
            )}
          </nav>
          <span className="spacer" />
          {readOnly && (
            <span className="badge" data-testid="read-only">
              Read-only ({props.role})
            </span>
          )}
          <button
            type="button"
            disabled={readOnly || !undo.canUndo}
            onClick={() => undo.undo()}
            data-testid="undo"
            title="Undo your last edit (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            disabled={readOnly || !undo.canRedo}
            onClick={() => undo.redo()}
            data-testid="redo"
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
          {view.kind === 'process' && !props.shared && (
            <button type="button" onClick={() => setPanel('run')} data-testid="open-run">
              Run
            </button>
          )}
          {!props.shared && (
            <>
              <button type="button" onClick={() => setPanel('executions')} data-testid="open-executions">
                Executions
              </button>
              <button type="button" onClick={() => setPanel('deploy')} data-testid="open-deploy">
                Deploy
              </button>
              <button type="button" onClick={() => setPanel('dead-letters')} data-testid="open-dead-letters">
                Dead letters
              </button>
            </>
          )}
          <button type="button" onClick={() => setPanel('comments')} data-testid="open-comments">
            Comments ({discussion.view.threads.filter((t) => t.status === 'open').length})
          </button>
          {!props.shared && (
            <>
              <button type="button" disabled={readOnly} onClick={() => setPanel('commit')} data-testid="open-commit">
                Commit
              </button>
              <button type="button" onClick={() => setPanel('history')} data-testid="open-history">
                History
              </button>
              <button type="button" onClick={() => setPanel('members')} data-testid="open-members">
                Members
              </button>
              {props.role === 'owner' && (
                <button type="button" onClick={() => setPanel('share')} data-testid="open-share">
                  Share
                </button>
              )}
            </>
          )}
        </header>
        <Palette items={items} disabled={readOnly} onPick={onPick} />
        <main className="canvas-area">
          <FlowCanvas
            key={canvasKey}
            projection={projection}
            readOnly={readOnly}
            invalidElements={invalidElements}
            selection={selection}
            peers={peers}
            onSelect={setSelection}
            nodeStatus={nodeStatus}
            onOpen={open}
            onMoveEnd={(moves) => !readOnly && actions.movePositions(projection.key, moves)}
            onConnect={
              view.kind === 'process' ? (c) => actions.connect(graphOf(view), c.from, c.port, c.to) : undefined
            }
            onDeleteNodes={deleteSelected}
            onDeleteEdges={view.kind === 'process' ? (edges) => actions.disconnect(graphOf(view), edges) : undefined}
            onCursor={(point) => publish('cursor', point)}
            onAutoLayout={(moves) => !readOnly && actions.movePositions(projection.key, moves)}
            groupActions={groupActions}
            notice={clipboard.notice}
            onDismissNotice={clipboard.clearNotice}
          />
        </main>
        <aside className="properties" aria-label="Properties">
          {properties}
          {panel === 'commit' && (
            <CommitPanel projectId={props.projectId} problems={problems} onClose={() => setPanel(null)} />
          )}
          {panel === 'history' && (
            <HistoryPanel projectId={props.projectId} canWrite={!readOnly} onClose={() => setPanel(null)} />
          )}
          {panel === 'source' && view.kind === 'api' && (
            <SpecSource doc={doc} design={design} apiId={view.id} onClose={() => setPanel(null)} />
          )}
          {panel === 'members' && (
            <MembersPanel projectId={props.projectId} isOwner={props.role === 'owner'} onClose={() => setPanel(null)} />
          )}
          {panel === 'share' && <SharePanel projectId={props.projectId} onClose={() => setPanel(null)} />}
          {panel === 'run' && view.kind === 'process' && design.processes[view.id] && (
            <RunPanel
              projectId={props.projectId}
              process={{
                id: view.id,
                name: String(design.processes[view.id]?.name ?? view.id),
                inputs: (design.processes[view.id]?.inputs ?? {}) as JsonSchema,
                definition: design.processes[view.id] as unknown as ProcessFile,
              }}
              definitions={
                {
                  databases: design.databases,
                  queues: design.queues,
                  processes: design.processes,
                } as unknown as RunPureOptions['bundle']
              }
              onPreview={(nodes) => setPreview(nodes ? { processId: view.id, nodes } : null)}
              canRun={!readOnly}
              execution={shownRun?.processId === view.id ? shown.execution : null}
              log={shownRun?.processId === view.id ? shown.log : []}
              selectedNode={selectedRunNode}
              onStarted={(id) => {
                setPreview(null)
                setShownRun({ id, processId: view.id })
              }}
              onClose={() => setPanel(null)}
            />
          )}
          {panel === 'executions' && (
            <ExecutionsPanel
              projectId={props.projectId}
              process={
                view.kind === 'process'
                  ? { id: view.id, name: String(design.processes[view.id]?.name ?? view.id) }
                  : null
              }
              onOpen={(execution) => {
                setPreview(null)
                setShownRun({ id: execution.id, processId: execution.processId })
                if (design.processes[execution.processId]) setView({ kind: 'process', id: execution.processId })
                setPanel('run')
              }}
              onClose={() => setPanel(null)}
            />
          )}
          {panel === 'deploy' && (
            <DeployPanel
              projectId={props.projectId}
              isOwner={props.role === 'owner'}
              canWrite={!readOnly}
              onClose={() => setPanel(null)}
            />
          )}
          {panel === 'dead-letters' && (
            <DeadLettersPanel projectId={props.projectId} canReplay={!readOnly} onClose={() => setPanel(null)} />
          )}
          {panel === 'comments' && (
            <CommentsPanel
              doc={discussion.doc}
              view={discussion.view}
              canComment={canComment}
              author={{ key: props.user.id ?? `guest:${props.user.name}`, name: props.user.name }}
              canvas={canvasKey}
              selected={
                selection[0] ? { element: selection[0], label: commentLabel(design, projection, selection[0]) } : null
              }
              onOpenAnchor={(anchor) => {
                setView(viewFromKey(anchor.canvas))
                setSelection([anchor.element])
              }}
              onClose={() => setPanel(null)}
            />
          )}
          {panel === 'shortcuts' && (
            <div className="side-panel" data-testid="shortcuts">
              <h3>Keyboard shortcuts</h3>
              <ul>
                <li>Ctrl/⌘+Z — undo your last edit</li>
                <li>Ctrl/⌘+Shift+Z, Ctrl+Y — redo</li>
                <li>
                  Delete / Backspace — delete the selection: boxes ask first and list their dependents; a selected edge
                  (click it) is removed at once, and Undo brings it back
                </li>
                <li>Shift+drag — select several; Ctrl/⌘+click — add to the selection</li>
                <li>Ctrl/⌘+C — copy the selection (boxes and the edges between them; works across projects)</li>
                <li>Ctrl/⌘+V — paste here as new elements (new ids, free names)</li>
                <li>Group (top right) — frame the selected boxes; drag the frame to move them</li>
                <li>Auto-layout (top right) — lay the canvas out (one undo step)</li>
                <li>Double-click — open an API's or process's canvas, or a for-each's body</li>
                <li>Escape — clear the selection, close panels</li>
                <li>In an expression: type for suggestions; ↑/↓ pick, Enter/Tab accept, Escape close</li>
                <li>? — this sheet</li>
              </ul>
            </div>
          )}
          <ProblemsPanel problems={problems} checking={checking} onOpen={openProblem} />
        </aside>
        <footer className="statusbar">
          <span data-testid="connection">{status}</span>
          <span data-testid="problem-count">
            {errors} error{errors === 1 ? '' : 's'}, {problems.length - errors} other
          </span>
          <span className="spacer" />
          <span className="presence" data-testid="presence">
            <span className="avatar" title={`${props.user.name} (you)`}>
              {props.user.name.slice(0, 1).toUpperCase()}
            </span>
            {peers.map((p) => (
              <button
                type="button"
                key={p.clientId}
                className="avatar"
                style={{ background: p.color }}
                title={`${p.name} — click to follow`}
                data-testid="peer-avatar"
                onClick={() => {
                  const [kind, id] = p.canvas.split(':')
                  if ((kind === 'api' || kind === 'process') && id) setView({ kind, id })
                  else setView({ kind: 'overview' })
                }}
              >
                {p.name.slice(0, 1).toUpperCase()}
              </button>
            ))}
          </span>
        </footer>
        {panel === 'preview' && view.kind === 'api' && design.apis[view.id] && (
          <SpecPreview
            type={String(design.apis[view.id]?.type)}
            spec={specOf(design, view.id)}
            onClose={() => setPanel(null)}
          />
        )}
        {dialog && (
          <CreateDialog
            title={dialog.title}
            fields={dialog.fields}
            submitLabel={dialog.submitLabel}
            onSubmit={dialog.submit}
            onClose={() => setDialog(null)}
          />
        )}
      </div>
    </ReactFlowProvider>
  )
}
