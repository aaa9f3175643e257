import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'
import type { HttpNode } from '../process-types'
import type { HttpRequest } from '../types'

const call: HttpNode = {
  kind: 'http',
  label: 'call',
  method: 'POST',
  url: 'https://api.example.com/orders/{id}/notes',
  params: { id: { expr: 'input.id' } },
  query: { lang: { expr: '"en"' }, none: { expr: 'input.missing' } },
  headers: { 'x-trace': { expr: 'run.id' }, authorization: { secret: 'API_TOKEN' } },
  body: { expr: '{"text": input.text}' },
  responses: [
    { status: '201', output: true, schema: { type: 'object', required: ['noteId'] } },
    { status: '404', output: false, schema: true },
  ],
  timeout: '10s',
}
const p = makeProcess({
  entry: 'call',
  nodes: { call, done: { kind: 'return', label: 'r', value: { expr: 'nodes.call' } } },
  edges: ['call:out>done'],
})

describe('http', () => {
  it('resolves the request (URL template encoded, query, headers with secret references kept as references, body)', async () => {
    let seen: HttpRequest | undefined
    const { state, commands } = await driveRun(
      makeBundle(p),
      { id: 'a/b', text: 'hi' },
      {
        activity: (c) => {
          if (c.request.kind === 'http') seen = c.request
          return { ok: true, value: { status: 201, headers: {}, body: { noteId: 'n1' } } }
        },
      },
    )
    expect(seen).toEqual({
      kind: 'http',
      method: 'POST',
      url: 'https://api.example.com/orders/a%2Fb/notes?lang=en',
      headers: { 'x-trace': 'run_test', authorization: { secret: 'API_TOKEN' } },
      body: { text: 'hi' },
      declared: call.responses,
    })
    expect(commands[0]).toMatchObject({ type: 'call-activity', timeoutMs: 10_000, attempt: 1 })
    expect(state.output).toEqual({ noteId: 'n1' })
  })

  it('maps a declared non-output response and an undeclared one to status.<code>; a bad body to output-mismatch', async () => {
    const answer = (status: number, body: unknown) => async () => ({
      ok: true as const,
      value: { status, headers: {}, body },
    })
    const notFound = await driveRun(makeBundle(p), { id: '1' }, { activity: answer(404, { message: 'no' }) })
    expect(notFound.state.error).toMatchObject({
      name: 'status.404',
      details: { status: 404, body: { message: 'no' } },
    })
    const teapot = await driveRun(makeBundle(p), { id: '1' }, { activity: answer(418, null) })
    expect(teapot.state.error?.name).toBe('status.418')
    const mismatch = await driveRun(makeBundle(p), { id: '1' }, { activity: answer(201, { other: 1 }) })
    expect(mismatch.state.error?.name).toBe('output-mismatch')
  })
})
