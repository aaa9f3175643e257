'use client'
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { CanvasProjection, GroupBox } from '../../../lib/projections'
import type { DesignActions } from './design-actions'

/** React Flow node type of a group's frame; its node id is `group:<grp_…>`. */
export const GROUP_FRAME_TYPE = 'group-frame'
export const GROUP_NODE_PREFIX = 'group:'

export type GroupFrameData = {
  groupId: string
  label: string
  readOnly: boolean
  onRename(groupId: string, label: string): void
  onUngroup(groupId: string): void
  [key: string]: unknown
}

/** What FlowCanvas asks of the document for groups (canvas.json `groups` of the open canvas). */
export interface GroupActions {
  create(label: string, members: string[], box: GroupBox): void
  rename(groupId: string, label: string): void
  ungroup(groupId: string): void
  /** The end of a frame drag: the members' new positions and the frame's box, one write. */
  move(groupId: string, moves: Array<{ key: string; x: number; y: number }>, box: GroupBox): void
}

/** Group actions on the open canvas; each write prunes members that are no longer boxes of it. */
export function groupActionsFor(actions: DesignActions, projection: CanvasProjection): GroupActions {
  const present = () => new Set(projection.nodes.map((n) => n.id))
  return {
    create: (label, members, box) => actions.createGroup(projection.key, label, members, box, present()),
    rename: (id, label) => actions.renameGroup(projection.key, id, label, present()),
    ungroup: (id) => actions.ungroup(projection.key, id, present()),
    move: (id, moves, box) => actions.moveGroup(projection.key, id, moves, box, present()),
  }
}

/** A labelled frame drawn behind its members; dragging it moves them (FlowCanvas does the moving). */
function GroupFrameView({ data }: NodeProps & { data: GroupFrameData }) {
  return (
    <div className="group-frame" data-testid="group-frame" data-group-id={data.groupId}>
      <div className="group-frame-header">
        <span className="group-frame-label" data-testid="group-label">
          {data.label}
        </span>
        {!data.readOnly && (
          <>
            <button
              type="button"
              className="nodrag"
              data-testid="group-rename"
              onClick={() => {
                const label = window.prompt('Rename the group', data.label)
                if (label?.trim()) data.onRename(data.groupId, label.trim())
              }}
            >
              Rename
            </button>
            <button
              type="button"
              className="nodrag"
              data-testid="group-ungroup"
              onClick={() => data.onUngroup(data.groupId)}
            >
              Ungroup
            </button>
          </>
        )}
      </div>
    </div>
  )
}

export const GroupFrame = memo(GroupFrameView)
