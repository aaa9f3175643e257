'use client'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { createDesignReader, type DesignView } from '../../../lib/projections'

/**
 * The design as plain JSON, re-read at most once per animation frame after any change (local or remote). The
 * reader is incremental: only what a transaction changed is read again, and untouched entities keep their
 * identity (a large spec is not re-decoded for an edit elsewhere).
 */
export function useDesign(doc: Y.Doc | undefined): DesignView | null {
  const [design, setDesign] = useState<DesignView | null>(null)
  useEffect(() => {
    if (!doc) return
    const reader = createDesignReader(doc)
    let frame = 0
    const schedule = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setDesign(reader.read())
      })
    }
    setDesign(reader.read())
    doc.on('update', schedule)
    return () => {
      doc.off('update', schedule)
      if (frame) cancelAnimationFrame(frame)
      reader.dispose()
    }
  }, [doc])
  return design
}
