import type { Change, ChangeArea } from './change'
import { escapeSegment, jsonEqual, unionKeys } from './json-equal'

/** A change as a differ reports it; the scope (area, entity, file) is filled in by the emitter. */
export type LocalChange = Omit<Change, 'area' | 'entity' | 'file'>
export type Emit = (change: LocalChange) => void

export function emitterFor(out: Change[], scope: { area: ChangeArea; entity: string; file: string }): Emit {
  return (change) => {
    out.push({ area: scope.area, entity: scope.entity, file: scope.file, ...change })
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value)
  if (text === undefined) return 'nothing'
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/**
 * Field-level changes of one element: one change per top-level key whose value differs (added, removed or changed),
 * keys in `skip` left to the caller. Non-breaking: callers that know better flag their own.
 */
export function fieldChanges(
  emit: Emit,
  input: {
    element: string
    pointer: string
    before: Record<string, unknown>
    after: Record<string, unknown>
    skip?: ReadonlySet<string>
    /** Keys whose object value is compared one level deeper ('execution' → 'execution.trigger'). */
    deeper?: ReadonlySet<string>
    /** Field-name prefix of a nested call. */
    prefix?: string
  },
): void {
  for (const key of unionKeys(input.before, input.after)) {
    if (input.skip?.has(key)) continue
    const b = input.before[key]
    const a = input.after[key]
    if (jsonEqual(a, b)) continue
    const pointer = `${input.pointer}/${escapeSegment(key)}`
    const nested = input.deeper?.has(key) && isPlain(a) && isPlain(b)
    if (nested) {
      const prefix = input.prefix === undefined ? key : `${input.prefix}.${key}`
      fieldChanges(emit, { element: input.element, pointer, before: b, after: a, prefix })
      continue
    }
    const field = input.prefix === undefined ? key : `${input.prefix}.${key}`
    emitField(emit, { element: input.element, pointer, field, before: b, after: a })
  }
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function emitField(
  emit: Emit,
  input: { element: string; pointer: string; field: string; before: unknown; after: unknown },
): void {
  const { element, pointer, field, before, after } = input
  if (before === undefined) {
    emit({ kind: 'added', element, pointer, field, after, message: `${element}: ${field} set to ${show(after)}` })
  } else if (after === undefined) {
    emit({ kind: 'removed', element, pointer, field, before, message: `${element}: ${field} removed` })
  } else {
    emit({
      kind: 'changed',
      element,
      pointer,
      field,
      before,
      after,
      message: `${element}: ${field} changed from ${show(before)} to ${show(after)}`,
    })
  }
}

export { show }
