import {
  getAtPointer,
  indexSpec,
  type OpenApiOperationIndex,
  type OpenApiParameterIndex,
  type Spec,
} from '../formats/spec'
import { BreakingReason } from './change'
import { diffSchema, type SchemaDirection } from './diff-schema'
import { type Emit, fieldChanges } from './emitter'
import { escapeSegment, jsonEqual, partition, recordOf, unionKeys } from './json-equal'

/** `/orders/{id}` and `/orders/{orderId}` are the same route: parameter names are not part of a path's identity. */
function routeKey(op: OpenApiOperationIndex, section: 'paths' | 'webhooks'): string {
  const path = section === 'paths' ? op.path.replace(/\{[^}]*\}/g, '{}') : op.path
  return `${section} ${op.method} ${path}`
}

function label(op: OpenApiOperationIndex, section: 'paths' | 'webhooks'): string {
  return section === 'paths'
    ? `operation ${op.method.toUpperCase()} ${op.path}`
    : `webhook ${op.path} ${op.method.toUpperCase()}`
}

function preferredType(types: readonly string[]): string | undefined {
  return types.find((t) => /[/+]json\b/i.test(t)) ?? types[0]
}

/**
 * The schema as written at `pointer` (a `$ref` kept, so the schema differ can locate changes inside the referenced
 * component), else what the index resolved (e.g. a parameter's `content` schema, or a media type behind a $ref).
 */
function rawOr(doc: unknown, pointer: string, indexed: unknown): unknown {
  const raw = getAtPointer(doc, pointer)
  return raw === undefined ? indexed : raw
}

const operationParts = new Set(['parameters', 'requestBody', 'responses', 'security', 'callbacks'])

/**
 * Differences between two OpenAPI documents: operations (and webhooks) added/removed/changed — parameters, request
 * body, responses, effective security, other fields — component schemas, security schemes, and any other top-level
 * section. Operations removed, new required inputs, narrowed request schemas, removed responses and response fields
 * are flagged breaking. For webhooks the directions are reversed: the API sends the request, the consumer answers.
 */
export function diffOpenApi(before: Spec, after: Spec, emit: Emit): void {
  const ib = indexSpec(before)
  const ia = indexSpec(after)
  if (ib.kind !== 'openapi' || ia.kind !== 'openapi') return
  const unchangedRefs = new Map<string, boolean>()
  for (const section of ['paths', 'webhooks'] as const) {
    const list = (index: typeof ib) => (section === 'paths' ? index.operations : index.webhooks)
    const mb = new Map(list(ib).map((op) => [routeKey(op, section), op]))
    const ma = new Map(list(ia).map((op) => [routeKey(op, section), op]))
    const { added, removed, both } = partition(mb, ma)
    for (const [, op] of removed) {
      emit({
        kind: 'removed',
        element: label(op, section),
        pointer: op.pointer,
        breaking: BreakingReason.operationRemoved,
        message: `${label(op, section)} removed`,
      })
    }
    for (const [, op] of added) {
      emit({ kind: 'added', element: label(op, section), pointer: op.pointer, message: `${label(op, section)} added` })
    }
    for (const [, ob, oa] of both) diffOperation({ before, after, ob, oa, section, emit, unchangedRefs })
  }
  diffComponents(before.document, after.document, emit)
  diffOtherSections(before.document, after.document, ['paths', 'webhooks', 'components'], emit)
}

function diffOperation(input: {
  before: Spec
  after: Spec
  ob: OpenApiOperationIndex
  oa: OpenApiOperationIndex
  section: 'paths' | 'webhooks'
  emit: Emit
  unchangedRefs: Map<string, boolean>
}): void {
  const { ob, oa, emit, section, unchangedRefs } = input
  const element = label(oa, section)
  const bDoc = input.before.document
  const aDoc = input.after.document
  // What the consumer sends / receives: reversed for webhooks, where the API is the caller.
  const sends: SchemaDirection[] = [section === 'paths' ? 'request' : 'response']
  const receives: SchemaDirection[] = [section === 'paths' ? 'response' : 'request']
  const consumerSends = section === 'paths'

  // Other fields of the operation (summary, operationId, tags, deprecated, …).
  fieldChanges(emit, {
    element,
    pointer: oa.pointer,
    before: recordOf(getAtPointer(bDoc, ob.pointer)),
    after: recordOf(getAtPointer(aDoc, oa.pointer)),
    skip: operationParts,
  })

  // Parameters, keyed by location and name — path parameters by their place in the template, since clients never
  // send their names.
  const keyIn = (op: OpenApiOperationIndex) => {
    const names = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1])
    return (p: OpenApiParameterIndex) =>
      p.in === 'path' && names.includes(p.name) ? `path #${names.indexOf(p.name)}` : `${p.in} ${p.name}`
  }
  const pb = new Map(ob.parameters.map((p) => [keyIn(ob)(p), p]))
  const pa = new Map(oa.parameters.map((p) => [keyIn(oa)(p), p]))
  const params = partition(pb, pa)
  const name = (p: OpenApiParameterIndex) => `${p.in} ${p.name}`
  for (const [, p] of params.added) {
    const k = name(p)
    if (p.required && consumerSends) {
      emit({
        kind: 'added',
        element,
        pointer: p.pointer,
        field: `parameter ${k}`,
        breaking: BreakingReason.requiredParameterAdded,
        message: `${element}: new required parameter ${k}`,
      })
    } else {
      emit({
        kind: 'added',
        element,
        pointer: p.pointer,
        field: `parameter ${k}`,
        message: `${element}: parameter ${k} added`,
      })
    }
  }
  for (const [, p] of params.removed) {
    const k = name(p)
    emit({
      kind: 'removed',
      element,
      pointer: oa.pointer,
      field: `parameter ${k}`,
      before: p.name,
      message: `${element}: parameter ${k} removed`,
    })
  }
  for (const [, b, a] of params.both) {
    const k = name(a)
    if (b.name !== a.name) {
      emit({
        kind: 'changed',
        element,
        pointer: a.pointer,
        field: `parameter ${k} name`,
        before: b.name,
        after: a.name,
        message: `${element}: path parameter ${b.name} renamed to ${a.name}`,
      })
    }
    if (!b.required && a.required) {
      emit({
        kind: 'changed',
        element,
        pointer: a.pointer,
        field: `parameter ${k}`,
        ...(consumerSends ? { breaking: BreakingReason.parameterBecameRequired } : {}),
        message: `${element}: parameter ${k} became required`,
      })
    } else if (b.required && !a.required) {
      emit({
        kind: 'changed',
        element,
        pointer: a.pointer,
        field: `parameter ${k}`,
        message: `${element}: parameter ${k} is now optional`,
      })
    }
    diffSchema({
      beforeDoc: bDoc,
      afterDoc: aDoc,
      before: rawOr(bDoc, `${b.pointer}/schema`, b.schema),
      after: rawOr(aDoc, `${a.pointer}/schema`, a.schema),
      pointer: `${a.pointer}/schema`,
      directions: sends,
      element,
      path: `parameter ${k}`,
      emit,
      unchangedRefs,
    })
  }

  // Request body.
  const rbB = ob.requestBody
  const rbA = oa.requestBody
  if (!rbB && rbA) {
    emit({
      kind: 'added',
      element,
      pointer: rbA.pointer,
      field: 'request body',
      ...(rbA.required && consumerSends ? { breaking: BreakingReason.requestBodyAdded } : {}),
      message: `${element}: ${rbA.required ? 'required ' : ''}request body added`,
    })
  } else if (rbB && !rbA) {
    emit({
      kind: 'removed',
      element,
      pointer: oa.pointer,
      field: 'request body',
      message: `${element}: request body removed`,
    })
  } else if (rbB && rbA) {
    if (!rbB.required && rbA.required) {
      emit({
        kind: 'changed',
        element,
        pointer: rbA.pointer,
        field: 'request body',
        ...(consumerSends ? { breaking: BreakingReason.requestBodyBecameRequired } : {}),
        message: `${element}: request body became required`,
      })
    }
    for (const type of rbB.contentTypes.filter((t) => !rbA.contentTypes.includes(t))) {
      emit({
        kind: 'removed',
        element,
        pointer: `${rbA.pointer}/content`,
        field: `request body ${type}`,
        ...(consumerSends ? { breaking: BreakingReason.requestMediaTypeRemoved } : {}),
        message: `${element}: request body no longer accepts ${type}`,
      })
    }
    for (const type of rbA.contentTypes.filter((t) => !rbB.contentTypes.includes(t))) {
      emit({
        kind: 'added',
        element,
        pointer: `${rbA.pointer}/content`,
        field: `request body ${type}`,
        message: `${element}: request body accepts ${type}`,
      })
    }
    const type = preferredType(rbA.contentTypes)
    if (type !== undefined && preferredType(rbB.contentTypes) === type) {
      diffSchema({
        beforeDoc: bDoc,
        afterDoc: aDoc,
        before: rawOr(bDoc, `${rbB.pointer}/content/${escapeSegment(type)}/schema`, rbB.schema),
        after: rawOr(aDoc, `${rbA.pointer}/content/${escapeSegment(type)}/schema`, rbA.schema),
        pointer: `${rbA.pointer}/content/${escapeSegment(type)}/schema`,
        directions: sends,
        element,
        path: 'request body',
        emit,
        unchangedRefs,
      })
    }
  }

  // Responses, keyed by status.
  const resB = new Map(ob.responses.map((r) => [r.status, r]))
  const resA = new Map(oa.responses.map((r) => [r.status, r]))
  const responses = partition(resB, resA)
  for (const [status] of responses.removed) {
    emit({
      kind: 'removed',
      element,
      pointer: `${oa.pointer}/responses`,
      field: `response ${status}`,
      ...(consumerSends ? { breaking: BreakingReason.responseStatusRemoved } : {}),
      message: `${element}: response ${status} removed`,
    })
  }
  for (const [status, r] of responses.added) {
    emit({
      kind: 'added',
      element,
      pointer: r.pointer,
      field: `response ${status}`,
      message: `${element}: response ${status} added`,
    })
  }
  for (const [status, b, a] of responses.both) {
    if (b.description !== a.description) {
      emit({
        kind: 'changed',
        element,
        pointer: a.pointer,
        field: `response ${status} description`,
        before: b.description,
        after: a.description,
        message: `${element}: response ${status} description changed`,
      })
    }
    for (const type of b.contentTypes.filter((t) => !a.contentTypes.includes(t))) {
      emit({
        kind: 'removed',
        element,
        pointer: `${a.pointer}/content`,
        field: `response ${status} ${type}`,
        ...(consumerSends ? { breaking: BreakingReason.responseMediaTypeRemoved } : {}),
        message: `${element}: response ${status} no longer returns ${type}`,
      })
    }
    const type = preferredType(a.contentTypes)
    if (type !== undefined && preferredType(b.contentTypes) === type) {
      diffSchema({
        beforeDoc: bDoc,
        afterDoc: aDoc,
        before: rawOr(bDoc, `${b.pointer}/content/${escapeSegment(type)}/schema`, b.schema),
        after: rawOr(aDoc, `${a.pointer}/content/${escapeSegment(type)}/schema`, a.schema),
        pointer: `${a.pointer}/content/${escapeSegment(type)}/schema`,
        directions: receives,
        element,
        path: `response ${status}`,
        emit,
        unchangedRefs,
      })
    }
  }

  // Effective security: every way a consumer could authenticate before must still work.
  if (!jsonEqual(ob.security, oa.security)) {
    const alternatives = (s: Record<string, string[]>[]) => (s.length === 0 ? [{}] : s)
    const satisfied = (have: Record<string, string[]>, need: Record<string, string[]>) =>
      Object.entries(need).every(
        ([scheme, scopes]) => have[scheme] !== undefined && scopes.every((sc) => have[scheme]?.includes(sc)),
      )
    const stillWorks = alternatives(ob.security).every((have) =>
      alternatives(oa.security).some((need) => satisfied(have, need)),
    )
    emit({
      kind: 'changed',
      element,
      pointer: `${oa.pointer}/security`,
      field: 'security',
      before: ob.security,
      after: oa.security,
      ...(stillWorks || !consumerSends ? {} : { breaking: BreakingReason.securityRequirementAdded }),
      message: `${element}: security changed`,
    })
  }
}

/** Component schemas and security schemes; other component sections as one change each. */
export function diffComponents(beforeDoc: unknown, afterDoc: unknown, emit: Emit): void {
  const cb = recordOf(recordOf(beforeDoc).components)
  const ca = recordOf(recordOf(afterDoc).components)
  for (const section of unionKeys(cb, ca)) {
    const sb = recordOf(cb[section])
    const sa = recordOf(ca[section])
    if (jsonEqual(sb, sa)) continue
    const singular =
      section === 'securitySchemes'
        ? 'security scheme'
        : section === 'schemas'
          ? 'schema'
          : section === 'messages'
            ? 'component message'
            : `components.${section}`
    for (const name of unionKeys(sb, sa)) {
      const b = sb[name]
      const a = sa[name]
      if (jsonEqual(a, b)) continue
      const pointer = `/components/${escapeSegment(section)}/${escapeSegment(name)}`
      const element = `${singular} ${name}`
      if (b === undefined) emit({ kind: 'added', element, pointer, message: `${element} added` })
      else if (a === undefined) {
        emit({
          kind: 'removed',
          element,
          pointer: `/components/${escapeSegment(section)}`,
          ...(section === 'securitySchemes' ? { breaking: BreakingReason.securitySchemeRemoved } : {}),
          message: `${element} removed`,
        })
      } else if (section === 'securitySchemes') {
        const { description: _b, ...restB } = recordOf(b)
        const { description: _a, ...restA } = recordOf(a)
        emit({
          kind: 'changed',
          element,
          pointer,
          before: b,
          after: a,
          ...(jsonEqual(restA, restB) ? {} : { breaking: BreakingReason.securitySchemeChanged }),
          message: `${element} changed`,
        })
      } else {
        // Schema changes that matter to consumers are reported (and flagged) where operations use them.
        emit({ kind: 'changed', element, pointer, message: `${element} changed` })
      }
    }
  }
}

/** info, servers, tags, …: one non-breaking change per differing top-level key. */
export function diffOtherSections(beforeDoc: unknown, afterDoc: unknown, skip: readonly string[], emit: Emit): void {
  const b = recordOf(beforeDoc)
  const a = recordOf(afterDoc)
  for (const key of unionKeys(b, a)) {
    if (skip.includes(key) || jsonEqual(b[key], a[key])) continue
    const kind = b[key] === undefined ? 'added' : a[key] === undefined ? 'removed' : 'changed'
    emit({
      kind,
      element: key,
      pointer: `/${escapeSegment(key)}`,
      before: b[key],
      after: a[key],
      message: `${key} ${kind}`,
    })
  }
}
