'use client'
import { useEffect, useRef, useState } from 'react'
import type { NodeState } from '../../../../lib/interpreter'
import { api } from '../api-client'

/** An execution as the runtime API returns it (docs/runtime-api.md). */
export type Execution = {
  id: string
  processId: string
  processName: string
  environment: string
  commitId: string
  draft: boolean
  status: 'running' | 'succeeded' | 'failed' | 'cancelled'
  startedAt: string
  endedAt: string | null
  durationMs: number | null
  input: unknown
  output: unknown
  error: { name: string; message: string; node?: string } | null
  nodes?: Record<string, NodeState>
}

export type LogLine = { at: string; node: string; status: string; attempt: number; error?: string }

/** New log lines: every node whose status or attempt count changed since the previous snapshot. */
export function logChanges(
  before: Record<string, NodeState> | undefined,
  after: Record<string, NodeState>,
  at: string,
): LogLine[] {
  const out: LogLine[] = []
  for (const [node, state] of Object.entries(after)) {
    const old = before?.[node]
    if (old && old.status === state.status && old.attempts === state.attempts) continue
    if (!old && state.status === 'pending') continue
    out.push({
      at,
      node,
      status: state.status,
      attempt: state.attempts,
      ...(state.error ? { error: `${state.error.name}: ${state.error.message}` } : {}),
    })
  }
  return out
}

/**
 * One execution, polled while it runs (node states come from a workflow query then, from the stored trace after
 * the end), with a log of node state changes as they are seen.
 */
export function useExecution(projectId: string, executionId: string | null) {
  const [execution, setExecution] = useState<Execution | null>(null)
  const [log, setLog] = useState<LogLine[]>([])
  const [error, setError] = useState<string | null>(null)
  const last = useRef<Record<string, NodeState> | undefined>(undefined)
  useEffect(() => {
    setExecution(null)
    setLog([])
    setError(null)
    last.current = undefined
    if (!executionId) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      const r = await api<{ execution: Execution }>(`/api/v1/projects/${projectId}/executions/${executionId}`)
      if (stopped) return
      if (!r.ok) {
        setError(r.message)
      } else {
        const next = r.body.execution
        const nodes = next.nodes ?? {}
        const lines = logChanges(last.current, nodes, new Date().toLocaleTimeString())
        last.current = nodes
        if (lines.length) setLog((l) => [...l, ...lines])
        setExecution(next)
        if (next.status !== 'running') return
      }
      timer = setTimeout(poll, 400)
    }
    void poll()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [projectId, executionId])
  return { execution, log, error }
}

export const duration = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '—' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`

export const pretty = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 2))
