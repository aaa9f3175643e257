'use client'
import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  type NodeChange,
  Panel,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  ViewportPortal,
} from '@xyflow/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { type CanvasNode, type CanvasProjection, frameAround } from '../../../lib/projections'
import { autoLayout } from './auto-layout'
import { DesignNode, type DesignNodeData } from './DesignNode'
import { GROUP_FRAME_TYPE, GROUP_NODE_PREFIX, type GroupActions, GroupFrame, type GroupFrameData } from './groups-frame'
import type { PeerPresence } from './use-presence'

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

/** What a box shows of a run: its state and, while retrying, the attempt count. */
export type NodeStatusBadge = { status: string; attempt?: number }

const sameStatus = (a: NodeStatusBadge | undefined, b: NodeStatusBadge | undefined) =>
  a?.status === b?.status && a?.attempt === b?.attempt

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

/** React Flow bound to one projection. Drags are local until they end; then one write (never per frame). */
export function FlowCanvas(props: FlowCanvasProps) {
  const { projection, invalidElements } = props
  // Boxes that did not change keep their object, so React Flow re-renders only the changed ones (a remote edit
  // in a 1,500-box canvas repaints one box, not all of them).
  const previous = useRef(new Map<string, Node<DesignNodeData>>())
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
    return out
  }, [projection, invalidElements, props.selection, props.nodeStatus])
  const [nodes, setNodes] = useState(derived)
  // A box whose derived object did not change keeps React Flow's own copy (its measured size, a drag in
  // progress); a changed one takes the new data and keeps the measured size until React Flow measures again.
  const applied = useRef(new Set(derived))
  useEffect(() => {
    // The updater may run later than this effect: it must see the set as it was before these objects.
    const before = applied.current
    applied.current = new Set(derived)
    setNodes((current) => {
      const byId = new Map(current.map((n) => [n.id, n]))
      return derived.map((d) => {
        const cur = byId.get(d.id)
        if (!cur) return d
        if (before.has(d)) return cur
        return cur.measured ? { ...d, measured: cur.measured } : d
      })
    })
  }, [derived])
  // Edges keep their object too: a new object re-renders (and re-measures the label of) every edge of the canvas.
  const previousEdges = useRef(new Map<string, Edge>())
  const edges = useMemo<Edge[]>(() => {
    const next = new Map<string, Edge>()
    const out = projection.edges.map((e) => {
      const old = previousEdges.current.get(e.id)
      const sourceHandle = e.sourceHandle ?? null
      const edge =
        old &&
        old.source === e.source &&
        old.target === e.target &&
        old.sourceHandle === sourceHandle &&
        old.label === e.label
          ? old
          : { id: e.id, source: e.source, target: e.target, sourceHandle, label: e.label }
      next.set(e.id, edge)
      return edge
    })
    previousEdges.current = next
    return out
  }, [projection])
  // Frames: one node per group, drawn behind and around its members' current boxes (so a member dragged alone
  // takes its frame along); dragging a frame moves its members here and writes them once at drag end.
  const frames = useMemo<Node<GroupFrameData>[]>(() => {
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
          draggable: !props.readOnly && Boolean(props.groupActions),
          data: {
            groupId: g.id,
            label: g.label,
            readOnly: props.readOnly || !props.groupActions,
            onRename: (id: string, label: string) => props.groupActions?.rename(id, label),
            onUngroup: (id: string) => props.groupActions?.ungroup(id),
          },
        },
      ]
    })
  }, [nodes, projection.groups, props.readOnly, props.groupActions])
  const shown = useMemo<Node[]>(() => [...frames, ...nodes], [frames, nodes])
  // Where a frame drag started: the frame's and its members' positions.
  const frameDrag = useRef<{ frame: { x: number; y: number }; members: Map<string, { x: number; y: number }> } | null>(
    null,
  )
  const membersOf = (frameId: string) =>
    projection.groups.find((g) => `${GROUP_NODE_PREFIX}${g.id}` === frameId)?.members ?? []
  const flow = useReactFlow()
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
      className="canvas"
      data-testid="canvas"
      onPointerMove={(event) => props.onCursor(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }))}
      onPointerLeave={() => props.onCursor(null)}
    >
      <ReactFlow
        nodes={shown}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={!props.readOnly}
        nodesConnectable={!props.readOnly && Boolean(props.onConnect)}
        deleteKeyCode={props.readOnly ? null : ['Delete', 'Backspace']}
        snapToGrid
        snapGrid={[10, 10]}
        fitView
        minZoom={0.05}
        // Culling mounts and unmounts boxes on every pan and zoom step; below ~1,000 boxes moving the one
        // transformed layer is cheaper (measured in bench/canvas), above it culling wins.
        onlyRenderVisibleElements={projection.nodes.length > 1000}
        onNodesChange={(all: NodeChange<Node>[]) => {
          // A frame moving moves its members by the same step; its own node follows from them.
          let moved = nodes
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
          const changes = all.filter((c) => !('id' in c) || !isFrame(c.id)) as NodeChange<Node<DesignNodeData>>[]
          const next = applyNodeChanges(changes, moved)
          setNodes(next)
          // Only a user's click or box-select changes the selection; nodes appearing or re-deriving never do.
          if (changes.some((c) => c.type === 'select')) props.onSelect(next.filter((n) => n.selected).map((n) => n.id))
        }}
        onNodeDragStart={(_event, node) => {
          if (!isFrame(node.id)) return
          const members = new Set(membersOf(node.id))
          frameDrag.current = {
            frame: { ...node.position },
            members: new Map(nodes.filter((n) => members.has(n.id)).map((n) => [n.id, { ...n.position }])),
          }
        }}
        onNodeDragStop={(_event, node, dragged) => {
          const start = frameDrag.current
          if (isFrame(node.id) && start) {
            frameDrag.current = null
            const dx = node.position.x - start.frame.x
            const dy = node.position.y - start.frame.y
            const moves = [...start.members].map(([key, p]) => ({ key, x: p.x + dx, y: p.y + dy }))
            const box = { x: node.position.x, y: node.position.y, width: node.width, height: node.height }
            props.groupActions?.move(node.id.slice(GROUP_NODE_PREFIX.length), moves, box)
            return
          }
          const boxes = dragged.filter((n) => !isFrame(n.id))
          if (boxes.length) props.onMoveEnd(boxes.map((n) => ({ key: n.id, x: n.position.x, y: n.position.y })))
        }}
        onNodeDoubleClick={(_event, node) => props.onOpen(node.id)}
        onConnect={(connection: Connection) => {
          if (!props.onConnect || !connection.source || !connection.target) return
          props.onConnect({ from: connection.source, port: connection.sourceHandle ?? 'out', to: connection.target })
        }}
        onNodesDelete={(deleted) => props.onDeleteNodes?.(deleted.filter((n) => !isFrame(n.id)).map((n) => n.id))}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
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
        <ViewportPortal>
          {props.peers
            .filter((p) => p.cursor && p.canvas === projection.key)
            .map((p) => (
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
            ))}
        </ViewportPortal>
      </ReactFlow>
    </div>
  )
}
