'use client'
import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useCallback, useEffect, useRef, useState } from 'react'

export interface PeerPresence {
  clientId: number
  name: string
  color: string
  canvas: string
  cursor: { x: number; y: number } | null
  selection: string[]
}

const palette = ['#e11d48', '#2563eb', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d']

export function colorFor(name: string): string {
  let h = 0
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return palette[h % palette.length] ?? '#2563eb'
}

/**
 * Presence over Yjs awareness: who is here, on which canvas, their cursor (in flow coordinates) and selection.
 * Cursor updates are throttled to one per 50 ms, so presence never floods the socket.
 */
export function usePresence(provider: HocuspocusProvider | undefined, me: { name: string }) {
  const [peers, setPeers] = useState<PeerPresence[]>([])
  const last = useRef(0)
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => {
    const awareness = provider?.awareness
    if (!awareness) return
    awareness.setLocalStateField('user', { name: me.name, color: colorFor(me.name) })
    const read = () => {
      const out: PeerPresence[] = []
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue
        const user = state.user as { name?: string; color?: string } | undefined
        if (!user?.name) continue
        out.push({
          clientId,
          name: user.name,
          color: user.color ?? '#2563eb',
          canvas: typeof state.canvas === 'string' ? state.canvas : 'overview',
          cursor: (state.cursor as PeerPresence['cursor']) ?? null,
          selection: Array.isArray(state.selection) ? (state.selection as string[]) : [],
        })
      }
      setPeers(out)
    }
    read()
    // Our own cursor moves change our own state 20 times a second while the mouse moves: re-reading (and
    // re-rendering the editor) for those would cost a frame each; only peers' changes matter here.
    const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      const ids = [...changes.added, ...changes.updated, ...changes.removed]
      if (ids.length > 0 && ids.every((id) => id === awareness.clientID)) return
      read()
    }
    awareness.on('change', onChange)
    return () => awareness.off('change', onChange)
  }, [provider, me.name])
  const publish = useCallback(
    (field: 'cursor' | 'canvas' | 'selection', value: unknown) => {
      const awareness = provider?.awareness
      if (!awareness) return
      if (field !== 'cursor') {
        awareness.setLocalStateField(field, value)
        return
      }
      const now = Date.now()
      if (pending.current) clearTimeout(pending.current)
      if (now - last.current >= 50) {
        last.current = now
        awareness.setLocalStateField('cursor', value)
      } else {
        pending.current = setTimeout(() => {
          last.current = Date.now()
          awareness.setLocalStateField('cursor', value)
        }, 50)
      }
    },
    [provider],
  )
  return { peers, publish }
}
