'use client'
import { useCallback, useState } from 'react'
import { api } from '../api-client'
import { PanelHeader } from '../PanelHeader'
import { pretty } from './execution'
import { usePolling } from './use-polling'

type DeadLetter = {
  id: string
  environment: string
  queue: string
  consumer: string
  message: unknown
  lastError: { name?: string; message?: string } | null
  attempts: { attempt: number; error?: { name?: string; message?: string } }[]
  status: 'dead' | 'replayed'
  replayExecutionId: string | null
  createdAt: string
}

/** Messages a consumer could not take after the queue's retries: what, who, the last error; replay one or many. */
export function DeadLettersPanel(props: { projectId: string; canReplay: boolean; onClose(): void }) {
  const base = `/api/v1/projects/${props.projectId}`
  const [rows, setRows] = useState<DeadLetter[]>([])
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [message, setMessage] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await api<{ deadLetters: DeadLetter[] }>(`${base}/dead-letters`)
    if (r.ok) setRows(r.body.deadLetters)
    else setMessage(r.message)
  }, [base])
  usePolling(load, 2000)
  return (
    <div className="side-panel" data-testid="dead-letters-panel">
      <PanelHeader title={'Dead letters'} onClose={props.onClose} />
      {rows.length === 0 && <p className="muted">No dead letters.</p>}
      <ul>
        {rows.map((d) => (
          <li key={d.id} className="dead-letter" data-testid="dead-letter" data-status={d.status}>
            <div className="row">
              {d.status === 'dead' && props.canReplay && (
                <input
                  type="checkbox"
                  checked={picked.has(d.id)}
                  onChange={(e) =>
                    setPicked((s) => {
                      const next = new Set(s)
                      if (e.target.checked) next.add(d.id)
                      else next.delete(d.id)
                      return next
                    })
                  }
                  data-testid="dead-letter-pick"
                  aria-label={`Pick the message for ${d.consumer}`}
                />
              )}
              <strong>{d.queue}</strong> → {d.consumer}
              <span className="badge">{d.status}</span>
            </div>
            <span className="muted">
              {d.environment} · {d.attempts.length} attempt(s) · {new Date(d.createdAt).toLocaleString()}
            </span>
            {d.lastError && (
              <p className="error" data-testid="dead-letter-error">
                {d.lastError.name}: {d.lastError.message}
              </p>
            )}
            <details>
              <summary>Message</summary>
              <pre>{pretty(d.message)}</pre>
            </details>
          </li>
        ))}
      </ul>
      {props.canReplay && rows.some((d) => d.status === 'dead') && (
        <button
          type="button"
          className="primary"
          disabled={picked.size === 0}
          data-testid="dead-letters-replay"
          onClick={async () => {
            const r = await api<{ replayed: unknown[] }>(`${base}/dead-letters/replay`, {
              method: 'POST',
              body: JSON.stringify({ ids: [...picked] }),
            })
            setMessage(r.ok ? `Replaying ${r.body.replayed.length} message(s) to the deployed consumer.` : r.message)
            setPicked(new Set())
            void load()
          }}
        >
          Replay selected
        </button>
      )}
      {message && <p data-testid="dead-letters-message">{message}</p>}
    </div>
  )
}
