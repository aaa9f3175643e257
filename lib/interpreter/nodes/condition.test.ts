import { describe, expect, it } from 'vitest'
import { driveRun } from '../drive-run'
import { makeBundle, makeProcess } from '../make-process'
import type { Node } from '../process-types'

const leaf = (v: string): Node => ({ kind: 'return', label: v, value: { expr: `"${v}"` } })

describe('condition', () => {
  const p = makeProcess({
    entry: 'route',
    nodes: {
      route: {
        kind: 'condition',
        label: 'route',
        cases: [
          { name: 'big', when: { expr: 'input.n > 100' } },
          { name: 'medium', when: { expr: 'input.n > 10' } },
        ],
        defaultPort: 'default',
      },
      big: leaf('big'),
      medium: leaf('medium'),
      small: leaf('small'),
    },
    edges: ['route:big>big', 'route:medium>medium', 'route:default>small'],
  })

  it('takes the first case (in order) that is true, else default; untaken branches are skipped', async () => {
    expect((await driveRun(makeBundle(p), { n: 500 })).state.output).toBe('big')
    expect((await driveRun(makeBundle(p), { n: 50 })).state.output).toBe('medium')
    const small = await driveRun(makeBundle(p), { n: 1 })
    expect(small.state.output).toBe('small')
    expect(small.state.nodes.big?.status).toBe('skipped')
    expect(small.state.nodes.route?.output).toEqual({ case: 'default' })
  })

  it('two-case form: true and false ports; a merge node after both branches runs once', async () => {
    const two = makeProcess({
      entry: 'check',
      nodes: {
        check: {
          kind: 'condition',
          label: 'c',
          cases: [{ name: 'true', when: { expr: 'input.ok' } }],
          defaultPort: 'false',
        },
        yes: { kind: 'compute', label: 'y', expression: { expr: '"yes"' }, output: true },
        no: { kind: 'compute', label: 'n', expression: { expr: '"no"' }, output: true },
        merge: { kind: 'return', label: 'm', value: { expr: '[nodes.yes, nodes.no]' } },
      },
      edges: ['check:true>yes', 'check:false>no', 'yes:out>merge', 'no:out>merge'],
    })
    expect((await driveRun(makeBundle(two), { ok: true })).state.output).toEqual(['yes'])
    expect((await driveRun(makeBundle(two), { ok: false })).state.output).toEqual(['no'])
  })
})
