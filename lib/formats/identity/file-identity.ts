import canonicalize from 'canonicalize'
import { parseOurJson } from '../parse-our-json'
import { parseDataText } from '../spec/parse-data-text'
import { formatKindOfPath } from '../validate/format-paths'
import { blobSha256 } from './sha256'

/** The RFC 8785 (JCS) text of a value, or undefined when JCS cannot express it (NaN, lone surrogates). */
export function jcs(value: unknown): string | undefined {
  try {
    return canonicalize(value)
  } catch {
    return undefined
  }
}

function parsedContent(path: string, text: string): unknown {
  if (formatKindOfPath(path)) return parseOurJson({ path, text }).value
  if (/\.(json|ya?ml)$/i.test(path)) return parseDataText({ path, text }).value
  return undefined
}

/**
 * A file's identity (DESIGN §3): sha256 hex of the JCS form of its parsed content, so whitespace, key order and
 * JSON-vs-YAML layout do not change it. Text that does not parse (or other files) is identified by its raw
 * bytes, prefixed `raw:` so the two kinds can never collide.
 */
export async function fileIdentity(path: string, text: string): Promise<string> {
  const value = parsedContent(path, text)
  const canonical = value === undefined ? undefined : jcs(value)
  return canonical === undefined ? blobSha256(`raw:${text}`) : blobSha256(canonical)
}

/**
 * A project's identity: sha256 of the JCS of `{ path: fileIdentity }` over every file but canvas.json (layout never
 * changes meaning). Hidden files (a path segment starting with '.') are left out, as readProject leaves them out.
 */
export async function projectIdentity(files: Readonly<Record<string, string>>): Promise<string> {
  const ids: Record<string, string> = {}
  for (const path of Object.keys(files).sort()) {
    if (path === 'canvas.json' || path.split('/').some((s) => s.startsWith('.'))) continue
    ids[path] = await fileIdentity(path, files[path] ?? '')
  }
  return blobSha256(jcs(ids) ?? '')
}
