'use client'
import { useCallback, useState } from 'react'
import { api } from '../api-client'
import { PanelHeader } from '../PanelHeader'
import { duration, type Execution } from './execution'
import { usePolling } from './use-polling'

/** Executions of the project (or of one process): status, duration, commit, environment; open one to replay it. */
export function ExecutionsPanel(props: {
  projectId: string
  /** When on a process canvas: that process, offered as the default filter. */
  process: { id: string; name: string } | null
  onOpen(execution: Execution): void
  onClose(): void
}) {
  const [onlyProcess, setOnlyProcess] = useState(Boolean(props.process))
  const [status, setStatus] = useState('')
  const [environment, setEnvironment] = useState('')
  const [rows, setRows] = useState<Execution[]>([])
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    const query = new URLSearchParams()
    if (onlyProcess && props.process) query.set('processId', props.process.id)
    if (status) query.set('status', status)
    if (environment) query.set('environment', environment)
    const r = await api<{ executions: Execution[] }>(`/api/v1/projects/${props.projectId}/executions?${query}`)
    if (r.ok) {
      setRows(r.body.executions)
      setError(null)
    } else setError(r.message)
  }, [props.projectId, props.process, onlyProcess, status, environment])
  usePolling(load, 3000)
  return (
    <div className="side-panel" data-testid="executions-panel">
      <PanelHeader title={'Executions'} onClose={props.onClose} />
      <div className="row filters">
        {props.process && (
          <label>
            <input
              type="checkbox"
              checked={onlyProcess}
              onChange={(e) => setOnlyProcess(e.target.checked)}
              data-testid="executions-only-process"
            />{' '}
            only {props.process.name}
          </label>
        )}
        <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="executions-status">
          <option value="">any status</option>
          <option value="running">running</option>
          <option value="succeeded">succeeded</option>
          <option value="failed">failed</option>
          <option value="cancelled">cancelled</option>
        </select>
        <select value={environment} onChange={(e) => setEnvironment(e.target.value)} data-testid="executions-env">
          <option value="">any environment</option>
          <option value="development">development</option>
          <option value="production">production</option>
        </select>
      </div>
      {error && <p className="error">{error}</p>}
      {rows.length === 0 && !error && <p className="muted">No executions match.</p>}
      <ul className="executions">
        {rows.map((x) => (
          <li key={x.id}>
            <button type="button" className="execution-row" data-testid="execution-row" onClick={() => props.onOpen(x)}>
              <strong className={`run-${x.status}`}>{x.status}</strong> {x.processName}{' '}
              <span className="muted">
                {x.draft ? 'test run' : x.environment} · {duration(x.durationMs)} · {x.commitId.slice(0, 12)} ·{' '}
                {new Date(x.startedAt).toLocaleString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
