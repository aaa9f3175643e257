'use client'
import {
  Background,
  Controls,
  type Edge,
  MiniMap,
  type Node,
  ReactFlow,
  useEdgesState,
  useNodesState,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'

function initial(count: number): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = []
  const edges: Edge[] = []
  for (let i = 0; i < count; i++) {
    // Same slots as a process canvas without saved layout (lib/projections gridSlot, 4 per row).
    nodes.push({
      id: `n${i}`,
      position: { x: (i % 4) * 280, y: Math.floor(i / 4) * 110 },
      data: { label: `node ${i}` },
    })
    if (i > 0) edges.push({ id: `e${i}`, source: `n${i - 1}`, target: `n${i}` })
  }
  return { nodes, edges }
}

/**
 * Plain React Flow, default nodes, the library's own state hooks: nothing of ours. `decor` adds the library's own
 * background, minimap and controls the editor shows (a diagnostic: what they cost on their own; `decor=1` all three,
 * or a comma list of `background`, `minimap`, `controls`).
 */
export function BareFlow(props: { count: number; decor?: ReadonlySet<string> }) {
  const start = initial(props.count)
  const [nodes, , onNodesChange] = useNodesState(start.nodes)
  const [edges, , onEdgesChange] = useEdgesState(start.edges)
  return (
    <div style={{ position: 'fixed', inset: 0 }} data-testid="canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        fitView
        minZoom={0.05}
        proOptions={{ hideAttribution: true }}
      >
        {props.decor?.has('background') && <Background gap={20} />}
        {props.decor?.has('minimap') && <MiniMap pannable zoomable />}
        {props.decor?.has('controls') && <Controls showInteractive={false} />}
      </ReactFlow>
    </div>
  )
}
