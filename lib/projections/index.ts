export { apiCanvas, apiCanvasKey, httpMethods, pointerSegment } from './api-canvas'
export type { SpecElementsPayload, SpecPastePlan } from './api-clipboard'
export { copyApiSelection, planSpecPaste } from './api-clipboard'
export { canvasGroups } from './canvas-groups'
export type { CanvasEdge, CanvasGroup, CanvasNode, CanvasNodeData, CanvasProjection } from './canvas-types'
export type { ClipboardPayload, CopiedEntity, PasteResult } from './clipboard'
export {
  CLIPBOARD_FORMAT,
  copySelection,
  freeName,
  parseClipboard,
  pasteIntoFiles,
  renameNodeReferences,
} from './clipboard'
export type { DesignReader } from './design-reader'
export { createDesignReader } from './design-reader'
export type { GroupBox } from './group-edits'
export { frameAround, groupEdits } from './group-edits'
export { gridSlot, savedPosition } from './layout-positions'
export { nodePorts, processCanvas, processCanvasKey, processGraph } from './process-canvas'
export { allNodes, OVERVIEW_KEY, projectOverview } from './project-overview'
export type { DesignView } from './read-design'
export { readApiSpec, readDesign } from './read-design'
