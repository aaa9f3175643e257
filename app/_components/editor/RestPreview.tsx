'use client'
import { ApiReferenceReact } from '@scalar/api-reference-react'
import '@scalar/api-reference-react/style.css'
import type { JsonObject } from '../../../lib/doc'

/**
 * Scalar's API reference of an OpenAPI document. `withDefaultFonts: false`: Scalar would otherwise load its fonts
 * from its CDN; the app's own (system) font stack is used instead, set in globals.css.
 */
export function RestPreview(props: { spec: JsonObject }) {
  return (
    <div className="rest-preview" data-testid="rest-preview">
      <ApiReferenceReact
        configuration={{
          content: props.spec,
          withDefaultFonts: false,
          hideClientButton: true,
          hideTestRequestButton: true,
          showSidebar: false,
          layout: 'modern',
          telemetry: false,
        }}
      />
    </div>
  )
}
