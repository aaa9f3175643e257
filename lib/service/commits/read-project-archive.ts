import { unzipSync } from 'fflate'
import { parseOurJson } from '../../formats'
import { CommitErrorCode, type CommitResult, fail, ok } from './commit-result'

/** Bounds on what an import accepts; checked before inflating (declared sizes) and again after. */
export const archiveLimits = {
  archiveBytes: 20 * 1024 * 1024,
  totalBytes: 64 * 1024 * 1024,
  fileBytes: 16 * 1024 * 1024,
  files: 5_000,
} as const
export type ArchiveLimits = { [K in keyof typeof archiveLimits]: number }

/** One file of an uploaded folder or archive: its relative path as sent, and its bytes. */
export interface ProjectEntry {
  path: string
  bytes: Uint8Array
}

export interface ProjectArchive {
  files: Record<string, string>
  /** Entries left out on purpose: hidden files (a segment starting with '.') and `__MACOSX/` metadata. */
  skipped: string[]
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const MANIFEST = 'backplane.json'

/** Why a path is unsafe or unusable, or undefined when it is a plain relative path. */
function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'an entry has an empty name'
  if (path.includes('\0')) return `${JSON.stringify(path)}: a file name with a NUL character`
  if (path.includes('\\')) return `${path}: backslashes are not allowed in paths (use /)`
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return `${path}: an absolute path`
  const segments = path.split('/')
  if (segments.some((s) => s === '..')) return `${path}: a path leaving the project folder (..)`
  if (segments.some((s) => s === '' || s === '.')) return `${path}: an empty or '.' path segment`
  return undefined
}

function junk(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((s) => s.startsWith('.'))
}

/**
 * Checks the entries of an uploaded folder (or an unzipped archive) and turns them into project files: every path
 * relative and inside the folder (no `..`, absolute paths, backslashes, duplicates), every file UTF-8 text, limits
 * on count and size, and a readable `backplane.json` at the root — or under one top folder, which is then
 * stripped (`shop/backplane.json` → `backplane.json`). Hidden files and `__MACOSX/` are skipped and listed. Refusals
 * are values (`invalid-archive` / `archive-too-large`) naming the first offending entry. Pure.
 */
export function readProjectEntries(
  entries: readonly ProjectEntry[],
  limits: ArchiveLimits = archiveLimits,
): CommitResult<ProjectArchive> {
  const kept: ProjectEntry[] = []
  const skipped: string[] = []
  const seen = new Set<string>()
  let total = 0
  for (const entry of entries) {
    if (entry.path.endsWith('/')) continue
    const problem = pathProblem(entry.path)
    if (problem) return fail(CommitErrorCode.invalidArchive, problem)
    if (seen.has(entry.path)) return fail(CommitErrorCode.invalidArchive, `${entry.path}: appears twice`)
    seen.add(entry.path)
    if (junk(entry.path)) {
      skipped.push(entry.path)
      continue
    }
    if (entry.bytes.byteLength > limits.fileBytes) {
      return fail(CommitErrorCode.archiveTooLarge, `${entry.path}: larger than ${limits.fileBytes} bytes`)
    }
    total += entry.bytes.byteLength
    if (total > limits.totalBytes) {
      return fail(CommitErrorCode.archiveTooLarge, `the files add up to more than ${limits.totalBytes} bytes`)
    }
    kept.push(entry)
  }
  if (kept.length > limits.files) {
    return fail(CommitErrorCode.archiveTooLarge, `more than ${limits.files} files`)
  }
  let prefix = ''
  if (!kept.some((e) => e.path === MANIFEST)) {
    const tops = new Set(kept.map((e) => e.path.split('/')[0]))
    const [top] = tops
    if (tops.size === 1 && top !== undefined && kept.some((e) => e.path === `${top}/${MANIFEST}`)) prefix = `${top}/`
    else return fail(CommitErrorCode.invalidArchive, `no ${MANIFEST} at the top of the project folder`)
  }
  const files: Record<string, string> = {}
  for (const entry of kept) {
    let text: string
    try {
      text = utf8.decode(entry.bytes)
    } catch {
      return fail(CommitErrorCode.invalidArchive, `${entry.path}: not UTF-8 text (a project holds only text files)`)
    }
    files[entry.path.slice(prefix.length)] = text
  }
  const manifest = parseOurJson({ path: MANIFEST, text: files[MANIFEST] ?? '' })
  const value = manifest.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const first = manifest.problems[0]
    const where = first?.line !== undefined ? `:${first.line}:${first.column ?? 1}` : ''
    return fail(
      CommitErrorCode.invalidArchive,
      `${MANIFEST}${where}: ${first?.message ?? 'not a JSON object'}`,
      manifest.problems,
    )
  }
  return ok({ files, skipped })
}

/**
 * Opens an uploaded `.zip` without trusting it: refuses a too-big archive before reading it, entries whose declared
 * size breaks the limits before inflating them, anything fflate cannot read (not a zip, corrupt, encrypted or an
 * unsupported compression), then applies readProjectEntries. Pure.
 */
export function readProjectArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits = archiveLimits,
): CommitResult<ProjectArchive> {
  if (bytes.byteLength > limits.archiveBytes) {
    return fail(CommitErrorCode.archiveTooLarge, `the archive is larger than ${limits.archiveBytes} bytes`)
  }
  let declared = 0
  let tooBig: string | undefined
  let unzipped: Record<string, Uint8Array>
  try {
    unzipped = unzipSync(bytes, {
      filter(file) {
        declared += file.originalSize
        if (file.originalSize > limits.fileBytes) tooBig ??= `${file.name}: larger than ${limits.fileBytes} bytes`
        else if (declared > limits.totalBytes) tooBig ??= `the files add up to more than ${limits.totalBytes} bytes`
        return tooBig === undefined
      },
    })
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    return fail(CommitErrorCode.invalidArchive, `not a readable .zip archive (${reason})`)
  }
  if (tooBig) return fail(CommitErrorCode.archiveTooLarge, tooBig)
  return readProjectEntries(
    Object.entries(unzipped).map(([path, data]) => ({ path, bytes: data })),
    limits,
  )
}
