import { derefInternal, resolveInternalRef } from '../formats/spec'
import { BreakingReason, type ChangeKind } from './change'
import { type Emit, show } from './emitter'
import { escapeSegment, isRecord, jsonEqual, recordOf, unionKeys } from './json-equal'

/**
 * Which way data flows for the API consumer. `request`: the consumer sends it (request parameters and bodies, messages
 * an application receives) — narrowing what is accepted breaks them. `response`: the consumer receives it (responses,
 * messages an application sends) — removing or retyping what they read breaks them.
 */
export type SchemaDirection = 'request' | 'response'

export interface SchemaDiffInput {
  /** The documents the schemas live in, for internal `$ref`s. */
  beforeDoc: unknown
  afterDoc: unknown
  before: unknown
  after: unknown
  /** Where the new schema is in its file. */
  pointer: string
  directions: readonly SchemaDirection[]
  element: string
  /** Human path of the schema inside the element: 'request body', 'response 200', 'parameter query limit'. */
  path: string
  emit: Emit
  /**
   * Memo of internal refs whose target (and everything it references) is identical in both documents; share one
   * map across the calls of one document diff so big specs walk each unchanged component once.
   */
  unchangedRefs?: Map<string, boolean>
}

const maxDepth = 24

/** Keywords whose value may only go down in a request schema (a lower bound on what is accepted). */
const upperBounds = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'] as const
/** Keywords whose value may only go up in a request schema. */
const lowerBounds = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'] as const
/** Keywords that restrict a request schema when added or changed. */
const restrictions = ['pattern', 'format', 'multipleOf', 'const'] as const

const handled = new Set<string>([
  'type',
  'enum',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'nullable',
  '$ref',
  ...upperBounds,
  ...lowerBounds,
  ...restrictions,
])

function typesOf(schema: Record<string, unknown>): string[] {
  const t = schema.type
  const list = typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : []
  if (schema.nullable === true && list.length > 0 && !list.includes('null')) list.push('null')
  return list
}

/** Does a schema of types `accepting` (empty = any) accept every value of type `t`? */
function accepts(accepting: readonly string[], t: string): boolean {
  return accepting.length === 0 || accepting.includes(t) || (t === 'integer' && accepting.includes('number'))
}

function covers(wide: readonly string[], narrow: readonly string[]): boolean {
  if (wide.length === 0) return true
  if (narrow.length === 0) return false
  return narrow.every((t) => accepts(wide, t))
}

function requiredOf(schema: Record<string, unknown>): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [])
}

function asSchema(value: unknown): Record<string, unknown> {
  // `true` and a missing schema accept anything: {} says the same.
  return isRecord(value) ? value : {}
}

type Walk = {
  input: SchemaDiffInput
  seen: Set<string>
  unchangedRefs: Map<string, boolean>
}

/**
 * Compares two JSON Schemas structurally (properties, items, types, enums, bounds, required), following internal
 * `$ref`s on both sides (cycle-safe), and reports each difference with the breaking reason its direction implies.
 * Pure; never throws.
 */
export function diffSchema(input: SchemaDiffInput): void {
  walk(
    { input, seen: new Set(), unchangedRefs: input.unchangedRefs ?? new Map() },
    input.before,
    input.after,
    input.pointer,
    input.path,
    0,
  )
}

function walk(state: Walk, rawBefore: unknown, rawAfter: unknown, pointer: string, path: string, depth: number): void {
  if (depth > maxDepth) return
  const { input } = state
  // The same $ref on both sides to a component unchanged all the way down: nothing to walk.
  if (
    isRecord(rawBefore) &&
    isRecord(rawAfter) &&
    typeof rawAfter.$ref === 'string' &&
    jsonEqual(rawBefore, rawAfter) &&
    refsUnchanged(state, rawAfter)
  )
    return
  const b = derefInternal(input.beforeDoc, rawBefore)
  const a = derefInternal(input.afterDoc, rawAfter)
  const refKey = `${JSON.stringify(recordOf(rawBefore).$ref)}|${JSON.stringify(recordOf(rawAfter).$ref)}`
  if (isRecord(rawBefore) && isRecord(rawAfter) && (rawBefore.$ref !== undefined || rawAfter.$ref !== undefined)) {
    // Recursive schemas: compare each pair of referenced schemas once per schema diff (at the first path reaching it).
    if (state.seen.has(refKey)) return
    state.seen.add(refKey)
  }
  const before = asSchema(b.value)
  const after = asSchema(a.value)
  const at = a.pointer ?? pointer
  if (jsonEqual(before, after) && refsUnchanged(state, before)) return
  const request = input.directions.includes('request')
  const response = input.directions.includes('response')
  const report = (kind: ChangeKind, field: string, message: string, extra: { before?: unknown; after?: unknown }) => {
    input.emit({ kind, element: input.element, pointer: at, field: fieldName(path, field), message, ...extra })
  }
  const breaking = (
    kind: ChangeKind,
    field: string,
    reason: BreakingReason,
    message: string,
    extra: { before?: unknown; after?: unknown },
  ) => {
    input.emit({
      kind,
      element: input.element,
      pointer: at,
      field: fieldName(path, field),
      breaking: reason,
      message,
      ...extra,
    })
  }

  // Types (OpenAPI 3.0 `nullable` is folded into the type list as 'null').
  const tb = typesOf(before)
  const ta = typesOf(after)
  if (!jsonEqual([...tb].sort(), [...ta].sort())) {
    const extra = { before: tb.length ? tb.join('|') : 'any', after: ta.length ? ta.join('|') : 'any' }
    const message = `${input.element}: ${path} type changed from ${extra.before} to ${extra.after}`
    if (request && !covers(ta, tb)) breaking('changed', 'type', BreakingReason.typeNarrowed, message, extra)
    else if (response && !covers(tb, ta))
      breaking('changed', 'type', BreakingReason.responseTypeChanged, message, extra)
    else report('changed', 'type', message, extra)
  }

  // Enums.
  if (!jsonEqual(before.enum, after.enum)) {
    const eb = Array.isArray(before.enum) ? before.enum : undefined
    const ea = Array.isArray(after.enum) ? after.enum : undefined
    const removed = eb && ea ? eb.filter((v) => !ea.some((w) => jsonEqual(v, w))) : []
    const extra = { before: eb, after: ea }
    if (request && eb && ea && removed.length > 0) {
      const message = `${input.element}: ${path} no longer accepts ${removed.map((v) => show(v)).join(', ')}`
      breaking('changed', 'enum', BreakingReason.enumValueRemoved, message, extra)
    } else if (request && !eb && ea) {
      const message = `${input.element}: ${path} now only accepts ${ea.map((v) => show(v)).join(', ')}`
      breaking('changed', 'enum', BreakingReason.enumValueRemoved, message, extra)
    } else {
      report('changed', 'enum', `${input.element}: ${path} enum changed from ${show(eb)} to ${show(ea)}`, extra)
    }
  }

  // Bounds and restrictions.
  for (const key of [...upperBounds, ...lowerBounds, ...restrictions]) {
    const vb = before[key]
    const va = after[key]
    if (jsonEqual(vb, va)) continue
    const kind: ChangeKind = vb === undefined ? 'added' : va === undefined ? 'removed' : 'changed'
    let narrower = false
    if ((upperBounds as readonly string[]).includes(key)) {
      narrower = va !== undefined && (vb === undefined || (typeof va === 'number' && typeof vb === 'number' && va < vb))
    } else if ((lowerBounds as readonly string[]).includes(key)) {
      narrower = va !== undefined && (vb === undefined || (typeof va === 'number' && typeof vb === 'number' && va > vb))
    } else {
      narrower = va !== undefined
    }
    const message = `${input.element}: ${path} ${key} ${kind === 'added' ? `set to ${show(va)}` : kind === 'removed' ? 'removed' : `changed from ${show(vb)} to ${show(va)}`}`
    const extra = { before: vb, after: va }
    if (request && narrower) breaking(kind, key, BreakingReason.constraintNarrowed, message, extra)
    else report(kind, key, message, extra)
  }

  // Object properties.
  const pb = recordOf(before.properties)
  const pa = recordOf(after.properties)
  const rb = requiredOf(before)
  const ra = requiredOf(after)
  const closedAfter = after.additionalProperties === false
  for (const name of unionKeys(pb, pa)) {
    const child = path === '' ? name : `${path}.${name}`
    const childPointer = `${at}/properties/${escapeSegment(name)}`
    const inBefore = Object.hasOwn(pb, name)
    const inAfter = Object.hasOwn(pa, name)
    if (!inBefore) {
      if (request && ra.has(name)) {
        input.emit({
          kind: 'added',
          element: input.element,
          pointer: childPointer,
          field: child,
          breaking: BreakingReason.requiredFieldAdded,
          message: `${input.element}: new required field ${child}`,
        })
      } else {
        input.emit({
          kind: 'added',
          element: input.element,
          pointer: childPointer,
          field: child,
          message: `${input.element}: field ${child} added`,
        })
      }
      continue
    }
    if (!inAfter) {
      const change = {
        kind: 'removed' as const,
        element: input.element,
        pointer: `${at}/properties`,
        field: child,
        message: `${input.element}: field ${child} removed`,
      }
      if (response) input.emit({ ...change, breaking: BreakingReason.responseFieldRemoved })
      else if (request && closedAfter) input.emit({ ...change, breaking: BreakingReason.additionalPropertiesForbidden })
      else input.emit(change)
      continue
    }
    if (!rb.has(name) && ra.has(name)) {
      const message = `${input.element}: field ${child} became required`
      if (request)
        input.emit({
          kind: 'changed',
          element: input.element,
          pointer: childPointer,
          field: child,
          breaking: BreakingReason.fieldBecameRequired,
          message,
        })
      else input.emit({ kind: 'changed', element: input.element, pointer: childPointer, field: child, message })
    } else if (rb.has(name) && !ra.has(name)) {
      const message = `${input.element}: field ${child} is no longer required`
      if (response)
        input.emit({
          kind: 'changed',
          element: input.element,
          pointer: childPointer,
          field: child,
          breaking: BreakingReason.responseFieldBecameOptional,
          message,
        })
      else input.emit({ kind: 'changed', element: input.element, pointer: childPointer, field: child, message })
    }
    walk(state, pb[name], pa[name], childPointer, child, depth + 1)
  }

  // Closing an object to unknown fields rejects requests that sent them.
  if (!jsonEqual(before.additionalProperties, after.additionalProperties)) {
    const message = `${input.element}: ${path || 'schema'} additionalProperties changed from ${show(before.additionalProperties)} to ${show(after.additionalProperties)}`
    const extra = { before: before.additionalProperties, after: after.additionalProperties }
    if (request && closedAfter) {
      breaking('changed', 'additionalProperties', BreakingReason.additionalPropertiesForbidden, message, extra)
    } else if (isRecord(before.additionalProperties) && isRecord(after.additionalProperties)) {
      walk(
        state,
        before.additionalProperties,
        after.additionalProperties,
        `${at}/additionalProperties`,
        `${path}{}`,
        depth + 1,
      )
    } else {
      report('changed', 'additionalProperties', message, extra)
    }
  }

  // Array items.
  if (before.items !== undefined || after.items !== undefined) {
    walk(state, before.items, after.items, `${at}/items`, `${path}[]`, depth + 1)
  }

  // Everything else (description, title, examples, composition keywords…): one non-breaking change per keyword.
  for (const key of unionKeys(before, after)) {
    if (handled.has(key) || jsonEqual(before[key], after[key])) continue
    const kind: ChangeKind = before[key] === undefined ? 'added' : after[key] === undefined ? 'removed' : 'changed'
    report(kind, key, `${input.element}: ${path || 'schema'} ${key} ${kind}`, {
      before: before[key],
      after: after[key],
    })
  }
}

function fieldName(path: string, keyword: string): string {
  return path === '' ? keyword : `${path} ${keyword}`
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out)
  else if (isRecord(value)) {
    if (typeof value.$ref === 'string') out.push(value.$ref)
    for (const v of Object.values(value)) refsIn(v, out)
  }
  return out
}

/**
 * Whether every internal ref reachable from `value` names the same content in both documents (then two equal
 * values mean equal schemas). Memoized per ref across one document diff. A ref under check counts as unchanged
 * (cycles); if the check fails, every "unchanged" recorded during it is dropped, since it may have leaned on that
 * assumption.
 */
function refsUnchanged(state: Walk, value: unknown): boolean {
  const recorded: string[] = []
  const same = check(state, value, recorded)
  if (!same) {
    for (const ref of recorded) if (state.unchangedRefs.get(ref) === true) state.unchangedRefs.delete(ref)
  }
  return same
}

function check(state: Walk, value: unknown, recorded: string[]): boolean {
  const { unchangedRefs: memo, input } = state
  for (const ref of refsIn(value)) {
    const known = memo.get(ref)
    if (known === false) return false
    if (known === true) continue
    memo.set(ref, true)
    recorded.push(ref)
    const b = resolveInternalRef(input.beforeDoc, ref)
    const a = resolveInternalRef(input.afterDoc, ref)
    if (a === undefined || !jsonEqual(a, b) || !check(state, a, recorded)) {
      memo.set(ref, false)
      return false
    }
  }
  return true
}
