import type { ErrorObject } from 'ajv/dist/2020.js'
import { type Problem, problem } from '../../problems'
import { schemaAt } from '../canonical/schema-shape'
import { isPlainObject, joinPointer, splitPointer, valueAt } from '../pointer'
import type { SourceMap } from '../source-map'
import type { FormatAjv } from './format-ajv'

type Located = ErrorObject & { location?: string }

/** Plain-words hints for the patterns of shared definitions, keyed by schema location. */
const patternHints: Record<string, string> = {
  'common.schema.json#/$defs/name':
    'A name is a lowercase slug: letters and digits in words joined by "-", e.g. "create-order".',
  'common.schema.json#/$defs/nodeId': 'A node id is a lowercase slug, e.g. "load-order".',
  'common.schema.json#/$defs/projectId': 'A project id is "prj_" followed by 16-32 letters and digits.',
  'common.schema.json#/$defs/apiId': 'An API id is "api_" followed by 16-32 letters and digits.',
  'common.schema.json#/$defs/processId': 'A process id is "prc_" followed by 16-32 letters and digits.',
  'common.schema.json#/$defs/databaseId': 'A database id is "db_" followed by 16-32 letters and digits.',
  'common.schema.json#/$defs/queueId': 'A queue id is "que_" followed by 16-32 letters and digits.',
  'common.schema.json#/$defs/groupId': 'A group id is "grp_" followed by 16-32 letters and digits.',
  'common.schema.json#/$defs/errorName': 'Error names are PascalCase, e.g. "OrderNotFound".',
  'common.schema.json#/$defs/duration': 'A duration is a positive integer and a unit (ms, s, m, h, d), e.g. "30s".',
  'common.schema.json#/$defs/errorMatcher':
    'One of: *, timeout, network, status.4xx, status.5xx, status.<code>, not-found, conflict, constraint, output-mismatch, error.<Name>.',
  'process.schema.json#/$defs/statusCode': 'A status is a three-digit code, a range such as "4XX", or "default".',
}

/** `/nodes/a/cases/0/when` → `nodes.a.cases[0].when`; '' → 'the file'. */
export function readablePath(pointer: string): string {
  const segments = splitPointer(pointer) ?? []
  if (segments.length === 0) return 'the file'
  let out = ''
  for (const s of segments) {
    if (/^(0|[1-9][0-9]*)$/.test(s)) out += `[${s}]`
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += out === '' ? s : `.${s}`
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ')
}

function plainList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
}

function derefLocation(loc: string): string {
  let current = loc
  for (let i = 0; i < 10; i++) {
    const node = schemaAt(current)
    if (!node || typeof node.$ref !== 'string') return current
    const ref = node.$ref
    const file = current.slice(0, current.indexOf('#'))
    current = ref.startsWith('#') ? `${file}${ref}` : ref
  }
  return current
}

function branchLocations(oneOfOwner: string, keyword: 'oneOf' | 'anyOf'): string[] {
  const node = schemaAt(oneOfOwner)
  const list = node?.[keyword]
  return Array.isArray(list) ? list.map((_, i) => `${oneOfOwner}/${keyword}/${i}`) : []
}

const reachableCache = new Map<string, Set<string>>()

/** Every schema location reachable from `roots` (following $ref), to tell which errors a oneOf produced. */
function reachable(roots: string[]): Set<string> {
  const key = roots.join('\n')
  const cached = reachableCache.get(key)
  if (cached) return cached
  const out = new Set<string>()
  reachableCache.set(key, out)
  const visit = (loc: string) => {
    if (out.has(loc)) return
    out.add(loc)
    const node = schemaAt(loc)
    if (!node) return
    const walk = (n: unknown, l: string) => {
      if (n === null || typeof n !== 'object') return
      out.add(l)
      if (isPlainObject(n) && typeof n.$ref === 'string') {
        const file = l.slice(0, l.indexOf('#'))
        visit(n.$ref.startsWith('#') ? `${file}${n.$ref}` : n.$ref)
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${l}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`)
    }
    walk(node, loc)
  }
  for (const r of roots) visit(r)
  return out
}

function isRequiredOnly(loc: string): boolean {
  const node = schemaAt(loc)
  return !!node && Object.keys(node).every((k) => k === 'required')
}

/** The property (kind, op, …) whose const/enum tells the branches apart, when there is one. */
function discriminatorOf(branches: string[]): { key: string; values: unknown[] } | undefined {
  const perBranch = branches.map((b) => {
    const node = schemaAt(derefLocation(b))
    const props = node && isPlainObject(node.properties) ? node.properties : {}
    const out = new Map<string, unknown[]>()
    for (const [k, p] of Object.entries(props)) {
      if (isPlainObject(p) && 'const' in p) out.set(k, [p.const])
      else if (isPlainObject(p) && Array.isArray(p.enum)) out.set(k, p.enum)
    }
    return out
  })
  const first = perBranch[0]
  if (!first) return undefined
  for (const key of first.keys()) {
    if (perBranch.every((m) => m.has(key))) return { key, values: perBranch.flatMap((m) => m.get(key) ?? []) }
  }
  return undefined
}

function pickBranchIndex(branches: string[], value: unknown): number | undefined {
  if (!isPlainObject(value)) return undefined
  const d = discriminatorOf(branches)
  if (d) {
    if (!Object.hasOwn(value, d.key)) return undefined
    const index = branches.findIndex((b) => {
      const node = schemaAt(derefLocation(b))
      const p = node && isPlainObject(node.properties) ? node.properties[d.key] : undefined
      if (!isPlainObject(p)) return false
      return 'const' in p ? p.const === value[d.key] : Array.isArray(p.enum) && p.enum.includes(value[d.key])
    })
    return index < 0 ? undefined : index
  }
  // No discriminator (e.g. expression vs secret reference): the branch whose required properties are all present.
  const fits = branches.filter((b) => {
    const node = schemaAt(derefLocation(b))
    const req = node && Array.isArray(node.required) ? node.required : []
    return req.length > 0 && req.every((r) => typeof r === 'string' && Object.hasOwn(value, r))
  })
  return fits.length === 1 ? branches.indexOf(fits[0]!) : undefined
}

function innerRank(e: Located): number {
  if (!e.location) return 0
  const branches = branchLocations(e.location, e.keyword === 'anyOf' ? 'anyOf' : 'oneOf')
  return branches.length > 0 && branches.every(isRequiredOnly) ? 1 : 0
}

function within(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`)
}

/** A synthetic error the explainer turns into a problem directly. */
type Custom = { pointer: string; keyword: string; message: string; hint: string; atKey?: boolean }

/**
 * Turns raw ajv errors into the errors worth showing: drops `if` echoes, collapses each oneOf into the one branch
 * the value is meant to be (by `kind`/`op`, or by its required properties) re-validated alone, and replaces a oneOf
 * that no branch fits by one message naming the choices.
 */
function simplify(errors: Located[], data: unknown, fa: FormatAjv, base: string, custom: Custom[]): Located[] {
  let list = errors.filter((e) => e.keyword !== 'if')
  const oneOfs = list
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    // Outermost first; at one place, a node's oneOf before the required-only oneOf inside one of its branches.
    .sort((a, b) => a.instancePath.length - b.instancePath.length || innerRank(a) - innerRank(b))
  for (const err of oneOfs) {
    if (!list.includes(err) || !err.location) continue
    const owner = err.location
    const keyword = err.keyword === 'anyOf' ? 'anyOf' : 'oneOf'
    const branches = branchLocations(owner, keyword)
    const p = err.instancePath
    const value = valueAt(data, p.slice(base.length))
    const passing = (err.params as { passingSchemas?: number[] | null }).passingSchemas
    if (branches.length > 0 && branches.every(isRequiredOnly)) {
      const names = branches.map((b) => (schemaAt(b)?.required as string[] | undefined)?.join(' + ') ?? '?')
      list = list.filter((e) => e !== err && !(e.location && branches.includes(e.location)))
      custom.push({
        pointer: p,
        keyword: 'oneOf',
        message: `${readablePath(p)} needs exactly one of: ${names.join(', ')}${passing ? ' (it has more than one)' : ''}`,
        hint: `Keep exactly one of ${names.join(', ')}.`,
      })
      continue
    }
    const reach = reachable(branches)
    const fromBranches = (e: Located) => e !== err && within(e.instancePath, p) && !!e.location && reach.has(e.location)
    if (passing) {
      list = list.filter((e) => e !== err && !fromBranches(e))
      custom.push({
        pointer: p,
        keyword: 'oneOf',
        message: `${readablePath(p)} matches more than one allowed form`,
        hint: 'Remove the properties of the forms you do not mean.',
      })
      continue
    }
    const chosen = pickBranchIndex(branches, value)
    list = list.filter((e) => e !== err && !fromBranches(e))
    if (chosen !== undefined) {
      const validate = fa.validatorAt(branches[chosen]!)
      if (validate && !validate(value)) {
        const again: Located[] = (validate.errors ?? []).map((e) => ({
          ...e,
          instancePath: p + e.instancePath,
          location: fa.locationOf(e.parentSchema),
        }))
        list.push(...simplify(again, data, fa, base, custom))
      }
      continue
    }
    const d = discriminatorOf(branches)
    if (d && isPlainObject(value)) {
      const has = Object.hasOwn(value, d.key)
      custom.push({
        pointer: has ? joinPointer(p, d.key) : p,
        keyword: 'oneOf',
        message: has
          ? `${readablePath(joinPointer(p, d.key))} must be one of ${plainList(d.values)}, not ${JSON.stringify(value[d.key])}`
          : `${readablePath(p)} needs a "${d.key}": one of ${plainList(d.values)}`,
        hint: `Allowed ${d.key} values: ${plainList(d.values)}.`,
      })
    } else {
      const forms = branches.map((b) => {
        const node = schemaAt(derefLocation(b))
        if (node && typeof node.title === 'string') return node.title
        const req = node && Array.isArray(node.required) ? node.required : []
        return req.length ? `{ ${req.join(', ')} }` : String(node?.type ?? 'a value')
      })
      custom.push({
        pointer: p,
        keyword: 'oneOf',
        message: `${readablePath(p)} does not match any allowed form`,
        hint: `Write one of: ${forms.join(' or ')}.`,
      })
    }
  }
  return list
}

function describe(loc: string | undefined): string {
  if (!loc) return ''
  const node = schemaAt(loc)
  return node && typeof node.description === 'string' ? node.description : ''
}

/** When an error comes from an if/then rule, the condition in words ("type is "calculation""). */
function becauseOf(loc: string | undefined): string {
  if (!loc) return ''
  const m = /^(.*\/allOf\/\d+)\/(then|else)(\/|$)/.exec(loc)
  if (!m) return ''
  const cond = schemaAt(`${m[1]}/if`)
  const props = cond && isPlainObject(cond.properties) ? cond.properties : {}
  const parts = Object.entries(props).map(([k, p]) => {
    if (isPlainObject(p) && 'const' in p) return `${k} is ${JSON.stringify(p.const)}`
    if (isPlainObject(p) && Array.isArray(p.enum)) return `${k} is one of ${quoteList(p.enum)}`
    return k
  })
  if (parts.length === 0) return ''
  return ` because ${parts.join(' and ')}${m[2] === 'else' ? ' does not hold' : ''}`
}

/** The (deref'd) schema location of property `key` under the schema at `loc`. */
function propertyLocation(loc: string | undefined, key: string): string | undefined {
  if (!loc) return undefined
  const node = schemaAt(loc)
  if (node && isPlainObject(node.properties) && key in node.properties) return `${loc}/properties/${key}`
  return undefined
}

function typeWords(t: unknown): string {
  const words: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    object: 'an object',
    array: 'an array',
    null: 'null',
  }
  const list = String(t).split(',')
  return list.map((x) => words[x] ?? x).join(' or ')
}

function explainOne(e: Located): Custom | undefined {
  const p = e.instancePath
  const where = readablePath(p)
  const params = e.params as Record<string, unknown>
  const because = becauseOf(e.location)
  const desc = describe(e.location)
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty)
      const child = joinPointer(p, missing)
      const d = describe(propertyLocation(e.location, missing))
      return {
        pointer: child,
        keyword: 'required',
        message: `${readablePath(child)} is required${because}`,
        hint: d ? `Add "${missing}": ${d}` : `Add "${missing}".`,
      }
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty)
      const node = e.location ? schemaAt(e.location) : undefined
      const allowed = node && isPlainObject(node.properties) ? Object.keys(node.properties) : []
      return {
        pointer: joinPointer(p, extra),
        keyword: 'additionalProperties',
        message: `${where === 'the file' ? 'the file' : where} has an unknown property "${extra}"`,
        hint: allowed.length ? `Allowed here: ${allowed.join(', ')}. Check the spelling.` : 'Remove it.',
        atKey: true,
      }
    }
    case 'type':
      return {
        pointer: p,
        keyword: 'type',
        message: `${where} must be ${typeWords(params.type)}`,
        hint: desc || `Write ${typeWords(params.type)} here.`,
      }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : []
      return {
        pointer: p,
        keyword: 'enum',
        message: `${where} must be one of ${plainList(allowed)}${because}`,
        hint: `Allowed values: ${quoteList(allowed)}.${desc ? ` ${desc}` : ''}`,
      }
    }
    case 'const':
      return {
        pointer: p,
        keyword: 'const',
        message: `${where} must be ${JSON.stringify(params.allowedValue)}${because}`,
        hint: because
          ? `Change ${where} to ${JSON.stringify(params.allowedValue)}, or change what it depends on.`
          : `Write ${JSON.stringify(params.allowedValue)}.`,
      }
    case 'pattern': {
      const hint = (e.location && patternHints[e.location]) || desc || `It must match ${String(params.pattern)}.`
      return { pointer: p, keyword: 'pattern', message: `${where} is not written in the expected form`, hint }
    }
    case 'propertyNames': {
      const name = String(params.propertyName)
      return {
        pointer: joinPointer(p, name),
        keyword: 'propertyNames',
        message: `${where} has a key ${JSON.stringify(name)} that is not a valid name here`,
        hint: '',
        atKey: true,
      }
    }
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const words: Record<string, string> = {
        minLength: 'must have at least {} characters',
        maxLength: 'must have at most {} characters',
        minimum: 'must be at least {}',
        maximum: 'must be at most {}',
        exclusiveMinimum: 'must be greater than {}',
        exclusiveMaximum: 'must be less than {}',
        minItems: 'must have at least {} items',
        maxItems: 'must have at most {} items',
        minProperties: 'must have at least {} entries',
        maxProperties: 'must have at most {} entries',
      }
      const limit = params.limit
      // "at least 1 item", "at least 2 items"
      const text = words[e.keyword]!.replace('{}', String(limit)).replace(/(characters|items|entries)$/, (w) =>
        limit === 1 ? { characters: 'character', items: 'item', entries: 'entry' }[w]! : w,
      )
      return {
        pointer: p,
        keyword: e.keyword,
        message: `${where} ${text}`,
        hint: desc,
      }
    }
    case 'uniqueItems':
      return {
        pointer: p,
        keyword: 'uniqueItems',
        message: `${where} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`,
        hint: 'It is a set: remove the duplicate.',
      }
    case 'not': {
      const node = e.location ? schemaAt(`${e.location}/not`) : undefined
      const req = node && Array.isArray(node.required) ? node.required : []
      if (req.length === 1) {
        const child = joinPointer(p, String(req[0]))
        return {
          pointer: child,
          keyword: 'not',
          message: `${readablePath(child)} is not allowed here${because}`,
          hint: `Remove "${String(req[0])}".`,
          atKey: true,
        }
      }
      return { pointer: p, keyword: 'not', message: `${where} is not allowed in this form${because}`, hint: desc }
    }
    case 'false schema':
      return { pointer: p, keyword: 'false', message: `${where} is not allowed here`, hint: 'Remove it.' }
    default:
      return { pointer: p, keyword: e.keyword, message: `${where} ${e.message ?? 'is invalid'}`, hint: desc }
  }
}

export type ExplainOptions = {
  file: string
  sourceMap?: SourceMap
  fa: FormatAjv
  /** The value validated (the whole file), to pick oneOf branches. */
  data: unknown
  /** Prefix of every pointer (for errors from validating a part of the file). */
  base?: string
  rulePrefix?: string
}

/** Readable, located problems from the errors of one ajv validation (rule `schema.<keyword>`). */
export function explainAjvErrors(errors: readonly ErrorObject[], options: ExplainOptions): Problem[] {
  const { fa, file, sourceMap } = options
  const base = options.base ?? ''
  const located: Located[] = errors.map((e) => ({
    ...e,
    instancePath: base + e.instancePath,
    location: fa.locationOf(e.parentSchema),
  }))
  const custom: Custom[] = []
  const propertyNameErrors = located.filter((e) => 'propertyName' in e && e.keyword !== 'propertyNames')
  const kept = simplify(
    located.filter((e) => !propertyNameErrors.includes(e)),
    options.data,
    fa,
    base,
    custom,
  )
  const explained: Custom[] = []
  for (const e of kept) {
    const c = explainOne(e)
    if (!c) continue
    if (e.keyword === 'propertyNames') {
      const inner = propertyNameErrors.find(
        (x) =>
          x.instancePath === e.instancePath &&
          (x as { propertyName?: string }).propertyName === (e.params as { propertyName?: string }).propertyName,
      )
      c.hint =
        (inner?.location && patternHints[inner.location]) || (inner ? explainOne(inner)?.hint : '') || 'Rename the key.'
    }
    explained.push(c)
  }
  const seen = new Set<string>()
  const out: Problem[] = []
  for (const c of [...custom, ...explained]) {
    const key = `${c.pointer}|${c.keyword}|${c.message}`
    if (seen.has(key)) continue
    seen.add(key)
    const where = c.atKey ? sourceMap?.locateKey(c.pointer) : sourceMap?.locate(c.pointer)
    const prefix = options.rulePrefix ?? 'schema'
    out.push(
      problem({
        severity: 'error',
        code: `${prefix}-${c.keyword.replace(/\s+/g, '-')}`,
        rule: `${prefix}.${c.keyword.replace(/\s+/g, '-')}`,
        message: c.message,
        hint: c.hint,
        file,
        pointer: c.pointer,
        ...(where ? { line: where.line, column: where.column } : {}),
      }),
    )
  }
  return out
}
