'use client'
import type { JsonObject, JsonValue } from '../../../lib/doc'
import type { ExpressionScope, JsonSchema } from '../../../lib/expressions'
import { type DesignView, processGraph } from '../../../lib/projections'
import type { DesignActions } from './design-actions'
import { graphOf } from './editor-view'
import { ExpressionField, JsonField, SelectField, TextField } from './fields'

const processTypes = [
  'calculation',
  'database-workflow',
  'background-job',
  'queue-consumer',
  'orchestrated-workflow',
] as const
const models = ['sync', 'async', 'scheduled', 'event-driven'] as const
const triggerKinds: Record<string, readonly string[]> = {
  sync: ['manual', 'api-operation'],
  async: ['manual', 'api-operation'],
  scheduled: ['schedule'],
  'event-driven': ['queue'],
}

function obj(value: JsonValue | undefined): JsonObject {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {}
}
const str = (value: JsonValue | undefined) => (typeof value === 'string' ? value : '')

/** The process declaration as a form: name, type, execution model and trigger, description, inputs, outputs. */
export function ProcessDeclarationForm(props: {
  design: DesignView
  processId: string
  /** The process as its file says it: references by name, which is what the form writes back. */
  file: JsonObject | undefined
  readOnly: boolean
  actions: DesignActions
}) {
  const { design, processId, readOnly, actions } = props
  const process = props.file
  if (!process) return <p className="muted">This process was deleted.</p>
  const execution = obj(process.execution)
  const trigger = obj(execution.trigger)
  const model = str(execution.model)
  const setExecution = (next: JsonObject) => actions.setEntityField(processId, 'execution', next)
  const apiNames = Object.values(design.apis)
    .filter((a) => a.type === 'rest')
    .map((a) => str(a.name))
  const queueNames = Object.values(design.queues).map((q) => str(q.name))
  return (
    <div className="form" data-testid="process-form">
      <h2>Process</h2>
      <TextField
        label="Name"
        value={str(process.name)}
        readOnly={readOnly}
        testId="process-name"
        onCommit={(v) => actions.rename('process', processId, v)}
      />
      <SelectField
        label="Type"
        value={str(process.type)}
        options={processTypes}
        readOnly={readOnly}
        testId="process-type"
        onCommit={(v) => actions.setEntityField(processId, 'type', v)}
      />
      <SelectField
        label="Execution model"
        value={model}
        options={models}
        readOnly={readOnly}
        testId="process-model"
        onCommit={(v) => {
          const kinds = triggerKinds[v] ?? ['manual']
          const kind = kinds.includes(str(trigger.kind)) ? trigger : { kind: kinds[0] ?? 'manual' }
          setExecution({ ...execution, model: v, trigger: kind })
        }}
      />
      <SelectField
        label="Trigger"
        value={str(trigger.kind)}
        options={triggerKinds[model] ?? ['manual']}
        readOnly={readOnly}
        testId="process-trigger"
        onCommit={(v) => {
          const next: JsonObject =
            v === 'api-operation'
              ? {
                  kind: v,
                  api: apiNames[0] ?? '',
                  operation: { operationId: '' },
                  request: {},
                  response: { status: '200' },
                  errors: {},
                }
              : v === 'schedule'
                ? { kind: v, cron: '0 3 * * *', timeZone: 'UTC', overlap: 'skip' }
                : v === 'queue'
                  ? { kind: v, queue: queueNames[0] ?? '' }
                  : { kind: v }
          setExecution({ ...execution, trigger: next })
        }}
      />
      {trigger.kind === 'api-operation' && (
        <>
          <SelectField
            label="API"
            value={str(trigger.api)}
            options={apiNames}
            readOnly={readOnly}
            onCommit={(v) => setExecution({ ...execution, trigger: { ...trigger, api: v } })}
          />
          <JsonField
            label="Operation ({operationId} or {method, path})"
            value={trigger.operation}
            readOnly={readOnly}
            onCommit={(v) => setExecution({ ...execution, trigger: { ...trigger, operation: v } })}
          />
          <JsonField
            label="Request → inputs"
            value={trigger.request}
            readOnly={readOnly}
            onCommit={(v) => setExecution({ ...execution, trigger: { ...trigger, request: v } })}
          />
          <JsonField
            label="Success response"
            value={trigger.response}
            readOnly={readOnly}
            onCommit={(v) => setExecution({ ...execution, trigger: { ...trigger, response: v } })}
          />
          <JsonField
            label="Errors → responses"
            value={trigger.errors}
            readOnly={readOnly}
            onCommit={(v) => setExecution({ ...execution, trigger: { ...trigger, errors: v } })}
          />
        </>
      )}
      {trigger.kind === 'queue' && (
        <SelectField
          label="Queue"
          value={str(trigger.queue)}
          options={queueNames}
          readOnly={readOnly}
          onCommit={(v) => setExecution({ ...execution, trigger: { ...trigger, queue: v } })}
        />
      )}
      {trigger.kind === 'schedule' && (
        <JsonField
          label="Schedule (cron or interval, timeZone, overlap)"
          value={trigger}
          readOnly={readOnly}
          onCommit={(v) => setExecution({ ...execution, trigger: v })}
        />
      )}
      <TextField
        label="Timeout"
        value={str(execution.timeout)}
        readOnly={readOnly}
        onCommit={(v) => setExecution({ ...execution, timeout: v })}
      />
      <TextField
        label="Description"
        multiline
        value={str(process.description)}
        readOnly={readOnly}
        onCommit={(v) => actions.setEntityField(processId, 'description', v)}
      />
      <JsonField
        label="Inputs (JSON Schema)"
        value={process.inputs}
        readOnly={readOnly}
        testId="process-inputs"
        onCommit={(v) => actions.setEntityField(processId, 'inputs', v)}
      />
      <JsonField
        label="Outputs (success + named errors)"
        value={process.outputs}
        readOnly={readOnly}
        testId="process-outputs"
        onCommit={(v) => actions.setEntityField(processId, 'outputs', v)}
      />
    </div>
  )
}

const expressionKeys = new Set(['expression', 'value', 'details', 'items', 'message', 'input', 'body', 'until'])

/**
 * What an expression of `nodeId` may read, for autocomplete and live lint: the process input and every other
 * top-level node with its declared output; inside a for-each body also the body's other nodes and `item`. Looser
 * than the validator (which keeps only nodes certainly run before, and reports the rest after a pause): the editor
 * offers, the validator judges.
 */
function expressionScopeOf(process: JsonObject | undefined, nodeId: string, body?: string): ExpressionScope {
  const nodes: Record<string, { output?: JsonSchema }> = {}
  const topLevel = obj(process?.nodes)
  const bodyNodes = body ? obj(processGraph(process, body)?.nodes) : {}
  for (const [id, raw] of [...Object.entries(topLevel), ...Object.entries(bodyNodes)]) {
    // A body's nodes cannot read the for-each they run in: its output is the array of their results.
    if (id === nodeId || id === body) continue
    const output = obj(raw).output
    nodes[id] = output && typeof output === 'object' && !Array.isArray(output) ? { output: output as JsonSchema } : {}
  }
  const input = process?.inputs
  return {
    input: input && typeof input === 'object' && !Array.isArray(input) ? (input as JsonSchema) : undefined,
    nodes,
    processNodeIds: [...Object.keys(topLevel), ...Object.keys(bodyNodes)],
    ...(body ? { item: {} } : {}),
  }
}

/**
 * One node's fields: label, expressions with live parse errors, the rest as JSON. Node ids never change. `body`
 * names the for-each whose body holds the node (absent at the process's top level); a for-each offers to open its
 * body's canvas.
 */
export function NodeForm(props: {
  design: DesignView
  processId: string
  body?: string
  nodeId: string
  readOnly: boolean
  actions: DesignActions
  onOpenBody?(forEachId: string): void
}) {
  const { design, processId, body, nodeId, readOnly, actions } = props
  const node = obj(obj(processGraph(design.processes[processId], body)?.nodes)[nodeId])
  if (!node.kind) return <p className="muted">This node was deleted.</p>
  const at = graphOf({ id: processId, body })
  const set = (field: string, value: JsonValue | undefined) => actions.setNodeField(at, nodeId, field, value)
  const databaseIds = Object.keys(design.databases)
  const scope = expressionScopeOf(design.processes[processId], nodeId, body)
  return (
    <div className="form" data-testid="node-form">
      <h2>
        {str(node.kind)} <code>{nodeId}</code>
      </h2>
      {node.kind === 'for-each' && !body && props.onOpenBody && (
        <button
          type="button"
          className="primary"
          data-testid="open-body"
          onClick={() => props.onOpenBody?.(nodeId)}
          title="The nodes run once per item, on a canvas of their own"
        >
          Open its body
        </button>
      )}
      <TextField
        label="Label"
        value={str(node.label)}
        readOnly={readOnly}
        testId="node-label"
        onCommit={(v) => set('label', v)}
      />
      {Object.entries(node)
        .filter(([key]) => key !== 'kind' && key !== 'label')
        .map(([key, value]) => {
          const expr = obj(value).expr
          if (expressionKeys.has(key) && typeof expr === 'string') {
            return (
              <ExpressionField
                key={key}
                label={key}
                value={expr}
                readOnly={readOnly}
                testId={`node-${key}`}
                scope={scope}
                onCommit={(v) => set(key, { expr: v })}
              />
            )
          }
          if (key === 'database') {
            return (
              <SelectField
                key={key}
                label="Database"
                value={str(value)}
                options={databaseIds}
                labels={Object.fromEntries(databaseIds.map((id) => [id, str(design.databases[id]?.name)]))}
                readOnly={readOnly}
                testId="node-database"
                onCommit={(v) => set(key, v)}
              />
            )
          }
          if (typeof value === 'string' && key !== 'description') {
            return (
              <TextField
                key={key}
                label={key}
                value={value}
                readOnly={readOnly}
                testId={`node-${key}`}
                onCommit={(v) => set(key, v)}
              />
            )
          }
          return (
            <JsonField
              key={key}
              label={key}
              value={value}
              readOnly={readOnly}
              testId={`node-${key}`}
              onCommit={(v) => set(key, v)}
            />
          )
        })}
    </div>
  )
}
