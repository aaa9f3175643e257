'use client'
import type { JsonObject, JsonValue } from '../../../lib/doc'
import type { DesignView } from '../../../lib/projections'
import type { DesignActions } from './design-actions'
import { JsonField, SelectField, TextField } from './fields'

function obj(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {}
}
const str = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '')

/** Reads the value at a JSON pointer of a spec (undefined when absent). */
export function valueAtPointer(root: JsonValue | undefined, pointer: string): JsonValue | undefined {
  let at: JsonValue | undefined = root
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (!at || typeof at !== 'object') return undefined
    at = Array.isArray(at) ? at[Number(key)] : at[key]
  }
  return at
}

/** The surface's document-level fields (info, servers, security…), each edited on its own. */
export function ApiDocumentForm(props: {
  design: DesignView
  apiId: string
  readOnly: boolean
  actions: DesignActions
}) {
  const { design, apiId, readOnly, actions } = props
  const api = design.apis[apiId]
  const spec = obj(api?.spec)
  const info = obj(spec.info)
  const set = (pointer: string, value: JsonValue | undefined) => actions.setSpecValue(apiId, pointer, value)
  const rest = api?.type !== 'event'
  return (
    <div className="form" data-testid="api-form">
      <h2>{rest ? 'REST API (OpenAPI)' : 'Event API (AsyncAPI)'}</h2>
      <TextField
        label="Name"
        value={str(api?.name)}
        readOnly={readOnly}
        testId="api-name"
        onCommit={(v) => actions.rename('api', apiId, v)}
      />
      <TextField label="Title" value={str(info.title)} readOnly={readOnly} onCommit={(v) => set('/info/title', v)} />
      <TextField
        label="Version"
        value={str(info.version)}
        readOnly={readOnly}
        testId="api-version"
        onCommit={(v) => set('/info/version', v)}
      />
      <TextField
        label="Description"
        multiline
        value={str(info.description)}
        readOnly={readOnly}
        onCommit={(v) => set('/info/description', v || undefined)}
      />
      <JsonField label="Servers" value={spec.servers} readOnly={readOnly} onCommit={(v) => set('/servers', v)} />
      {rest && (
        <JsonField
          label="Security (document default)"
          value={spec.security}
          readOnly={readOnly}
          onCommit={(v) => set('/security', v)}
        />
      )}
      {rest && <JsonField label="Tags" value={spec.tags} readOnly={readOnly} onCommit={(v) => set('/tags', v)} />}
      <JsonField
        label="Components"
        value={spec.components}
        readOnly={readOnly}
        testId="api-components"
        onCommit={(v) => set('/components', v)}
      />
      {rest && (
        <JsonField
          label="Rate limit (x-rate-limit: {limit, window})"
          value={spec['x-rate-limit']}
          readOnly={readOnly}
          onCommit={(v) => set('/x-rate-limit', v)}
        />
      )}
    </div>
  )
}

/** One REST operation: summary, operationId, parameters, request body, responses, security. */
export function RestOperationForm(props: {
  design: DesignView
  apiId: string
  pointer: string
  readOnly: boolean
  actions: DesignActions
}) {
  const { design, apiId, pointer, readOnly, actions } = props
  const operation = obj(valueAtPointer(design.apis[apiId]?.spec, pointer))
  const set = (field: string, value: JsonValue | undefined) => actions.setSpecValue(apiId, `${pointer}/${field}`, value)
  const responses = obj(operation.responses)
  return (
    <div className="form" data-testid="operation-form">
      <h2>Operation</h2>
      <TextField
        label="Summary"
        value={str(operation.summary)}
        readOnly={readOnly}
        testId="operation-summary"
        onCommit={(v) => set('summary', v || undefined)}
      />
      <TextField
        label="operationId"
        value={str(operation.operationId)}
        readOnly={readOnly}
        testId="operation-id"
        onCommit={(v) => set('operationId', v || undefined)}
      />
      <TextField
        label="Description"
        multiline
        value={str(operation.description)}
        readOnly={readOnly}
        onCommit={(v) => set('description', v || undefined)}
      />
      <JsonField
        label="Parameters"
        value={operation.parameters}
        readOnly={readOnly}
        onCommit={(v) => set('parameters', v)}
      />
      <JsonField
        label="Request body"
        value={operation.requestBody}
        readOnly={readOnly}
        testId="operation-request-body"
        onCommit={(v) => set('requestBody', v)}
      />
      <h3>Responses</h3>
      {Object.entries(responses).map(([status, response]) => (
        <JsonField
          key={status}
          label={status}
          value={response}
          readOnly={readOnly}
          testId={`response-${status}`}
          onCommit={(v) => set(`responses/${status}`, v)}
        />
      ))}
      {!readOnly && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const status = String(new FormData(e.currentTarget).get('status') ?? '').trim()
            if (/^([1-5][0-9][0-9]|[1-5]XX|default)$/.test(status))
              set(`responses/${status}`, { description: 'Describe this response' })
            e.currentTarget.reset()
          }}
        >
          <input name="status" placeholder="201" aria-label="New response status" data-testid="new-response-status" />
          <button type="submit" data-testid="add-response">
            Add response
          </button>
        </form>
      )}
      <JsonField label="Security" value={operation.security} readOnly={readOnly} onCommit={(v) => set('security', v)} />
      <JsonField label="Tags" value={operation.tags} readOnly={readOnly} onCommit={(v) => set('tags', v)} />
    </div>
  )
}

/** An AsyncAPI channel or operation, its fields edited one by one. */
export function EventElementForm(props: {
  design: DesignView
  apiId: string
  pointer: string
  readOnly: boolean
  actions: DesignActions
}) {
  const { design, apiId, pointer, readOnly, actions } = props
  const element = obj(valueAtPointer(design.apis[apiId]?.spec, pointer))
  const set = (field: string, value: JsonValue | undefined) => actions.setSpecValue(apiId, `${pointer}/${field}`, value)
  const isChannel = pointer.startsWith('/channels/')
  return (
    <div className="form" data-testid="event-form">
      <h2>{isChannel ? 'Channel' : 'Operation'}</h2>
      {isChannel ? (
        <>
          <TextField
            label="Address"
            value={str(element.address)}
            readOnly={readOnly}
            onCommit={(v) => set('address', v)}
          />
          <JsonField
            label="Messages"
            value={element.messages}
            readOnly={readOnly}
            onCommit={(v) => set('messages', v)}
          />
          <JsonField
            label="Parameters"
            value={element.parameters}
            readOnly={readOnly}
            onCommit={(v) => set('parameters', v)}
          />
          <JsonField
            label="Bindings"
            value={element.bindings}
            readOnly={readOnly}
            onCommit={(v) => set('bindings', v)}
          />
        </>
      ) : (
        <>
          <SelectField
            label="Action"
            value={str(element.action)}
            options={['send', 'receive']}
            readOnly={readOnly}
            onCommit={(v) => set('action', v)}
          />
          <JsonField label="Channel" value={element.channel} readOnly={readOnly} onCommit={(v) => set('channel', v)} />
          <JsonField
            label="Messages"
            value={element.messages}
            readOnly={readOnly}
            onCommit={(v) => set('messages', v)}
          />
          <JsonField label="Reply" value={element.reply} readOnly={readOnly} onCommit={(v) => set('reply', v)} />
        </>
      )}
      <TextField
        label="Summary"
        value={str(element.summary)}
        readOnly={readOnly}
        onCommit={(v) => set('summary', v || undefined)}
      />
      <TextField
        label="Description"
        multiline
        value={str(element.description)}
        readOnly={readOnly}
        onCommit={(v) => set('description', v || undefined)}
      />
    </div>
  )
}
