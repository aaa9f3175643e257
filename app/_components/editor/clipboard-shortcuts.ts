'use client'
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { exportProjectWithOwners } from '../../../lib/doc'
import {
  type CanvasProjection,
  copyApiSelection,
  copySelection,
  parseClipboard,
  readApiSpec,
} from '../../../lib/projections'
import type { DesignActions } from './design-actions'

const editable = (target: EventTarget | null) => {
  const el = target as HTMLElement | null
  return Boolean(el && (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable))
}

/**
 * Ctrl/⌘+C and Ctrl/⌘+V on a canvas through the system clipboard (text/plain JSON marked `backplane.clipboard/v1`),
 * so a copy travels across canvases, projects, tabs and browsers. The browser's `copy`/`paste` events carry the
 * text (no permission needed); where a browser fires no paste event for a page without an editable focus, the
 * keydown falls back to `navigator.clipboard.readText()`. Inputs keep their own copy and paste. Returns the last
 * sentence to show (what was pasted, or why it could not be).
 */
export function useClipboardShortcuts(options: {
  doc: Y.Doc | undefined
  actions: DesignActions | null
  projection: CanvasProjection | null
  selection: readonly string[]
  readOnly: boolean
  onPasted(ids: string[]): void
}): { notice: string | null; clearNotice(): void } {
  const [notice, setNotice] = useState<string | null>(null)
  const latest = useRef(options)
  latest.current = options
  useEffect(() => {
    const payloadText = (): string | null => {
      const { doc, projection, selection } = latest.current
      if (!doc || !projection || selection.length === 0) return null
      const positions = Object.fromEntries(projection.nodes.map((n) => [n.id, n.position]))
      if (projection.key.startsWith('api:')) {
        // An API canvas: its elements are JSON pointers into the spec (paths, channels, operations).
        const api = readApiSpec(doc, projection.key.slice(4))
        if (!api) return null
        const payload = copyApiSelection({ ...api, selection, positions })
        return payload ? JSON.stringify(payload) : null
      }
      const { files, owners } = exportProjectWithOwners(doc)
      const payload = copySelection({
        canvasKey: projection.key,
        body: projection.body,
        selection,
        files,
        owners,
        positions,
      })
      return payload ? JSON.stringify(payload) : null
    }
    const paste = (text: string) => {
      const { actions, projection, readOnly, onPasted } = latest.current
      if (!actions || !projection) return
      if (readOnly) return setNotice('Read-only: nothing can be pasted here.')
      const payload = parseClipboard(text)
      if (!payload) return setNotice('The clipboard holds nothing from Backplane to paste.')
      const result = actions.paste(projection.key, payload, projection.body)
      if (!result.ok) return setNotice(result.message)
      setNotice(`Pasted ${result.created.length} element${result.created.length === 1 ? '' : 's'}.`)
      onPasted(result.created)
    }
    // A paste event seen since the last Ctrl/⌘+V keydown: the fallback then stays quiet.
    let pasteSeen = 0
    const onCopy = (event: ClipboardEvent) => {
      if (editable(event.target) || window.getSelection()?.toString()) return
      const text = payloadText()
      if (!text || !event.clipboardData) return
      event.clipboardData.setData('text/plain', text)
      event.preventDefault()
    }
    const onPaste = (event: ClipboardEvent) => {
      if (editable(event.target)) return
      pasteSeen++
      const text = event.clipboardData?.getData('text/plain') ?? ''
      event.preventDefault()
      paste(text)
    }
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || editable(event.target)) return
      const key = event.key.toLowerCase()
      if (key === 'c' && !window.getSelection()?.toString()) {
        // Also written through the async API: some browsers fire no copy event without a text selection.
        const text = payloadText()
        if (text) void navigator.clipboard?.writeText(text).catch(() => {})
      } else if (key === 'v') {
        const seen = pasteSeen
        // The paste event, when the browser fires one, comes within the same task as this keydown.
        setTimeout(() => {
          if (pasteSeen !== seen || !navigator.clipboard?.readText) return
          navigator.clipboard.readText().then(paste, () => setNotice('The browser did not let us read the clipboard.'))
        }, 0)
      }
    }
    document.addEventListener('copy', onCopy)
    document.addEventListener('paste', onPaste)
    window.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('paste', onPaste)
      window.removeEventListener('keydown', onKey)
    }
  }, [])
  return { notice, clearNotice: () => setNotice(null) }
}
