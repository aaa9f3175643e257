'use client'
import { Handle, type NodeProps, Position } from '@xyflow/react'
import { memo } from 'react'
import type { CanvasNodeData } from '../../../lib/projections'
import type { NodeStatusBadge } from './runs/node-status'

export type DesignNodeData = CanvasNodeData & {
  invalid?: boolean
  kind: string
  /** A run's state of this box (Runs panel), never part of the document. */
  runStatus?: NodeStatusBadge
  [key: string]: unknown
}

const kindColor: Record<string, string> = {
  api: '#4f46e5',
  process: '#0f766e',
  database: '#b45309',
  queue: '#be185d',
  path: '#475569',
  operation: '#4f46e5',
  channel: '#475569',
}

/** One box on any canvas: label, subtitle, an input handle, one output handle per port (typed ports). */
function DesignNodeView({ data, selected }: NodeProps & { data: DesignNodeData }) {
  const color = kindColor[data.kind] ?? '#334155'
  return (
    <div
      className="design-node"
      data-testid={`box-${data.elementId}`}
      data-invalid={data.invalid ? 'true' : undefined}
      data-run-status={data.runStatus?.status}
      // One border colour all round and the kind's colour as an inset bar: a border of two colours with rounded
      // corners is drawn side by side as paths, several times dearer to paint than a plain rounded border.
      style={{
        borderColor: data.invalid ? 'var(--danger)' : selected ? 'var(--accent)' : 'var(--border)',
        boxShadow: data.invalid ? `inset 4px 0 0 0 ${color}, 0 0 0 2px #fde2e2` : `inset 4px 0 0 0 ${color}`,
      }}
    >
      {data.hasInput && <Handle type="target" position={Position.Left} />}
      <div className="design-node-label">{data.label}</div>
      <div className="design-node-subtitle">{data.subtitle}</div>
      {data.runStatus && (
        <div className={`design-node-run run-${data.runStatus.status}`} data-testid={`run-status-${data.elementId}`}>
          {data.runStatus.status}
          {data.runStatus.attempt && data.runStatus.attempt > 1 ? ` (attempt ${data.runStatus.attempt})` : ''}
          {data.runStatus.items ? ` · ${data.runStatus.items} item${data.runStatus.items === 1 ? '' : 's'}` : ''}
        </div>
      )}
      {data.ports.length > 0 && (
        <div className="design-node-ports">
          {data.ports.map((port) => (
            <div key={port} className="design-node-port">
              <span>{port}</span>
              <Handle
                id={port}
                type="source"
                position={Position.Right}
                style={{ position: 'relative', transform: 'none', right: -14, top: 0 }}
              />
            </div>
          ))}
        </div>
      )}
      {data.ports.length === 0 &&
        data.kind !== 'return' &&
        data.kind !== 'fail' &&
        !data.kind.startsWith('process-') && <Handle type="source" position={Position.Right} />}
    </div>
  )
}

/** Memoized: React Flow re-renders a node on every viewport or store change it sees; the box only when its data does. */
export const DesignNode = memo(DesignNodeView)
