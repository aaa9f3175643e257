'use client'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { type DiscussionView, readDiscussion } from '../../../../lib/discussion'
import { useCollabDoc } from '../use-collab-doc'

/**
 * The project's discussion document (`<projectId>/discussion`), live: its own provider and Y.Doc, so comments never
 * enter the design's undo history or commits. The server decides whether this connection may write it.
 */
export function useDiscussion(options: { url: string; projectId: string; token: string }) {
  const { collab, synced, status } = useCollabDoc({
    url: options.url,
    name: `${options.projectId}/discussion`,
    token: options.token,
  })
  const doc: Y.Doc | undefined = collab?.doc
  const [view, setView] = useState<DiscussionView>({ threads: [], verdicts: [] })
  useEffect(() => {
    if (!doc) return
    const read = () => setView(readDiscussion(doc))
    read()
    doc.on('update', read)
    return () => doc.off('update', read)
  }, [doc])
  return { doc, view, synced, status }
}
