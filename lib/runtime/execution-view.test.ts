import { describe, expect, it } from 'vitest'
import { executionView } from './execution-view'

const row = {
  id: 'run_1',
  projectId: 'prj_1',
  environment: 'development',
  commitId: 'drf_1',
  processId: 'prc_1',
  processName: 'hello',
  status: 'succeeded' as const,
  input: { name: 'Ada' },
  output: { greeting: 'hello Ada' },
  error: null,
  origin: { kind: 'request', draft: true },
  temporalRunId: 'temporal-internal',
  startedAt: new Date('2026-01-02T03:04:05.000Z'),
  endedAt: new Date('2026-01-02T03:04:05.250Z'),
  durationMs: 250,
}

describe('executionView', () => {
  it('answers ISO times and the draft flag, and leaves Temporal internals and the project out', () => {
    const view = executionView(row)
    expect(view).toEqual({
      id: 'run_1',
      processId: 'prc_1',
      processName: 'hello',
      environment: 'development',
      commitId: 'drf_1',
      draft: true,
      status: 'succeeded',
      startedAt: '2026-01-02T03:04:05.000Z',
      endedAt: '2026-01-02T03:04:05.250Z',
      durationMs: 250,
      input: { name: 'Ada' },
      output: { greeting: 'hello Ada' },
      error: null,
      origin: { kind: 'request', draft: true },
    })
    expect(executionView({ ...row, origin: { kind: 'schedule' }, endedAt: null, output: null }).draft).toBe(false)
  })
})
