import { type Emit, fieldChanges } from './emitter'
import { jsonEqual, recordOf, unionKeys } from './json-equal'

const declarationSkip = new Set(['format', 'id', 'producers', 'consumers'])

/**
 * Differences between two versions of one queue block: message schema, delivery, retry, dead letter and other
 * fields (field by field), producers added/removed, consumers added/removed/changed. Not API-facing: no flags.
 */
export function diffQueue(before: unknown, after: unknown, emit: Emit): void {
  const b = recordOf(before)
  const a = recordOf(after)
  fieldChanges(emit, {
    element: 'queue',
    pointer: '',
    before: b,
    after: a,
    skip: declarationSkip,
    deeper: new Set(['delivery', 'retry', 'deadLetter']),
  })
  const producers = (v: unknown) => new Set(Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [])
  const pb = producers(b.producers)
  const pa = producers(a.producers)
  for (const p of pa)
    if (!pb.has(p))
      emit({ kind: 'added', element: `producer ${p}`, pointer: '/producers', message: `producer ${p} added` })
  for (const p of pb)
    if (!pa.has(p))
      emit({ kind: 'removed', element: `producer ${p}`, pointer: '/producers', message: `producer ${p} removed` })
  const cb = recordOf(b.consumers)
  const ca = recordOf(a.consumers)
  for (const name of unionKeys(cb, ca)) {
    if (jsonEqual(cb[name], ca[name])) continue
    const element = `consumer ${name}`
    const pointer = `/consumers/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`
    if (cb[name] === undefined) emit({ kind: 'added', element, pointer, message: `${element} added` })
    else if (ca[name] === undefined)
      emit({ kind: 'removed', element, pointer: '/consumers', message: `${element} removed` })
    else fieldChanges(emit, { element, pointer, before: recordOf(cb[name]), after: recordOf(ca[name]) })
  }
}
