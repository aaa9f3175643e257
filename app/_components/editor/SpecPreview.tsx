'use client'
import dynamic from 'next/dynamic'
import type { JsonObject } from '../../../lib/doc'

const loading = () => <p className="muted">Loading the preview…</p>

// Both renderers are large and browser-only: loaded on demand, never during server rendering.
const RestPreview = dynamic(() => import('./RestPreview').then((m) => m.RestPreview), { ssr: false, loading })
const EventPreview = dynamic(() => import('./EventPreview').then((m) => m.EventPreview), { ssr: false, loading })

/**
 * The live documentation of one API surface, by the real renderers: Scalar for OpenAPI, the AsyncAPI React
 * component for AsyncAPI. Fed the spec as the live document holds it, so it follows every edit.
 */
export function SpecPreview(props: { type: string; spec: JsonObject; onClose(): void }) {
  return (
    <div className="spec-preview" data-testid="spec-preview">
      <header className="row">
        <strong>Preview</strong>
        <span className="spacer" />
        <button type="button" onClick={props.onClose} data-testid="close-preview">
          Close
        </button>
      </header>
      <div className="spec-preview-body">
        {props.type === 'event' ? <EventPreview spec={props.spec} /> : <RestPreview spec={props.spec} />}
      </div>
    </div>
  )
}
