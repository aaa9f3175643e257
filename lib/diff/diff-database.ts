import { type Emit, fieldChanges } from './emitter'
import { escapeSegment, jsonEqual, recordOf, unionKeys } from './json-equal'

const declarationSkip = new Set(['format', 'id', 'tables', 'collections'])
const tableSkip = new Set(['columns', 'indexes', 'constraints'])

/**
 * Differences between two versions of one database block: declaration fields (type, capabilities, semantics,
 * connection, …), tables (or collections) added/removed, and per table its columns, indexes and constraints
 * added/removed/changed field by field, plus the primary key and other table fields. Not API-facing: no flags.
 */
export function diffDatabase(before: unknown, after: unknown, emit: Emit): void {
  const b = recordOf(before)
  const a = recordOf(after)
  fieldChanges(emit, {
    element: 'database',
    pointer: '',
    before: b,
    after: a,
    skip: declarationSkip,
    deeper: new Set(['semantics', 'connection']),
  })
  for (const section of ['tables', 'collections'] as const) {
    const singular = section === 'tables' ? 'table' : 'collection'
    const tb = recordOf(b[section])
    const ta = recordOf(a[section])
    for (const name of unionKeys(tb, ta)) {
      const pointer = `/${section}/${escapeSegment(name)}`
      const element = `${singular} ${name}`
      if (jsonEqual(tb[name], ta[name])) continue
      if (tb[name] === undefined) {
        emit({ kind: 'added', element, pointer, message: `${element} added` })
        continue
      }
      if (ta[name] === undefined) {
        emit({ kind: 'removed', element, pointer: `/${section}`, message: `${element} removed` })
        continue
      }
      const before = recordOf(tb[name])
      const after = recordOf(ta[name])
      fieldChanges(emit, { element, pointer, before, after, skip: tableSkip })
      for (const part of ['columns', 'indexes', 'constraints'] as const) {
        const word = part === 'columns' ? 'column' : part === 'indexes' ? 'index' : 'constraint'
        const pb = recordOf(before[part])
        const pa = recordOf(after[part])
        for (const item of unionKeys(pb, pa)) {
          if (jsonEqual(pb[item], pa[item])) continue
          const at = `${pointer}/${part}/${escapeSegment(item)}`
          const label = `${element} ${word} ${item}`
          if (pb[item] === undefined)
            emit({ kind: 'added', element: label, pointer: at, after: pa[item], message: `${label} added` })
          else if (pa[item] === undefined)
            emit({
              kind: 'removed',
              element: label,
              pointer: `${pointer}/${part}`,
              before: pb[item],
              message: `${label} removed`,
            })
          else
            fieldChanges(emit, { element: label, pointer: at, before: recordOf(pb[item]), after: recordOf(pa[item]) })
        }
      }
    }
  }
}
