/**
 * Generates docs/formats.md from schemas/ (and the examples in lib/formats/examples, printed canonically).
 * `--check` writes nothing and exits 1 when the file would change (run by `npm run gen:check`).
 * The page is derived, never edited by hand: what it says is what the schemas say.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mapOrder, setArrays } from '../lib/formats/canonical/order-rules'
import { printCanonicalJson } from '../lib/formats/canonical/print-canonical-json'
import { exampleFiles } from '../lib/formats/examples/example-files'
import { nodeKinds } from '../lib/formats/process/node-kinds'
import { type FormatKind, formatTag, schemaFileOf, schemaFiles } from '../lib/formats/schemas'
import { validateFormatFile } from '../lib/formats/validate/validate-format-file'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outPath = join(root, 'docs/formats.md')

type S = Record<string, unknown>
const isObj = (v: unknown): v is S => typeof v === 'object' && v !== null && !Array.isArray(v)

function at(loc: string): S | undefined {
  const [file, pointer = ''] = loc.split('#')
  let node: unknown = schemaFiles[file ?? '']
  for (const seg of pointer.split('/').slice(1))
    node = isObj(node) || Array.isArray(node) ? (node as S)[seg] : undefined
  return isObj(node) ? node : undefined
}

function resolve(from: string, ref: string): string {
  const file = from.slice(0, from.indexOf('#'))
  return ref.startsWith('#') ? `${file}${ref}` : ref
}

const defKey = (loc: string) => loc.slice(loc.lastIndexOf('/') + 1)
const pascal = (k: string) => k.charAt(0).toUpperCase() + k.slice(1)

/** Heading name of a documented definition, and its anchor. */
function defName(loc: string): string {
  const s = at(loc)
  return typeof s?.title === 'string' ? s.title : pascal(defKey(loc))
}
const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')

/** Definitions that get their own section (objects with properties, and unions of them). */
const documented = new Set<string>()

function esc(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

function typeText(loc: string): string {
  const s = at(loc)
  if (!s) return ''
  if (typeof s.$ref === 'string') {
    const target = resolve(loc, s.$ref)
    if (target === 'common.schema.json#/$defs/jsonSchema') return 'JSON Schema (verbatim)'
    if (documented.has(target)) return `[${defName(target)}](#${anchor(defName(target))})`
    const t = at(target)
    const scalar = t && (t.type === 'string' || t.type === 'number' || t.type === 'integer')
    return `${typeText(target)}${scalar ? ` (${defKey(target)})` : ''}`
  }
  if ('const' in s) return `\`${JSON.stringify(s.const)}\``
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' | ')
  for (const word of ['oneOf', 'anyOf'] as const) {
    const list = s[word]
    if (Array.isArray(list) && !list.every((b) => isObj(b) && Object.keys(b).every((k) => k === 'required'))) {
      return list.map((_, i) => typeText(`${loc}/${word}/${i}`)).join(' or ')
    }
  }
  if (s.type === 'array' && isObj(s.items)) {
    const set = setArrays[loc] ? ', a set (printed sorted)' : ''
    return `array of ${typeText(`${loc}/items`)}${set}`
  }
  if (isObj(s.additionalProperties)) {
    const order = mapOrder[loc] === 'author' ? 'author order' : 'printed sorted'
    return `map of name → ${typeText(`${loc}/additionalProperties`)} (${order})`
  }
  if (s.type === 'object' && isObj(s.properties)) return `object { ${Object.keys(s.properties).join(', ')} }`
  if (Array.isArray(s.type)) return s.type.join(' or ')
  if (typeof s.type === 'string') return s.type
  return 'any'
}

function description(loc: string): string {
  const s = at(loc)
  if (!s) return ''
  if (typeof s.description === 'string') return s.description
  if (typeof s.$ref === 'string') {
    const target = at(resolve(loc, s.$ref))
    if (typeof target?.description === 'string' && !isObj(target.properties)) return target.description
  }
  return ''
}

/** Rows for the properties of the object schema at `loc`; inline nested objects are expanded as `a.b` rows. */
function rows(loc: string, prefix = ''): string[] {
  const s = at(loc)
  if (!s || !isObj(s.properties)) return []
  const required = new Set(Array.isArray(s.required) ? s.required : [])
  const out: string[] = []
  for (const name of Object.keys(s.properties)) {
    const p = `${loc}/properties/${name}`
    out.push(
      `| \`${prefix}${name}\` | ${esc(typeText(p))} | ${required.has(name) ? 'yes' : 'no'} | ${esc(description(p))} |`,
    )
    const child = at(p)
    if (child && isObj(child.properties) && typeof child.$ref !== 'string') out.push(...rows(p, `${prefix}${name}.`))
    const item = child && isObj(child.items) ? `${p}/items` : undefined
    if (item && isObj(at(item)?.properties)) out.push(...rows(item, `${prefix}${name}[].`))
    const value = child && isObj(child.additionalProperties) ? `${p}/additionalProperties` : undefined
    if (value && isObj(at(value)?.properties)) out.push(...rows(value, `${prefix}${name}.<name>.`))
  }
  return out
}

function table(loc: string): string {
  const r = rows(loc)
  if (r.length === 0) return ''
  return ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |', ...r].join('\n')
}

function defSection(loc: string, level: string): string {
  const s = at(loc)
  if (!s) return ''
  const name = defName(loc)
  const parts = [`${level} ${name}`, '']
  if (typeof s.description === 'string') parts.push(s.description, '')
  const union = Array.isArray(s.oneOf) ? s.oneOf : undefined
  if (union && !isObj(s.properties)) {
    parts.push(`One of: ${union.map((_, i) => typeText(`${loc}/oneOf/${i}`)).join(', ')}.`, '')
  }
  const t = table(loc)
  if (t) parts.push(t, '')
  const items = isObj(s.items) && isObj(s.items.properties) ? rows(`${loc}/items`, '[].') : []
  if (items.length)
    parts.push(['| Field | Type | Required | Description |', '| --- | --- | --- | --- |', ...items].join('\n'), '')
  return parts.join('\n')
}

const formatInfo: Record<FormatKind, { heading: string; path: string }> = {
  manifest: { heading: 'Manifest — `backplane.json`', path: 'backplane.json' },
  process: { heading: 'Process — `processes/<name>.process.json`', path: 'processes/<name>.process.json' },
  database: {
    heading: 'Database block — `infra/databases/<name>.database.json`',
    path: 'infra/databases/<name>.database.json',
  },
  queue: { heading: 'Queue block — `infra/queues/<name>.queue.json`', path: 'infra/queues/<name>.queue.json' },
  canvas: { heading: 'Canvas layout — `canvas.json`', path: 'canvas.json' },
}

function defsOf(file: string): string[] {
  const defs = schemaFiles[file]?.$defs
  return isObj(defs) ? Object.keys(defs).map((k) => `${file}#/$defs/${k}`) : []
}

function isDocumentable(loc: string): boolean {
  const s = at(loc)
  if (!s) return false
  if (isObj(s.properties)) return true
  const titled = typeof s.title === 'string'
  return titled && (Array.isArray(s.oneOf) || (isObj(s.items) && isObj(s.items.properties)))
}

/** type → models and model → trigger kinds, read from the if/then blocks of process.schema.json. */
function combinations(): string {
  const types = (at('process.schema.json#/properties/type')?.enum as string[]) ?? []
  const models = (at('process.schema.json#/$defs/execution/properties/model')?.enum as string[]) ?? []
  const allowedValues = (s: S | undefined): string[] | undefined =>
    s ? ('const' in s ? [String(s.const)] : Array.isArray(s.enum) ? s.enum.map(String) : undefined) : undefined
  const byType = new Map<string, { models?: string[]; triggers?: string[] }>()
  const rootAllOf = (schemaFiles['process.schema.json']?.allOf as S[]) ?? []
  for (const rule of rootAllOf) {
    const ifType = allowedValues((rule.if as S)?.properties ? (((rule.if as S).properties as S).type as S) : undefined)
    const exec = (((rule.then as S)?.properties as S)?.execution as S)?.properties as S | undefined
    for (const t of ifType ?? []) {
      byType.set(t, {
        ...(allowedValues(exec?.model as S) ? { models: allowedValues(exec?.model as S) } : {}),
        ...(allowedValues(((exec?.trigger as S)?.properties as S)?.kind as S)
          ? { triggers: allowedValues(((exec?.trigger as S)?.properties as S)?.kind as S) }
          : {}),
      })
    }
  }
  const byModel = new Map<string, string[]>()
  for (const rule of (at('process.schema.json#/$defs/execution')?.allOf as S[]) ?? []) {
    const ifModel = allowedValues(((rule.if as S)?.properties as S)?.model as S)
    const kinds = allowedValues(((((rule.then as S)?.properties as S)?.trigger as S)?.properties as S)?.kind as S)
    for (const m of ifModel ?? []) if (kinds) byModel.set(m, kinds)
  }
  const code = (xs: string[]) => xs.map((x) => `\`${x}\``).join(', ')
  const lines = ['| Process type | Execution models | Triggers |', '| --- | --- | --- |']
  for (const t of types) {
    const rule = byType.get(t)
    const ms = rule?.models ?? models
    const triggers = [...new Set(ms.flatMap((m) => byModel.get(m) ?? []))].filter(
      (k) => !rule?.triggers || rule.triggers.includes(k),
    )
    lines.push(`| \`${t}\` | ${code(ms)} | ${code(triggers)} |`)
  }
  lines.push('', '| Execution model | Trigger kinds |', '| --- | --- |')
  for (const m of models) lines.push(`| \`${m}\` | ${code(byModel.get(m) ?? [])} |`)
  return lines.join('\n')
}

async function expressionSection(): Promise<string> {
  const fns = JSON.parse(await readFile(join(root, 'schemas/expression-functions.json'), 'utf8')) as {
    description: string
    forbidden: Record<string, string>
    higherOrder: string[]
    allowed: string[]
    limits?: Record<string, number>
  }
  const lines = [
    '## Expressions',
    '',
    'Expressions are JSONata, written as `{"expr": "…"}`, in a restricted, statically checked profile. They read one',
    'context: `input` (the process inputs), `nodes.<nodeId>` (outputs of nodes that ran before), `item` inside a',
    '`for-each` body, and `run` (`run.id`, `run.startedAt`, supplied deterministically by the interpreter).',
    '',
    fns.description,
    '',
    `Allowed functions (${fns.allowed.length}): ${fns.allowed.map((f) => `\`${f}\``).join(', ')}.`,
    '',
    `Higher-order functions, the only place a lambda may appear (inline, as an argument; no recursion): ${fns.higherOrder.map((f) => `\`${f}\``).join(', ')}.`,
    '',
    '| Refused function | Why |',
    '| --- | --- |',
    ...Object.entries(fns.forbidden).map(([f, why]) => `| \`${f}\` | ${esc(why)} |`),
  ]
  if (fns.limits) {
    lines.push(
      '',
      `Limits: ${Object.entries(fns.limits)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
    )
  }
  return lines.join('\n')
}

function orderingSection(): string {
  const lines = [
    '## Canonical form',
    '',
    'Every file of ours is printed deterministically (`backplane fmt`; `backplane fmt --check` fails otherwise): UTF-8,',
    'LF, 2-space indent, a trailing newline; our keys in schema order (the order of the tables on this page); keys the',
    'schema does not know are kept, after the known ones. Embedded JSON Schemas are printed verbatim, in the author’s',
    'order. Maps and sets:',
    '',
    '| Where | Order |',
    '| --- | --- |',
  ]
  for (const [loc, order] of Object.entries(mapOrder)) {
    lines.push(`| \`${loc}\` | ${order === 'sorted' ? 'keys sorted' : 'author order (meaningful)'} |`)
  }
  for (const [loc, order] of Object.entries(setArrays)) {
    lines.push(`| \`${loc}\` | set, sorted${order.kind === 'by' ? ` by ${order.fields.join(', ')}` : ''} |`)
  }
  lines.push(
    '',
    'Identities: a file’s identity is sha256 of the RFC 8785 (JCS) form of its parsed content; a project’s is sha256',
    'of the JCS of `{path: fileIdentity}` over all files but `canvas.json`.',
  )
  return lines.join('\n')
}

async function example(kind: FormatKind): Promise<string> {
  const entry = Object.entries(exampleFiles).find(([, e]) => e.kind === kind)
  if (!entry) throw new Error(`no example for ${kind}`)
  const [file, { path }] = entry
  const text = await readFile(join(root, 'lib/formats/examples', file), 'utf8')
  const checked = validateFormatFile({ path, text })
  if (!checked.valid) throw new Error(`example ${file} is invalid: ${JSON.stringify(checked.problems)}`)
  return [
    '#### Example',
    '',
    `\`${path}\`:`,
    '',
    '```json',
    printCanonicalJson(kind, JSON.parse(text)).trimEnd(),
    '```',
  ].join('\n')
}

async function generate(): Promise<string> {
  for (const file of Object.keys(schemaFiles)) for (const d of defsOf(file)) if (isDocumentable(d)) documented.add(d)
  const parts: string[] = [
    '<!-- Generated by scripts/gen-docs.ts from schemas/. DO NOT EDIT: change the schemas and run `npm run gen`. -->',
    '',
    '# Backplane file formats',
    '',
    'A project is a folder of canonical files (DESIGN §4). Our JSON files validate against the JSON Schemas (draft',
    '2020-12) in `schemas/`; each starts with its `format` and version. API surfaces are plain OpenAPI 3.x /',
    'AsyncAPI 3.x documents under `apis/`, listed in the manifest. Files reference elements by name; ids are',
    'immutable and random (`prc_…`, `db_…`).',
    '',
    '| File | Format |',
    '| --- | --- |',
    ...(Object.keys(formatInfo) as FormatKind[]).map((k) => `| \`${formatInfo[k].path}\` | \`${formatTag[k]}\` |`),
    '',
  ]
  for (const kind of Object.keys(formatInfo) as FormatKind[]) {
    const file = schemaFileOf[kind]
    const schema = schemaFiles[file] ?? {}
    parts.push(`## ${formatInfo[kind].heading}`, '')
    if (typeof schema.description === 'string') parts.push(schema.description, '')
    parts.push(table(`${file}#`), '')
    if (kind === 'process') {
      parts.push('### Valid combinations', '', combinations(), '')
      parts.push(
        '### Node kinds',
        '',
        'Side-effecting nodes and `call-process` require a `timeout` and may declare per-error retriers (`retry`, no',
        'retrier = no retry) and ordered catch routes (`catch`), whose ports edges can leave from.',
        '',
        '| Kind | Class | Ports | Output schema |',
        '| --- | --- | --- | --- |',
        ...nodeKinds.map(
          (n) =>
            `| [\`${n.kind}\`](#${anchor(`${pascal(n.kind.replace(/-(.)/g, (_, c: string) => c.toUpperCase()))}Node`)}) | ${n.class} | ${esc(n.ports)} | ${esc(n.output)} |`,
        ),
        '',
      )
    }
    for (const d of defsOf(file)) if (documented.has(d)) parts.push(defSection(d, '###'))
    parts.push(await example(kind), '')
  }
  parts.push('## Shared definitions', '')
  for (const d of defsOf('common.schema.json')) if (documented.has(d)) parts.push(defSection(d, '###'))
  const simple = defsOf('common.schema.json').filter(
    (d) => !documented.has(d) && d !== 'common.schema.json#/$defs/jsonSchema',
  )
  parts.push('| Definition | Type | Description |', '| --- | --- | --- |')
  for (const d of simple) {
    const s = at(d)
    const pattern = typeof s?.pattern === 'string' ? ` Pattern: \`${esc(s.pattern)}\`.` : ''
    parts.push(`| \`${defKey(d)}\` | ${esc(typeText(d))} | ${esc(description(d))}${pattern} |`)
  }
  parts.push('', await expressionSection(), '', orderingSection(), '')
  return parts.join('\n').replace(/\n{3,}/g, '\n\n')
}

async function main(): Promise<void> {
  const text = await generate()
  const current = await readFile(outPath, 'utf8').catch(() => undefined)
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('gen-docs: docs/formats.md is out of date. Run `npm run gen`.')
      process.exit(1)
    }
    return
  }
  if (current !== text) await writeFile(outPath, text)
  console.log(current === text ? 'gen-docs: up to date' : 'gen-docs: wrote docs/formats.md')
}

await main()
