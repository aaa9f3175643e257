'use client'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { type DesignView, readDesign } from '../../../lib/projections'

/** The design as plain JSON, re-read at most once per animation frame after any change (local or remote). */
export function useDesign(doc: Y.Doc | undefined): DesignView | null {
  const [design, setDesign] = useState<DesignView | null>(() => (doc ? readDesign(doc) : null))
  useEffect(() => {
    if (!doc) return
    let frame = 0
    const schedule = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setDesign(readDesign(doc))
      })
    }
    setDesign(readDesign(doc))
    doc.on('update', schedule)
    return () => {
      doc.off('update', schedule)
      if (frame) cancelAnimationFrame(frame)
    }
  }, [doc])
  return design
}
