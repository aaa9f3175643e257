'use client'
import bundle from '@asyncapi/react-component/browser/index.js'
import '@asyncapi/react-component/styles/default.min.css'
import type { JsonObject } from '../../../lib/doc'

// The UMD bundle's module object carries the component as `default` (or is the component in some loaders).
const AsyncApiComponent =
  (bundle as unknown as { default?: typeof bundle.default }).default ?? (bundle as unknown as typeof bundle.default)

/** The AsyncAPI React component's documentation of an AsyncAPI document (it parses and validates it itself). */
export function EventPreview(props: { spec: JsonObject }) {
  return (
    <div className="event-preview" data-testid="event-preview">
      <AsyncApiComponent
        schema={JSON.stringify(props.spec)}
        config={{
          show: { sidebar: false, info: true, servers: true, operations: true, messages: true, schemas: true },
        }}
      />
    </div>
  )
}
