'use client'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import { exportProjectWithOwners } from '../../../lib/doc'
import type { DesignView } from '../../../lib/projections'
import { pathOfElement } from './edit-files'

/** The read-only source of one API surface: exactly the spec file a commit would store. */
export function SpecSource(props: { doc: Y.Doc; design: DesignView; apiId: string; onClose(): void }) {
  const { doc, design, apiId } = props
  const source = useMemo(() => {
    if (!design.apis[apiId]) return null
    const { files, owners } = exportProjectWithOwners(doc)
    const path = pathOfElement(owners, apiId)
    return path ? { path, text: files[path] ?? '' } : null
  }, [doc, design, apiId])
  return (
    <div className="side-panel" data-testid="spec-source">
      <h3>Source {source && <code>{source.path}</code>}</h3>
      <pre className="code source">{source?.text ?? 'This API has no file.'}</pre>
      <button type="button" onClick={props.onClose}>
        Close
      </button>
    </div>
  )
}
