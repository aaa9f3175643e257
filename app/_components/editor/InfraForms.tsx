'use client'
import type { JsonObject, JsonValue } from '../../../lib/doc'
import type { DesignActions } from './design-actions'
import { JsonField, SelectField, TextField } from './fields'

const str = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '')
const capabilities = [
  'aggregations',
  'constraints',
  'crud',
  'filtering',
  'indexes',
  'joins',
  'pagination',
  'transactions',
] as const

/** A database block: type, capabilities, semantics, connection scope, tables (columns, keys, indexes, constraints). */
export function DatabaseForm(props: {
  id: string
  file: JsonObject | undefined
  readOnly: boolean
  actions: DesignActions
}) {
  const { id, file, readOnly, actions } = props
  if (!file) return <p className="muted">This database was deleted.</p>
  const set = (field: string, value: JsonValue) => actions.setEntityField(id, field, value)
  const declared = new Set(Array.isArray(file.capabilities) ? file.capabilities.map(String) : [])
  return (
    <div className="form" data-testid="database-form">
      <h2>Database</h2>
      <TextField
        label="Name"
        value={str(file.name)}
        readOnly={readOnly}
        testId="database-name"
        onCommit={(v) => actions.rename('database', id, v)}
      />
      <SelectField
        label="Type"
        value={str(file.type)}
        options={['sql', 'nosql', 'kv', 'graph']}
        readOnly={readOnly}
        onCommit={(v) => set('type', v)}
      />
      {file.type !== 'sql' && <p className="muted">Non-SQL blocks are validated but not executable yet.</p>}
      <fieldset className="field">
        <legend>Capabilities</legend>
        {capabilities.map((c) => (
          <label key={c} className="row">
            <input
              type="checkbox"
              checked={declared.has(c)}
              disabled={readOnly}
              onChange={(e) => {
                const next = new Set(declared)
                if (e.target.checked) next.add(c)
                else next.delete(c)
                set('capabilities', [...next].sort())
              }}
            />
            {c}
          </label>
        ))}
      </fieldset>
      <JsonField label="Semantics" value={file.semantics} readOnly={readOnly} onCommit={(v) => set('semantics', v)} />
      <JsonField
        label="Connection"
        value={file.connection}
        readOnly={readOnly}
        onCommit={(v) => set('connection', v)}
      />
      <TextField
        label="Description"
        multiline
        value={str(file.description)}
        readOnly={readOnly}
        onCommit={(v) => set('description', v)}
      />
      <JsonField
        label={file.type === 'sql' ? 'Tables' : 'Collections'}
        value={file.type === 'sql' ? file.tables : file.collections}
        readOnly={readOnly}
        testId="database-tables"
        onCommit={(v) => set(file.type === 'sql' ? 'tables' : 'collections', v)}
      />
    </div>
  )
}

/** A queue block: message schema, producers, consumers, delivery, retry, dead-letter target. */
export function QueueForm(props: {
  id: string
  file: JsonObject | undefined
  readOnly: boolean
  actions: DesignActions
}) {
  const { id, file, readOnly, actions } = props
  if (!file) return <p className="muted">This queue was deleted.</p>
  const set = (field: string, value: JsonValue) => actions.setEntityField(id, field, value)
  return (
    <div className="form" data-testid="queue-form">
      <h2>Queue</h2>
      <TextField
        label="Name"
        value={str(file.name)}
        readOnly={readOnly}
        testId="queue-name"
        onCommit={(v) => actions.rename('queue', id, v)}
      />
      <TextField
        label="Description"
        multiline
        value={str(file.description)}
        readOnly={readOnly}
        onCommit={(v) => set('description', v)}
      />
      <JsonField
        label="Message (JSON Schema)"
        value={file.message}
        readOnly={readOnly}
        onCommit={(v) => set('message', v)}
      />
      <JsonField
        label="Producers (process names)"
        value={file.producers}
        readOnly={readOnly}
        onCommit={(v) => set('producers', v)}
      />
      <JsonField
        label="Consumers (process → concurrency)"
        value={file.consumers}
        readOnly={readOnly}
        onCommit={(v) => set('consumers', v)}
      />
      <JsonField label="Retry of deliveries" value={file.retry} readOnly={readOnly} onCommit={(v) => set('retry', v)} />
      <JsonField
        label="Dead letters"
        value={file.deadLetter}
        readOnly={readOnly}
        onCommit={(v) => set('deadLetter', v)}
      />
    </div>
  )
}
