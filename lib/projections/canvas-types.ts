/** What a projection hands to a canvas: plain data, no React Flow import (the binding adds styling). */
export interface CanvasNode {
  id: string
  /** The renderer to use: a process node kind, an entity kind, an API element. */
  type: string
  position: { x: number; y: number }
  data: CanvasNodeData
}

export interface CanvasNodeData {
  label: string
  /** Secondary line: a kind, a method, an address. */
  subtitle: string
  /** The element this box stands for, for selection, problems and comments. */
  elementId: string
  /** Output ports (process nodes); empty for others. */
  ports: string[]
  /** Whether the node accepts incoming edges. */
  hasInput: boolean
}

export interface CanvasEdge {
  id: string
  source: string
  target: string
  sourceHandle?: string
  label?: string
}

/** A labelled frame around boxes of one canvas (canvas.json `groups`): layout only, never meaning. */
export interface CanvasGroup {
  /** `grp_…` */
  id: string
  label: string
  /** The frame as last written (the editor draws it around its members' current boxes). */
  box: { x: number; y: number; width?: number; height?: number }
  /** Box ids of this canvas, only those that exist. */
  members: string[]
}

export interface CanvasProjection {
  /** The canvas's layout section in canvas.json (`overview`, `api:<id>`, `process:<id>`). */
  key: string
  /**
   * On a process canvas, the for-each node whose body this canvas draws; absent for the process's top level. A body
   * shares its process's layout section: node ids are unique within a process, bodies included.
   */
  body?: string
  nodes: CanvasNode[]
  edges: CanvasEdge[]
  groups: CanvasGroup[]
}
