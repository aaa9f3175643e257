import type { DatabaseFile, ManifestFile, ProcessFile, QueueFile } from '../formats'
import type { SpecIndex } from '../formats/spec/index-spec'

/** 1-based line/column plus the 0-based offset of a value in its file. */
export type Located = { line: number; column: number; offset: number }

/**
 * One file of the project as the rules see it. `value` is set only when the file passed its schema, so rules
 * read typed data; `raw` is whatever parsed (names of broken files still count, so one broken file does not
 * cascade into "unknown process" everywhere).
 */
export type ProjectFile<T> = {
  path: string
  text: string
  raw: unknown
  value?: T
  /** Location of the value at `pointer` (or of its nearest existing ancestor). */
  locate(pointer: string): Located | undefined
  /** Line/column of an offset in `text`. */
  locateOffset(offset: number): Located
}

export type ApiEntry = {
  name: string
  id?: string
  type: 'rest' | 'event'
  file: string
  /** Set when the spec parsed and is of a supported version. */
  index?: SpecIndex
  /** The spec document (resolves `$ref`s inside indexed schemas). */
  document?: unknown
  /** Pointer → line/column in the spec file. */
  locate?: (pointer: string) => { line: number; column: number } | undefined
}

/** The project, classified by kind; keyed by file path (names may collide, which is a problem of its own). */
export type ProjectModel = {
  manifest?: ProjectFile<ManifestFile>
  processes: ProjectFile<ProcessFile>[]
  databases: ProjectFile<DatabaseFile>[]
  queues: ProjectFile<QueueFile>[]
  apis: ApiEntry[]
}

/** The declared name; for a file that did not even parse, the name its file name gives. */
export function nameOf(file: ProjectFile<unknown>): string | undefined {
  const raw = file.raw
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined
  if (typeof name === 'string') return name
  if (raw !== undefined) return undefined
  return /([^/]+)\.(process|database|queue)\.json$/.exec(file.path)?.[1]
}

/** First file of a kind with this name (duplicates are reported by the names rule). */
export function byName<T>(files: readonly ProjectFile<T>[], name: string): ProjectFile<T> | undefined {
  return files.find((f) => nameOf(f) === name)
}
