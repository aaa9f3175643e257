// The CLI's one seam to the pure core (lib/formats, lib/validation, lib/doc). Commands speak FolderFile lists;
// the core speaks { path: text } maps. Nothing here re-implements a format rule: it adapts shapes and adds the
// few problems that only a shell can see (a file that is not UTF-8 text).
import * as Y from 'yjs'
import { newId } from '../../lib/db/new-id'
import { exportProject } from '../../lib/doc/export-project'
import { importProject } from '../../lib/doc/import-project'
import { printCanonicalJson } from '../../lib/formats/canonical/print-canonical-json'
import type { SpecKind, SpecSerialization } from '../../lib/formats/spec'
import type { ManifestFile } from '../../lib/formats/types'
import { validateFormatFile } from '../../lib/formats/validate/validate-format-file'
import { type Problem, problem } from '../../lib/problems'
import type { FolderFile } from './read-project-folder'

export type ProjectFiles = Record<string, string>

export function toFileMap(files: readonly FolderFile[]): ProjectFiles {
  return Object.fromEntries(files.map((f) => [f.path, f.text]))
}

export function toFolderFiles(files: Readonly<ProjectFiles>): FolderFile[] {
  return Object.keys(files)
    .sort()
    .map((path) => ({ path, text: files[path] ?? '' }))
}

/** backplane.json and canvas.json of a new, empty project, printed canonically. */
export function newProjectFiles({ name }: { name: string }): { files: FolderFile[]; projectId: string } {
  const projectId = newId('prj')
  const manifest: ManifestFile = { format: 'backplane.project/v1', id: projectId, name, description: '', apis: {} }
  return {
    projectId,
    files: [
      { path: 'backplane.json', text: printCanonicalJson('manifest', manifest) },
      { path: 'canvas.json', text: printCanonicalJson('canvas', { format: 'backplane.canvas/v1', canvases: {} }) },
    ],
  }
}

export type ReadManifest = { value?: ManifestFile; problems: Problem[] }

/** Parses and validates backplane.json alone (add-api needs a sound manifest to add to). */
export function readManifestFile(text: string): ReadManifest {
  const result = validateFormatFile({ path: 'backplane.json', text })
  if (!result.valid || result.value === undefined) return { problems: result.problems }
  return { value: result.value as ManifestFile, problems: result.problems }
}

/**
 * The manifest with one more API surface (a new id), printed canonically, and the spec's path. A name that is
 * taken is an error value, not a throw.
 */
export function addApiToManifest(
  manifest: ReadManifest,
  api: { name: string; kind: SpecKind; serialization: SpecSerialization },
): { id: string; file: string; manifestText: string } | { error: string; hint: string } {
  const value = manifest.value
  if (value === undefined) return { error: 'backplane.json is not valid', hint: 'run: backplane validate <dir>' }
  if (Object.hasOwn(value.apis, api.name)) {
    return {
      error: `backplane.json already has an API surface named ${JSON.stringify(api.name)}`,
      hint: 'pass another --name',
    }
  }
  const file = `apis/${api.name}.${api.kind}.${api.serialization === 'json' ? 'json' : 'yaml'}`
  const taken = Object.entries(value.apis).find(([, surface]) => surface.file === file)
  if (taken !== undefined) {
    return {
      error: `${file} is already the file of API surface ${JSON.stringify(taken[0])}`,
      hint: 'pass another --name',
    }
  }
  const id = newId('api')
  const next: ManifestFile = {
    ...value,
    apis: { ...value.apis, [api.name]: { id, type: api.kind === 'openapi' ? 'rest' : 'event', file } },
  }
  return { id, file, manifestText: printCanonicalJson('manifest', next) }
}

/** What only the shell can see: files that are not UTF-8 text never reach the core. */
export function binaryFileProblems(paths: readonly string[]): Problem[] {
  return paths.map((file) =>
    problem({
      severity: 'error',
      code: 'file-not-utf8',
      rule: 'file.not-utf8',
      message: 'This file is not UTF-8 text; no Backplane format can hold it.',
      hint: 'Move it out of the project folder (designs, specs and notes are text files).',
      file,
    }),
  )
}

/** Every problem of the project (lib/validation). */
export async function validateProjectFiles(files: readonly FolderFile[]): Promise<Problem[]> {
  const problems: Problem[] = []
  for (const file of files) problems.push(...validateFormatFile({ path: file.path, text: file.text }).problems)
  return problems
}

/** The canonical form of every file (fmt); files that cannot be formatted keep their text and have problems. */
export function formatProjectFiles(files: readonly FolderFile[]): { files: FolderFile[]; problems: Problem[] } {
  const problems: Problem[] = []
  const out = files.map((file) => {
    const result = validateFormatFile({ path: file.path, text: file.text })
    if (result.kind === undefined || result.value === undefined) {
      problems.push(...result.problems.filter((p) => p.rule.startsWith('json.')))
      return file
    }
    return { path: file.path, text: printCanonicalJson(result.kind, result.value) }
  })
  return { files: out, problems }
}

export type HashResult = { files: { path: string; identity: string }[]; project: string; problems: Problem[] }

export function hashProjectFiles(_files: readonly FolderFile[]): HashResult {
  return { files: [], project: '', problems: [] }
}

/** folder -> Y.Doc (importProject) -> one Yjs update. */
export function packProjectFiles(files: readonly FolderFile[]): { update?: Uint8Array; problems: Problem[] } {
  const { doc, problems } = importProject(toFileMap(files))
  const blocking = problems.filter((p) => p.severity === 'error' && p.rule.endsWith('.syntax'))
  if (blocking.length > 0) return { problems }
  return { update: Y.encodeStateAsUpdate(doc), problems: problems.filter((p) => p.severity !== 'error') }
}

/** Yjs update -> fresh Y.Doc -> exportProject. A malformed update is an error value, never a throw. */
export function unpackUpdate(bytes: Uint8Array): { files?: FolderFile[]; error?: string; problems: Problem[] } {
  if (bytes.byteLength === 0) return { error: 'empty file, not a Yjs update', problems: [] }
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, bytes)
  } catch (error) {
    return { error: `not a Yjs update (${error instanceof Error ? error.message : String(error)})`, problems: [] }
  }
  const files = exportProject(doc)
  if (Object.keys(files).length === 0 || files['backplane.json'] === undefined) {
    return { error: 'a Yjs update, but not a Backplane design document (it holds no project)', problems: [] }
  }
  return { files: toFolderFiles(files), problems: [] }
}
