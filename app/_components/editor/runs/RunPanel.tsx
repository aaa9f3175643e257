'use client'
import { useState } from 'react'
import {
  type NodeState,
  type ProcessFile,
  type PureRunResult,
  type RunPureOptions,
  runPure,
} from '../../../../lib/interpreter'
import type { JsonSchema } from '../../../../lib/schema-form'
import { api } from '../api-client'
import { PanelHeader } from '../PanelHeader'
import { duration, type Execution, type LogLine, pretty } from './execution'
import { InputForm } from './InputForm'

export interface RunPanelProps {
  projectId: string
  process: { id: string; name: string; inputs: JsonSchema; definition: ProcessFile }
  /** The project's other definitions as the live document holds them (keyed by id, as its references are). */
  definitions: RunPureOptions['bundle']
  canRun: boolean
  /** The execution shown on the canvas (this panel's run, or one opened from Executions). */
  execution: Execution | null
  log: LogLine[]
  /** The node selected on the canvas: its input, output and error are shown. */
  selectedNode: string | null
  onStarted(executionId: string): void
  /** An instant preview's node states (no run, no record), drawn on the canvas like a run's; null clears it. */
  onPreview(nodes: Record<string, NodeState> | null): void
  onClose(): void
}

/**
 * Run a process from the editor: an input form from its input schema; a test run of the uncommitted working copy
 * (a draft snapshot, development's bindings and secrets) or a run of what an environment has deployed. The canvas
 * shows each node's state live; this panel shows the log, the selected node's data, the output or typed error.
 */
export function RunPanel(props: RunPanelProps) {
  const [target, setTarget] = useState<'working-copy' | 'development' | 'production'>('working-copy')
  const [refusal, setRefusal] = useState<string | null>(null)
  const [problems, setProblems] = useState<string[]>([])
  const [preview, setPreview] = useState<PureRunResult | null>(null)
  const [mode, setMode] = useState<'run' | 'preview'>('run')
  const { execution } = props
  const running = execution?.status === 'running'
  const node = props.selectedNode ? execution?.nodes?.[props.selectedNode] : undefined
  return (
    <div className="side-panel run-panel" data-testid="run-panel">
      <PanelHeader title={`Run ${props.process.name}`} onClose={props.onClose} />
      <label>
        Run{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value as typeof target)} data-testid="run-target">
          <option value="working-copy">the working copy (test run, development)</option>
          <option value="development">what development has deployed</option>
          <option value="production">what production has deployed</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={mode === 'preview'}
          onChange={(e) => setMode(e.target.checked ? 'preview' : 'run')}
          data-testid="run-preview-mode"
        />{' '}
        Instant preview: evaluate the pure nodes here, up to the first side effect (no run, nothing recorded)
      </label>
      <InputForm
        schema={props.process.inputs}
        disabled={mode === 'run' && (!props.canRun || running)}
        submitLabel={mode === 'preview' ? 'Preview' : target === 'working-copy' ? 'Test run' : `Run on ${target}`}
        onSubmit={async (input) => {
          if (mode === 'preview') {
            const result = await runPure(props.process.definition, input, { bundle: props.definitions })
            setPreview(result)
            props.onPreview(result.nodes)
            return
          }
          setPreview(null)
          props.onPreview(null)
          const query = target === 'working-copy' ? 'draft=working-copy' : `environment=${target}`
          const r = await api<{ execution: { id: string } }>(
            `/api/v1/projects/${props.projectId}/processes/${props.process.id}/start?${query}`,
            { method: 'POST', body: JSON.stringify(input) },
          )
          if (!r.ok) {
            setRefusal(r.message)
            setProblems((r.problems ?? []).map((p) => `${p.file ?? ''} ${p.pointer ?? ''} ${p.message}`.trim()))
            return
          }
          setRefusal(null)
          setProblems([])
          props.onStarted(r.body.execution.id)
        }}
      />
      {!props.canRun && <p className="muted">Your access lets you look at runs, not start them.</p>}
      {refusal && (
        <div className="error" role="alert" data-testid="run-refusal">
          {refusal}
          {problems.length > 0 && (
            <ul>
              {problems.slice(0, 10).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {preview && (
        <section data-testid="preview-result" data-status={preview.status}>
          <strong>Preview: {preview.status === 'needs-run' ? 'stops before a side effect' : preview.status}</strong>
          {preview.status === 'succeeded' && <pre data-testid="preview-output">{pretty(preview.output)}</pre>}
          {preview.status === 'failed' && (
            <p className="error" data-testid="preview-error">
              {preview.error.name}: {preview.error.message}
            </p>
          )}
          {preview.status === 'needs-run' && (
            <p className="muted" data-testid="preview-stop">
              {preview.node} is a {preview.kind} node: a real run (Test run) goes further.
            </p>
          )}
        </section>
      )}
      {execution && !preview && (
        <section data-testid="run-result" data-status={execution.status}>
          <div className="row">
            <strong data-testid="run-status">{execution.status}</strong>
            <span className="muted">
              {execution.draft ? 'test run' : execution.environment} · {duration(execution.durationMs)} · {execution.id}
            </span>
            <span className="spacer" />
            {running && props.canRun && (
              <button
                type="button"
                data-testid="run-cancel"
                onClick={() =>
                  void api(`/api/v1/projects/${props.projectId}/executions/${execution.id}/cancel`, { method: 'POST' })
                }
              >
                Cancel
              </button>
            )}
          </div>
          {execution.status === 'succeeded' && <pre data-testid="run-output">{pretty(execution.output)}</pre>}
          {execution.error && (
            <p className="error" data-testid="run-error">
              {execution.error.name}: {execution.error.message}
              {execution.error.node ? ` (at ${execution.error.node})` : ''}
            </p>
          )}
        </section>
      )}
      {execution && (
        <section data-testid="run-node">
          <h4>{props.selectedNode ? `Node ${props.selectedNode}` : 'Select a box to see its data'}</h4>
          {props.selectedNode && !node && <p className="muted">This node has no state in this run.</p>}
          {node && (
            <>
              <p>
                <strong data-testid="run-node-status">{node.status}</strong>
                {node.attempts > 1 ? ` after ${node.attempts} attempts` : ''}
              </p>
              <h5>Input</h5>
              {node.input === undefined ? (
                <p className="muted">
                  Evaluated in the workflow from the run input and the outputs of the nodes before it (no request of its
                  own).
                </p>
              ) : (
                <pre data-testid="run-node-input">{pretty(node.input)}</pre>
              )}
              <h5>Output</h5>
              <pre data-testid="run-node-output">{pretty(node.output)}</pre>
              {node.error && (
                <p className="error" data-testid="run-node-error">
                  {node.error.name}: {node.error.message}
                </p>
              )}
            </>
          )}
        </section>
      )}
      {props.log.length > 0 && (
        <section>
          <h4>Log</h4>
          <ol className="run-log" data-testid="run-log">
            {props.log.map((l) => (
              <li key={`${l.at}-${l.node}-${l.status}-${l.attempt}`}>
                <span className="muted">{l.at}</span> {l.node} <strong>{l.status}</strong>
                {l.attempt > 1 ? ` (attempt ${l.attempt})` : ''}
                {l.error ? ` — ${l.error}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  )
}
