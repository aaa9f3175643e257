import { type Problem, problem } from '../../problems'
import { escapePointerSegment, getAtSegments, isRecord, segmentsFromPointer, setOwn } from './json-pointer'
import { parseDataText } from './parse-data-text'
import type { SpecKind } from './spec'
import { collectRefs, isInternalRef, isRemoteRef, splitRef } from './spec-refs'
import { specRules } from './spec-rules'
import { locatePointer, type SpecSourceMap } from './spec-source-map'

/** One `$ref` rewritten by bundling: `pointer` holds the `$ref` in the result, which now says `target`. */
export type BundledRef = { ref: string; file: string; pointer: string; target: string }
export type BundleResult = { document: unknown; bundled: BundledRef[]; problems: Problem[] }

export type BundleOptions = {
  /** Path of the spec file; external refs resolve against its directory. */
  path: string
  /**
   * Reads a referenced file. Gets a normalized POSIX path relative to the directory of `path` (it may start with
   * '../'); returns the text, or undefined when there is no such file. Keeps bundling pure.
   */
  readFile: (relPath: string) => string | undefined
  kind?: SpecKind
  /** 'json' says the document shares no objects (straight from JSON.parse), which makes the ref scan faster. */
  serialization?: 'json' | 'yaml'
  sourceMap?: SpecSourceMap | undefined
}

type LoadedFile =
  | { status: 'ok'; value: unknown; sourceMap?: SpecSourceMap | undefined }
  | { status: 'missing' | 'invalid' }

function dirOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i === -1 ? '' : path.slice(0, i)
}

/** POSIX join + normalize of a relative path, keeping leading '..' segments. */
export function joinRelative(dir: string, rel: string): string {
  const parts: string[] = []
  for (const p of `${dir}/${rel}`.split('/')) {
    if (p === '' || p === '.') continue
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop()
    else parts.push(p)
  }
  return parts.join('/')
}

const schemaKeywords = new Set([
  'schema',
  'items',
  'properties',
  'patternProperties',
  'additionalProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'prefixItems',
  'contains',
  'if',
  'then',
  'else',
  '$defs',
  'definitions',
  'dependentSchemas',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  'payload',
  'schemas',
])

function openApiSection(site: readonly string[], version: string): string | undefined {
  const last = site[site.length - 1]
  const parent = site[site.length - 2]
  if (site[0] === 'components' && site.length === 3) return site[1]
  if (schemaKeywords.has(parent ?? '') || schemaKeywords.has(last ?? '')) return 'schemas'
  if (parent === 'parameters') return 'parameters'
  if (last === 'requestBody') return 'requestBodies'
  if (parent === 'responses') return 'responses'
  if (parent === 'headers') return 'headers'
  if (parent === 'examples') return 'examples'
  if (parent === 'links') return 'links'
  if (parent === 'callbacks') return 'callbacks'
  if ((site[0] === 'paths' || site[0] === 'webhooks') && site.length === 2) {
    // components/pathItems exists from 3.1; in 3.0 a path item is inlined where it is used.
    return /^3\.0\./.test(version) ? undefined : 'pathItems'
  }
  if (site.length > 2 && site[site.length - 4] === 'callbacks') return /^3\.0\./.test(version) ? undefined : 'pathItems'
  return 'schemas'
}

function asyncApiSection(site: readonly string[]): string | undefined {
  const last = site[site.length - 1]
  const parent = site[site.length - 2]
  if (site[0] === 'components' && site.length === 3) return site[1]
  if (site.length === 2 && (site[0] === 'channels' || site[0] === 'operations' || site[0] === 'servers')) return site[0]
  if (last === 'payload' || last === 'headers' || schemaKeywords.has(parent ?? '')) return 'schemas'
  if (parent === 'messages') return 'messages'
  if (parent === 'parameters') return 'parameters'
  if (parent === 'variables') return 'serverVariables'
  if (last === 'correlationId') return 'correlationIds'
  if (last === 'reply') return 'replies'
  if (last === 'address' && site.includes('reply')) return 'replyAddresses'
  if (parent === 'security' || parent === 'securitySchemes') return 'securitySchemes'
  if (last === 'externalDocs') return 'externalDocs'
  if (parent === 'tags') return 'tags'
  const owner = [...site]
    .reverse()
    .find((s) =>
      ['messages', 'operations', 'channels', 'servers', 'messageTraits', 'operationTraits', 'replies'].includes(s),
    )
  const ownerKind =
    owner === 'messageTraits' ? 'messages' : owner === 'operationTraits' || owner === 'replies' ? 'operations' : owner
  if (parent === 'traits') return ownerKind === 'operations' ? 'operationTraits' : 'messageTraits'
  if (last === 'bindings' && ownerKind !== undefined) return `${ownerKind.replace(/s$/, '')}Bindings`
  return 'schemas'
}

/** Segments of a ref's fragment (URI-decoded); a bare 'name' fragment is read as '/name', as several tools do. */
function fragmentSegmentsOf(fragment: string): string[] | undefined {
  return segmentsFromPointer(`#${fragment === '' || fragment.startsWith('/') ? fragment : `/${fragment}`}`)
}

function componentName(fragmentSegments: readonly string[], file: string): string {
  const raw =
    fragmentSegments[fragmentSegments.length - 1] ??
    (file.split('/').pop() ?? 'Bundled').replace(/\.(ya?ml|json)$/i, '').replace(/\.(schema|openapi|asyncapi)$/i, '')
  const clean = raw.replace(/[^A-Za-z0-9._-]/g, '_')
  return clean === '' ? 'Bundled' : clean
}

/**
 * Inlines every external `$ref` ('./common.yaml#/components/schemas/Error', './pet.json') into the document:
 * the target goes into `components/<section>/<name>` (the section from where the target lived or where it is
 * used; path items of OpenAPI 3.0 are inlined in place) and the ref becomes internal. Refs inside bundled
 * content are followed (relative to their own file; their internal refs mean their own file), each target is
 * bundled once, cycles end in internal refs. Missing files or targets and remote (http) refs are located error
 * problems. Returns the same document object when there is nothing to bundle; otherwise a new one (the input
 * is not mutated). Pure: files come through `readFile`.
 */
export function bundleExternalRefs(document: unknown, options: BundleOptions): BundleResult {
  const rootRefs = collectRefs(document, { mayShare: options.serialization !== 'json' })
  if (!rootRefs.some((r) => !isInternalRef(r.ref))) return { document, bundled: [], problems: [] }
  const result = structuredClone(document)
  if (!isRecord(result)) return { document, bundled: [], problems: [] }
  const kind: SpecKind = options.kind ?? (Object.hasOwn(result, 'asyncapi') ? 'asyncapi' : 'openapi')
  const version = String(result.openapi ?? result.asyncapi ?? '')
  const problems: Problem[] = []
  const bundled: BundledRef[] = []
  const files = new Map<string, LoadedFile>()
  const memo = new Map<string, string>()
  const rootDir = dirOf(options.path)
  const fileName = (rel: string) => (rootDir === '' ? rel : joinRelative(rootDir, rel))

  const components = (): Record<string, unknown> => {
    if (!isRecord(result.components)) setOwn(result, 'components', {})
    return result.components as Record<string, unknown>
  }

  const load = (file: string): LoadedFile => {
    const cached = files.get(file)
    if (cached !== undefined) return cached
    let text: string | undefined
    try {
      text = options.readFile(file)
    } catch {
      text = undefined
    }
    let loaded: LoadedFile = { status: 'missing' }
    if (text !== undefined) {
      const parsed = parseDataText({ path: fileName(file), text })
      problems.push(...parsed.problems.filter((p) => p.severity === 'error'))
      loaded =
        parsed.value === undefined
          ? { status: 'invalid' }
          : { status: 'ok', value: parsed.value, sourceMap: parsed.sourceMap }
    }
    files.set(file, loaded)
    return loaded
  }

  /** Where a ref site is, for problems: the root file, or the external file it came from. */
  type Origin = { file: string | undefined; pointer: string }
  const locate = (origin: Origin) => {
    const loaded = origin.file === undefined ? undefined : files.get(origin.file)
    const map = origin.file === undefined ? options.sourceMap : loaded?.status === 'ok' ? loaded.sourceMap : undefined
    return {
      file: origin.file === undefined ? options.path : fileName(origin.file),
      pointer: origin.pointer,
      ...(map ? locatePointer(map, origin.pointer) : {}),
    }
  }

  /**
   * Rewrites the `$ref` of `holder` (at `site` in the result). `contextFile` is the file the ref was written
   * in (undefined: the root spec), so relative paths and internal refs are read against it.
   */
  const rewrite = (
    holder: Record<string, unknown>,
    site: string[],
    contextFile: string | undefined,
    origin: Origin,
  ) => {
    const ref = holder.$ref
    if (typeof ref !== 'string') return
    if (contextFile === undefined && isInternalRef(ref)) return
    if (isRemoteRef(ref)) {
      problems.push(
        problem({
          severity: 'error',
          ...specRules.refRemote,
          message: `Remote $ref "${ref}" is not fetched: a project's spec must not depend on the network.`,
          hint: 'Download the referenced document next to the spec and reference it by relative path, then import again.',
          ...locate({ ...origin, pointer: `${origin.pointer}/$ref` }),
        }),
      )
      return
    }
    const { file: filePart, fragment } = splitRef(ref.replace(/^file:\/\//i, ''))
    const file =
      filePart === '' ? contextFile : joinRelative(contextFile === undefined ? '' : dirOf(contextFile), filePart)
    if (file === undefined) return
    const target = resolveTarget(file, fragment, site, origin, ref)
    if (target === undefined) return
    if (target.inline !== undefined) {
      // Inline in place (OpenAPI 3.0 path items): the holder takes the target's members, its own siblings win.
      delete holder.$ref
      for (const key of Object.keys(target.inline))
        if (!Object.hasOwn(holder, key)) setOwn(holder, key, target.inline[key])
      bundled.push({ ref, file: fileName(file), pointer: toPointer(site), target: toPointer(site) })
      walk(holder, site, file, target.originPointer)
      return
    }
    holder.$ref = `#${target.pointer}`
    bundled.push({ ref, file: fileName(file), pointer: toPointer(site), target: target.pointer })
  }

  const toPointer = (segments: readonly string[]) => segments.map((s) => `/${escapePointerSegment(s)}`).join('')

  type Target =
    | { pointer: string; inline?: undefined }
    | { pointer?: undefined; inline: Record<string, unknown>; originPointer: string }

  const resolveTarget = (
    file: string,
    fragment: string,
    site: string[],
    origin: Origin,
    ref: string,
  ): Target | undefined => {
    const fragmentSegments = fragmentSegmentsOf(fragment)
    if (fragmentSegments === undefined) {
      problems.push(
        problem({
          severity: 'error',
          ...specRules.refInvalid,
          message: `$ref "${ref}" has a fragment that is not a JSON pointer.`,
          hint: 'Write the fragment as a JSON pointer, e.g. `common.yaml#/components/schemas/Error`.',
          ...locate({ ...origin, pointer: `${origin.pointer}/$ref` }),
        }),
      )
      return undefined
    }
    const key = `${file}#${toPointer(fragmentSegments)}`
    const known = memo.get(key)
    if (known !== undefined) return { pointer: known }
    const loaded = load(file)
    if (loaded.status !== 'ok') {
      problems.push(
        problem({
          severity: 'error',
          ...specRules.refMissingFile,
          message: `$ref "${ref}" names the file ${fileName(file)}, which ${loaded.status === 'invalid' ? 'could not be parsed' : 'does not exist'}.`,
          hint:
            loaded.status === 'invalid'
              ? `Fix the syntax errors reported for ${fileName(file)}.`
              : 'Add the file (paths are relative to the file that holds the $ref), or fix the path.',
          ...locate({ ...origin, pointer: `${origin.pointer}/$ref` }),
        }),
      )
      return undefined
    }
    const value = getAtSegments(loaded.value, fragmentSegments)
    if (value === undefined) {
      problems.push(
        problem({
          severity: 'error',
          ...specRules.refMissingTarget,
          message: `$ref "${ref}": ${fileName(file)} has nothing at "${toPointer(fragmentSegments) || '/'}".`,
          hint: 'Fix the pointer after # (names are case-sensitive) or add the definition to that file.',
          ...locate({ ...origin, pointer: `${origin.pointer}/$ref` }),
        }),
      )
      return undefined
    }
    const fromSite = kind === 'openapi' ? openApiSection(site, version) : asyncApiSection(site)
    const inTargetFile =
      fragmentSegments[0] === 'components' && fragmentSegments.length === 3 ? fragmentSegments[1] : undefined
    const section = inTargetFile ?? fromSite
    const content = structuredClone(value)
    if (section === undefined) {
      if (!isRecord(content)) return undefined
      return { inline: content, originPointer: toPointer(fragmentSegments) }
    }
    const all = components()
    if (!isRecord(all[section])) setOwn(all, section, {})
    const bucket = all[section] as Record<string, unknown>
    const base = componentName(fragmentSegments, file)
    let name = base
    for (let i = 2; Object.hasOwn(bucket, name); i++) name = `${base}_${i}`
    setOwn(bucket, name, content)
    const pointer = toPointer(['components', section, name])
    memo.set(key, pointer)
    walk(content, ['components', section, name], file, toPointer(fragmentSegments))
    return { pointer }
  }

  /** The rest of the pointer when `ref` (written in `file`) points inside the content bundled from `origin`. */
  const pointerWithin = (ref: string, file: string, origin: string): string | undefined => {
    if (isRemoteRef(ref)) return undefined
    const { file: filePart, fragment } = splitRef(ref)
    if (filePart !== '' && joinRelative(dirOf(file), filePart) !== file) return undefined
    const segments = segmentsFromPointer(fragment === '' ? '' : fragment.startsWith('/') ? fragment : `/${fragment}`)
    if (segments === undefined) return undefined
    const target = toPointer(segments)
    if (target === origin) return ''
    return target.startsWith(`${origin}/`) ? target.slice(origin.length) : undefined
  }

  /** Rewrites refs inside content that came from `file` (its internal refs mean that file). */
  const walk = (content: unknown, site: string[], file: string, originPointer: string) => {
    for (const { pointer } of collectRefs(content)) {
      const segments = segmentsFromPointer(pointer) ?? []
      const holder = getAtSegments(content, segments)
      if (!isRecord(holder) || typeof holder.$ref !== 'string') continue
      const inner = pointerWithin(holder.$ref, file, originPointer)
      if (inner !== undefined) {
        // A ref into the same bundled content (a schema's own $defs, '#' recursion) keeps pointing into it.
        holder.$ref = `#${toPointer(site)}${inner}`
        continue
      }
      rewrite(holder, [...site, ...segments], file, { file, pointer: `${originPointer}${pointer}` })
    }
  }

  for (const { pointer, ref } of rootRefs) {
    if (isInternalRef(ref)) continue
    const segments = segmentsFromPointer(pointer) ?? []
    const holder = getAtSegments(result, segments)
    if (isRecord(holder)) rewrite(holder, segments, undefined, { file: undefined, pointer })
  }
  return { document: result, bundled, problems }
}
