import { quoteName } from './check-expression'
import { expressionFunctions } from './expression-functions'
import { type ExpressionScope, runFields } from './expression-scope'
import { listFields, lookupField } from './schema-fields'

export type CompletionKind = 'root' | 'node' | 'field' | 'function'

export type CompletionItem = { label: string; insertText: string; kind: CompletionKind; detail?: string }

/** The items to offer and the range [from, to) of the text they replace. */
export type Completions = { from: number; to: number; items: CompletionItem[] }

type Chain = { segments: string[]; partial: string; from: number }

/** Reads the dotted path that ends at `offset` (e.g. nodes.`save-order`.to|) backwards. */
function chainBefore(text: string, offset: number): Chain {
  let i = offset
  const word = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c)
  while (i > 0 && word(text[i - 1])) i--
  let from = i
  let partial = text.slice(i, offset)
  // An unfinished backtick name: `save-or|
  const tick = text.lastIndexOf('`', offset - 1)
  if (tick >= 0 && text.slice(0, tick).split('`').length % 2 === 1 && !text.slice(tick + 1, offset).includes('`')) {
    from = tick
    partial = text.slice(tick + 1, offset)
    i = tick
  }
  const segments: string[] = []
  while (i > 0 && text[i - 1] === '.') {
    let j = i - 1
    // A filter or index (`items[0].`, `items[qty > 1].`) keeps the type of the step before it: skip it.
    while (text[j - 1] === ']') {
      let depth = 0
      let k = j - 1
      for (; k >= 0; k--) {
        if (text[k] === ']') depth++
        else if (text[k] === '[' && --depth === 0) break
      }
      if (k < 0) return { segments: [], partial, from }
      j = k
    }
    if (text[j - 1] === '`') {
      const open = text.lastIndexOf('`', j - 2)
      if (open < 0) break
      segments.unshift(text.slice(open + 1, j - 1))
      i = open
      continue
    }
    let k = j
    while (k > 0 && word(text[k - 1])) k--
    if (k === j) break
    segments.unshift(text.slice(k, j))
    i = k
    j = k
  }
  return { segments, partial, from }
}

function fieldsAt(schema: unknown, path: readonly string[]): unknown {
  let current: unknown = schema
  for (const seg of path) {
    const r = lookupField(current, schema, seg)
    if (r.kind !== 'found') return undefined
    current = r.schema
  }
  return current
}

function fieldItems(root: unknown, path: readonly string[]): CompletionItem[] {
  if (root === undefined) return []
  const at = fieldsAt(root, path)
  if (at === undefined) return []
  return listFields(at, root).map((f) => {
    const item: CompletionItem = { label: f.name, insertText: quoteName(f.name), kind: 'field' }
    const detail = [f.type, f.description].filter(Boolean).join(' — ')
    if (detail) item.detail = detail
    return item
  })
}

/** The schema behind a path text such as `input.items` or nodes.`load`.rows (for lambda parameters). */
function schemaOfPath(pathText: string, scope: ExpressionScope): { root: unknown; path: string[] } | undefined {
  const chain = chainBefore(`${pathText}.`, pathText.length + 1)
  const [root, ...rest] = chain.segments
  if (root === 'input') return { root: scope.input, path: rest }
  if (root === 'item') return { root: scope.item?.schema, path: rest }
  if (root === 'nodes' && rest[0] !== undefined) return { root: scope.nodes[rest[0]]?.output, path: rest.slice(1) }
  return undefined
}

/**
 * `$map(input.items, function($i){ $i.|`: the parameter of an inline lambda given to a higher-order built-in is
 * one item of its first argument, when that argument is a plain path into a known schema.
 */
function lambdaParameterSchema(
  text: string,
  offset: number,
  variable: string,
  scope: ExpressionScope,
): { root: unknown; path: string[] } | undefined {
  const name = variable.slice(1)
  const pattern = new RegExp(
    `\\$(map|filter|single|sift|sort|each)\\(\\s*([^,()]+?)\\s*,\\s*(?:function|λ)\\s*\\(\\s*\\$${name}\\b`,
    'g',
  )
  let found: RegExpExecArray | undefined
  for (const m of text.slice(0, offset).matchAll(pattern)) found = m
  if (!found?.[2]) return undefined
  return schemaOfPath(found[2], scope)
}

/**
 * Autocomplete for the expression context at `offset`: root names (input, nodes, item inside for-each, run),
 * node ids available here and their output fields, input and item fields from their schemas, run fields, and the
 * allowed functions after `$`. Node ids with hyphens are inserted quoted (`save-order`). Pure; never throws.
 */
export function completionsAt(text: string, offset: number, scope: ExpressionScope): Completions {
  const at = Math.max(0, Math.min(offset, text.length))
  const { segments, partial, from } = chainBefore(text, at)
  let to = at
  while (to < text.length && /[A-Za-z0-9_]/.test(text[to] ?? '')) to++
  let items: CompletionItem[] = []
  const lambdaItem = segments[0]?.startsWith('$') ? lambdaParameterSchema(text, at, segments[0], scope) : undefined
  if (lambdaItem !== undefined) {
    items = fieldItems(lambdaItem.root, [...lambdaItem.path, ...segments.slice(1)])
  } else if (segments.length === 0) {
    if (partial.startsWith('$')) {
      items = [...expressionFunctions.allowed]
        .sort()
        .map((name) => ({ label: name, insertText: name, kind: 'function' as const }))
    } else {
      items = [
        { label: 'input', insertText: 'input', kind: 'root', detail: 'the process input' },
        { label: 'nodes', insertText: 'nodes', kind: 'root', detail: 'outputs of nodes that ran before' },
        ...(scope.item
          ? [{ label: 'item', insertText: 'item', kind: 'root' as const, detail: 'the current for-each item' }]
          : []),
        { label: 'run', insertText: 'run', kind: 'root', detail: 'run.id, run.startedAt' },
      ]
    }
  } else {
    const [root, ...rest] = segments
    if (root === 'input') items = fieldItems(scope.input, rest)
    else if (root === 'item' && scope.item) items = fieldItems(scope.item.schema, rest)
    else if (root === 'run' && rest.length === 0)
      items = runFields.map((f) => ({ label: f, insertText: f, kind: 'field' as const }))
    else if (root === 'nodes' && rest.length === 0)
      items = Object.keys(scope.nodes)
        .sort()
        .map((id) => ({ label: id, insertText: quoteName(id), kind: 'node' as const }))
    else if (root === 'nodes') {
      const [id, ...path] = rest
      const node = id === undefined ? undefined : scope.nodes[id]
      if (node) items = fieldItems(node.output, path)
    }
  }
  const needle = partial.toLowerCase()
  return { from, to, items: items.filter((i) => i.label.toLowerCase().startsWith(needle)) }
}
