'use client'
import { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'
import * as Y from 'yjs'

export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'refused'

export interface CollabDoc {
  doc: Y.Doc
  provider: HocuspocusProvider
}

/**
 * One live document through the collab server (`<projectId>/design` or `/discussion`). The token is the session
 * token or a share-link token; the server decides read or write access, the UI only mirrors it.
 */
export function useCollabDoc(options: { url: string; name: string; token: string }) {
  const [state, setState] = useState<CollabDoc | null>(null)
  const [synced, setSynced] = useState(false)
  const [status, setStatus] = useState<CollabStatus>('connecting')
  const [refusal, setRefusal] = useState<string | null>(null)
  useEffect(() => {
    const doc = new Y.Doc()
    const provider = new HocuspocusProvider({
      url: options.url,
      name: options.name,
      document: doc,
      token: options.token,
      onSynced: () => setSynced(true),
      onStatus: ({ status: s }) =>
        setStatus(s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'disconnected'),
      onAuthenticationFailed: ({ reason }) => {
        setStatus('refused')
        setRefusal(reason)
      },
    })
    setState({ doc, provider })
    return () => {
      provider.destroy()
      doc.destroy()
    }
  }, [options.url, options.name, options.token])
  return { collab: state, synced, status, refusal }
}
