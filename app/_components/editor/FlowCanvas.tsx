'use client'
import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type Node,
  type NodeChange,
  Panel,
  ReactFlow,
  type ReactFlowState,
  useNodesInitialized,
  useReactFlow,
  useStore,
} from '@xyflow/react'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import './canvas.css'
import { type CanvasNode, type CanvasProjection, frameAround } from '../../../lib/projections'
import { autoLayout } from './auto-layout'
import { DesignNode, type DesignNodeData } from './DesignNode'
import { DetailLevel } from './detail-level'
import { GROUP_FRAME_TYPE, GROUP_NODE_PREFIX, type GroupActions, GroupFrame, type GroupFrameData } from './groups-frame'
import { OverviewEdges } from './overview-edges'
import type { NodeStatusBadge } from './runs/node-status'
import type { PeerPresence } from './use-presence'
import { useViewportPortal } from './viewport-portal'

const nodeTypes = { design: DesignNode, [GROUP_FRAME_TYPE]: GroupFrame }
const isFrame = (id: string) => id.startsWith(GROUP_NODE_PREFIX)
/** A box's size as React Flow measured it, else a typical box. */
const sizeOf = (n: Node) => ({ width: n.measured?.width ?? 200, height: n.measured?.height ?? 64 })

export interface FlowCanvasProps {
  projection: CanvasProjection
  readOnly: boolean
  invalidElements: ReadonlySet<string>
  selection: string[]
  peers: PeerPresence[]
  onSelect(ids: string[]): void
  onOpen(id: string): void
  onMoveEnd(moves: Array<{ key: string; x: number; y: number }>): void
  onConnect?(connection: { from: string; port: string; to: string }): void
  onDeleteNodes?(ids: string[]): void
  /** Edges selected on the canvas and deleted (Delete/Backspace); without it edges cannot be selected. */
  onDeleteEdges?(edges: Array<{ from: string; port: string; to: string }>): void
  onCursor(point: { x: number; y: number } | null): void
  /** Lays the canvas out with ELK and writes every position once (one undoable edit). */
  onAutoLayout?(moves: Array<{ key: string; x: number; y: number }>): void
  /** A run's state per box id (the Runs panel): drawn on the box, never written to the document. */
  nodeStatus?: ReadonlyMap<string, NodeStatusBadge>
  /** Groups of this canvas (create, rename, ungroup, drag); without it frames are drawn but not editable. */
  groupActions?: GroupActions
  /** A sentence to show over the canvas (what a paste did, or why it could not). */
  notice?: string | null
  onDismissNotice?(): void
}

const sameStatus = (a: NodeStatusBadge | undefined, b: NodeStatusBadge | undefined) =>
  a?.status === b?.status && a?.attempt === b?.attempt && a?.items === b?.items

function sameBox(
  old: Node<DesignNodeData>,
  n: CanvasNode,
  invalid: boolean,
  selected: boolean,
  status: NodeStatusBadge | undefined,
): boolean {
  const d = old.data
  return (
    sameStatus(d.runStatus, status) &&
    old.position.x === n.position.x &&
    old.position.y === n.position.y &&
    Boolean(old.selected) === selected &&
    Boolean(d.invalid) === invalid &&
    d.kind === n.type &&
    d.label === n.data.label &&
    d.subtitle === n.data.subtitle &&
    d.elementId === n.data.elementId &&
    d.hasInput === n.data.hasInput &&
    d.ports.join('\u0000') === n.data.ports.join('\u0000')
  )
}

/** Grid of the background dots and of snapping (flow units). */
const GRID = 20
const snapGrid: [number, number] = [10, 10]
const proOptions = { hideAttribution: true }
const deleteKeys = ['Delete', 'Backspace']
/** Dots closer than this on screen are drawn at a coarser grid (twice the gap, twice the size) instead. */
const MIN_DOT_GAP_PX = 12
const dotLevel = (s: ReactFlowState) =>
  Math.max(0, Math.ceil(Math.log2(MIN_DOT_GAP_PX / (GRID * (s.transform[2] || 1)))))

/**
 * The library's dotted background on an adaptive grid: zoomed out, dots every 20 units would be sub-pixel specks a
 * pixel apart, which draw as a grey haze and cost a full repaint of a million dots on every pan and zoom frame.
 * Each halving of the on-screen gap below 12 px doubles the grid (and the dots), so the canvas looks the same at
 * every zoom and a frame paints at most a few thousand dots. Re-renders only when the level changes.
 */
function CanvasBackground() {
  const level = useStore(dotLevel)
  const scale = 2 ** level
  return <Background gap={GRID * scale} size={scale} />
}

/** Peers' cursors in flow coordinates, in the viewport's portal layer. */
function PeerCursors(props: { peers: PeerPresence[]; canvas: string }) {
  const target = useViewportPortal()
  const here = props.peers.filter((p) => p.cursor && p.canvas === props.canvas)
  if (!target || here.length === 0) return null
  return createPortal(
    here.map((p) => (
      <div
        key={p.clientId}
        className="peer-cursor"
        data-testid="peer-cursor"
        style={{ transform: `translate(${p.cursor?.x ?? 0}px, ${p.cursor?.y ?? 0}px)`, color: p.color }}
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <path d="M0 0 L14 5 L7 7 L5 14 Z" fill="currentColor" />
        </svg>
        <span style={{ background: p.color }}>{p.name}</span>
      </div>
    )),
    target,
  )
}

const noFrames: Node<GroupFrameData>[] = []
const noEdgeIds: ReadonlySet<string> = new Set()

/** The same objects in the same order: a list that can be kept as it was. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** What React Flow holds locally: the boxes (with its measurements and a drag in progress) and what they came from. */
interface LocalBoxes {
  derived: Node<DesignNodeData>[]
  nodes: Node<DesignNodeData>[]
}

/**
 * A box whose derived object did not change keeps React Flow's own copy (its measured size, a drag in progress); a
 * changed one takes the new data and keeps the measured size until React Flow measures again.
 */
function mergeBoxes(local: LocalBoxes, derived: Node<DesignNodeData>[]): Node<DesignNodeData>[] {
  const before = new Set(local.derived)
  const byId = new Map(local.nodes.map((n) => [n.id, n]))
  return derived.map((d) => {
    const cur = byId.get(d.id)
    if (!cur) return d
    if (before.has(d)) return cur
    return cur.measured ? { ...d, measured: cur.measured } : d
  })
}

/**
 * React Flow bound to one projection. Drags are local until they end; then one write (never per frame).
 *
 * Every prop handed to `<ReactFlow>` is stable unless its meaning changes: React Flow copies each changed prop into
 * its store with a `setState` of its own, and every store update runs the selectors of every box, edge and handle
 * (≈ 2,500 on a 500-node process). Inline handlers re-created on each render cost seven such rounds per drag step
 * or remote edit; the handlers below read the latest props through a ref instead.
 */
export function FlowCanvas(props: FlowCanvasProps) {
  const { projection, invalidElements } = props
  // Boxes that did not change keep their object, so React Flow re-renders only the changed ones (a remote edit
  // in a 1,500-box canvas repaints one box, not all of them); when none changed, the list itself is kept.
  const previous = useRef(new Map<string, Node<DesignNodeData>>())
  const previousList = useRef<Node<DesignNodeData>[]>([])
  const derived = useMemo<Node<DesignNodeData>[]>(() => {
    const selected = new Set(props.selection)
    const next = new Map<string, Node<DesignNodeData>>()
    const out = projection.nodes.map((n) => {
      const invalid = invalidElements.has(n.data.elementId)
      const isSelected = selected.has(n.id)
      const old = previous.current.get(n.id)
      const status = props.nodeStatus?.get(n.id)
      const node =
        old && sameBox(old, n, invalid, isSelected, status)
          ? old
          : {
              id: n.id,
              type: 'design',
              position: n.position,
              selected: isSelected,
              data: { ...n.data, kind: n.type, invalid, runStatus: status },
            }
      next.set(n.id, node)
      return node
    })
    previous.current = next
    if (sameItems(out, previousList.current)) return previousList.current
    previousList.current = out
    return out
  }, [projection, invalidElements, props.selection, props.nodeStatus])
  const [local, setLocal] = useState<LocalBoxes>(() => ({ derived, nodes: derived }))
  let nodes = local.nodes
  if (local.derived !== derived) {
    // Adjusted while rendering (not in an effect): the new boxes and edges reach React Flow in one commit, one
    // store update, without a second render pass after paint.
    nodes = mergeBoxes(local, derived)
    setLocal({ derived, nodes })
  }
  // Edges keep their object too: a new object re-renders (and re-measures the label of) every edge of the canvas.
  // Their selection is the canvas's own (React Flow's select changes), for deleting them; it is not presence.
  const [edgeSelection, setEdgeSelection] = useState<ReadonlySet<string>>(noEdgeIds)
  const edgesSelectable = !props.readOnly && Boolean(props.onDeleteEdges)
  const previousEdges = useRef(new Map<string, Edge>())
  const previousEdgeList = useRef<Edge[]>([])
  const edges = useMemo<Edge[]>(() => {
    const next = new Map<string, Edge>()
    const out = projection.edges.map((e) => {
      const old = previousEdges.current.get(e.id)
      const sourceHandle = e.sourceHandle ?? null
      const selected = edgesSelectable && edgeSelection.has(e.id)
      const edge =
        old &&
        old.source === e.source &&
        old.target === e.target &&
        old.sourceHandle === sourceHandle &&
        old.label === e.label &&
        old.selected === selected &&
        old.selectable === edgesSelectable
          ? old
          : {
              id: e.id,
              source: e.source,
              target: e.target,
              sourceHandle,
              label: e.label,
              selected,
              selectable: edgesSelectable,
            }
      next.set(e.id, edge)
      return edge
    })
    previousEdges.current = next
    if (sameItems(out, previousEdgeList.current)) return previousEdgeList.current
    previousEdgeList.current = out
    return out
  }, [projection, edgeSelection, edgesSelectable])
  const groupsEditable = !props.readOnly && Boolean(props.groupActions)
  // Read by the stable handlers below: always the last committed props and boxes.
  const latest = useRef({ props, nodes, frames: noFrames })
  // Frame actions go through `latest`, so a frame's data changes only with its group or its members' boxes.
  const frameActions = useMemo(
    () => ({
      onRename: (id: string, label: string) => latest.current.props.groupActions?.rename(id, label),
      onUngroup: (id: string) => latest.current.props.groupActions?.ungroup(id),
    }),
    [],
  )
  // Frames: one node per group, drawn behind and around its members' current boxes (so a member dragged alone
  // takes its frame along); dragging a frame moves its members here and writes them once at drag end.
  const frames = useMemo<Node<GroupFrameData>[]>(() => {
    if (projection.groups.length === 0) return noFrames
    const byId = new Map(nodes.map((n) => [n.id, n]))
    return projection.groups.flatMap((g) => {
      const boxes = g.members.flatMap((id) => {
        const n = byId.get(id)
        return n ? [{ ...n.position, ...sizeOf(n) }] : []
      })
      const frame = frameAround(boxes)
      if (!frame) return []
      return [
        {
          id: `${GROUP_NODE_PREFIX}${g.id}`,
          type: GROUP_FRAME_TYPE,
          position: { x: frame.x, y: frame.y },
          width: frame.width,
          height: frame.height,
          style: { width: frame.width, height: frame.height },
          zIndex: -1,
          selectable: false,
          deletable: false,
          connectable: false,
          draggable: groupsEditable,
          data: { groupId: g.id, label: g.label, readOnly: !groupsEditable, ...frameActions },
        },
      ]
    })
  }, [nodes, projection.groups, groupsEditable, frameActions])
  const shown = useMemo<Node[]>(() => (frames.length ? [...frames, ...nodes] : nodes), [frames, nodes])
  useLayoutEffect(() => {
    latest.current = { props, nodes, frames }
  })
  const flow = useReactFlow()
  const wrapper = useRef<HTMLDivElement>(null)
  const handlers = useMemo(() => {
    const membersOf = (frameId: string) =>
      latest.current.props.projection.groups.find((g) => `${GROUP_NODE_PREFIX}${g.id}` === frameId)?.members ?? []
    // Where a frame drag started: the frame's and its members' positions.
    let frameDrag: { frame: { x: number; y: number }; members: Map<string, { x: number; y: number }> } | null = null
    // The pointer as peers see it: kept on each move, turned into flow coordinates at most every 50 ms (presence
    // sends no more often). Converting reads the canvas's box, which right after a drag step's render forces a
    // style and layout pass: once per move, that was a layout per frame the bare canvas does not have.
    let pointer: { x: number; y: number } | null = null
    let pointerTimer: ReturnType<typeof setTimeout> | null = null
    const sendPointer = () => {
      pointerTimer = null
      latest.current.props.onCursor(pointer && flow.screenToFlowPosition(pointer))
    }
    return {
      /** Unmounting: a pending pointer update is for a canvas no longer shown. */
      dispose() {
        if (pointerTimer) clearTimeout(pointerTimer)
        pointerTimer = null
      },
      /** The pointer on the canvas (client coordinates), or null when it left. */
      onPointer(at: { x: number; y: number } | null) {
        pointer = at
        if (at === null) {
          if (pointerTimer) clearTimeout(pointerTimer)
          sendPointer()
        } else if (!pointerTimer) pointerTimer = setTimeout(sendPointer, 50)
      },
      // While the view pans or zooms the boxes' layer is composited (see canvas.css): a frame then moves one
      // rastered layer instead of repainting every box. A class on the element, not React state: no render.
      onMoveStart() {
        wrapper.current?.classList.add('canvas-moving')
      },
      onMoveEnd() {
        wrapper.current?.classList.remove('canvas-moving')
      },
      onNodesChange(all: NodeChange<Node>[]) {
        const { frames } = latest.current
        const changes = all.filter((c) => !('id' in c) || !isFrame(c.id)) as NodeChange<Node<DesignNodeData>>[]
        const apply = (current: Node<DesignNodeData>[]) => {
          // A frame moving moves its members by the same step; its own node follows from them.
          let moved = current
          for (const c of all) {
            if (c.type !== 'position' || !isFrame(c.id) || !c.position) continue
            const frame = frames.find((f) => f.id === c.id)
            if (!frame) continue
            const dx = c.position.x - frame.position.x
            const dy = c.position.y - frame.position.y
            const members = new Set(membersOf(c.id))
            moved = moved.map((n) =>
              members.has(n.id) ? { ...n, position: { x: n.position.x + dx, y: n.position.y + dy } } : n,
            )
          }
          return applyNodeChanges(changes, moved)
        }
        setLocal((s) => ({ derived: s.derived, nodes: apply(s.nodes) }))
        // Only a user's click or box-select changes the selection; nodes appearing or re-deriving never do.
        if (changes.some((c) => c.type === 'select'))
          latest.current.props.onSelect(
            apply(latest.current.nodes)
              .filter((n) => n.selected)
              .map((n) => n.id),
          )
      },
      // While a connection is drawn every box shows its connection dots (canvas.css hides them on boxes not hovered
      // or selected): the user sees where the edge can land.
      onConnectStart() {
        wrapper.current?.classList.add('canvas-connecting')
      },
      onConnectEnd() {
        wrapper.current?.classList.remove('canvas-connecting')
      },
      onNodeDragStart(_event: unknown, node: Node) {
        // A drag composites the boxes' layer too (canvas.css): each step re-rasters the boxes, not what is under them.
        wrapper.current?.classList.add('canvas-dragging')
        if (!isFrame(node.id)) return
        const members = new Set(membersOf(node.id))
        frameDrag = {
          frame: { ...node.position },
          members: new Map(latest.current.nodes.filter((n) => members.has(n.id)).map((n) => [n.id, { ...n.position }])),
        }
      },
      onNodeDragStop(_event: unknown, node: Node, dragged: Node[]) {
        wrapper.current?.classList.remove('canvas-dragging')
        const { props } = latest.current
        const start = frameDrag
        if (isFrame(node.id) && start) {
          frameDrag = null
          const dx = node.position.x - start.frame.x
          const dy = node.position.y - start.frame.y
          const moves = [...start.members].map(([key, p]) => ({ key, x: p.x + dx, y: p.y + dy }))
          const box = { x: node.position.x, y: node.position.y, width: node.width, height: node.height }
          props.groupActions?.move(node.id.slice(GROUP_NODE_PREFIX.length), moves, box)
          return
        }
        const boxes = dragged.filter((n) => !isFrame(n.id))
        if (boxes.length) props.onMoveEnd(boxes.map((n) => ({ key: n.id, x: n.position.x, y: n.position.y })))
      },
      onNodeDoubleClick(_event: unknown, node: Node) {
        latest.current.props.onOpen(node.id)
      },
      onConnect(connection: Connection) {
        const { props } = latest.current
        if (!props.onConnect || !connection.source || !connection.target) return
        props.onConnect({ from: connection.source, port: connection.sourceHandle ?? 'out', to: connection.target })
      },
      onEdgesChange(changes: EdgeChange[]) {
        const selects = changes.filter((c) => c.type === 'select')
        if (!selects.length) return
        setEdgeSelection((current) => {
          const next = new Set(current)
          for (const c of selects) {
            if (c.selected) next.add(c.id)
            else next.delete(c.id)
          }
          return next
        })
      },
      // One callback for boxes and edges: the edges of a deleted box go with it (the box's own delete removes
      // them), only the other selected edges are removed on their own.
      onDelete({ nodes, edges }: { nodes: Node[]; edges: Edge[] }) {
        const { props } = latest.current
        const boxes = nodes.filter((n) => !isFrame(n.id)).map((n) => n.id)
        if (boxes.length) props.onDeleteNodes?.(boxes)
        const gone = new Set(boxes)
        const loose = edges.filter((e) => !gone.has(e.source) && !gone.has(e.target))
        if (loose.length)
          props.onDeleteEdges?.(loose.map((e) => ({ from: e.source, port: e.sourceHandle ?? 'out', to: e.target })))
      },
    }
  }, [flow])
  useEffect(() => () => handlers.dispose(), [handlers])
  // Fit once per canvas, after React Flow has measured the nodes (fitView at mount sees unmeasured boxes).
  const measured = useNodesInitialized()
  const fitted = useRef<string | null>(null)
  useEffect(() => {
    if (!measured || fitted.current === projection.key) return
    fitted.current = projection.key
    void flow.fitView({ padding: 0.2, maxZoom: 1.2 })
  }, [measured, projection.key, flow])
  return (
    <div
      ref={wrapper}
      className="canvas"
      data-testid="canvas"
      onPointerMove={(event) => handlers.onPointer({ x: event.clientX, y: event.clientY })}
      onPointerLeave={() => handlers.onPointer(null)}
    >
      <ReactFlow
        nodes={shown}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={!props.readOnly}
        nodesConnectable={!props.readOnly && Boolean(props.onConnect)}
        deleteKeyCode={props.readOnly ? null : deleteKeys}
        snapToGrid
        snapGrid={snapGrid}
        fitView
        minZoom={0.05}
        // Culling mounts and unmounts boxes on every pan and zoom step; below ~1,000 boxes moving the one
        // transformed layer is cheaper (measured in bench/canvas), above it culling wins.
        onlyRenderVisibleElements={projection.nodes.length > 1000}
        onMoveStart={handlers.onMoveStart}
        onMoveEnd={handlers.onMoveEnd}
        onNodesChange={handlers.onNodesChange}
        onNodeDragStart={handlers.onNodeDragStart}
        onNodeDragStop={handlers.onNodeDragStop}
        onNodeDoubleClick={handlers.onNodeDoubleClick}
        onConnect={handlers.onConnect}
        onConnectStart={handlers.onConnectStart}
        onConnectEnd={handlers.onConnectEnd}
        onEdgesChange={handlers.onEdgesChange}
        onDelete={handlers.onDelete}
        proOptions={proOptions}
      >
        <CanvasBackground />
        <DetailLevel target={wrapper} />
        <OverviewEdges />
        <MiniMap pannable zoomable />
        <Controls showInteractive={false} />
        {props.notice && (
          <Panel position="bottom-center">
            <div className="canvas-notice" data-testid="canvas-notice" role="status">
              {props.notice}
              {props.onDismissNotice && (
                <button type="button" onClick={props.onDismissNotice} aria-label="Dismiss">
                  ×
                </button>
              )}
            </div>
          </Panel>
        )}
        {!props.readOnly && (props.onAutoLayout || props.groupActions) && (
          <Panel position="top-right" className="canvas-tools">
            {props.groupActions && (
              <button
                type="button"
                data-testid="group-selection"
                disabled={props.selection.filter((id) => projection.nodes.some((n) => n.id === id)).length < 2}
                title="Frame the selected boxes as a labelled group (layout only)"
                onClick={() => {
                  const chosen = new Set(props.selection)
                  const members = nodes.filter((n) => chosen.has(n.id))
                  if (members.length < 2) return
                  const label = window.prompt('Group label', 'Group')
                  if (label === null || !label.trim()) return
                  const box = frameAround(members.map((n) => ({ ...n.position, ...sizeOf(n) })))
                  if (box)
                    props.groupActions?.create(
                      label.trim(),
                      members.map((n) => n.id),
                      box,
                    )
                }}
              >
                Group
              </button>
            )}
            {props.onAutoLayout && (
              <button
                type="button"
                data-testid="auto-layout"
                title="Lay out this canvas automatically (one undoable edit)"
                onClick={async () => {
                  const sizes = new Map<string, { width: number; height: number }>()
                  for (const n of flow.getNodes())
                    if (n.measured?.width && n.measured.height)
                      sizes.set(n.id, { width: n.measured.width, height: n.measured.height })
                  const moves = await autoLayout(projection, sizes)
                  props.onAutoLayout?.(moves)
                  requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2 }))
                }}
              >
                Auto-layout
              </button>
            )}
          </Panel>
        )}
        <PeerCursors peers={props.peers} canvas={projection.key} />
      </ReactFlow>
    </div>
  )
}
