// The CLI's one seam to the pure core (lib/formats, lib/validation, lib/doc). Commands speak FolderFile lists;
// the core speaks { path: text } maps. Nothing here re-implements a format rule: it adapts shapes and adds the
// few problems that only a shell can see (a file that is not UTF-8 text).

import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { exportProject, importProject, migrateDocument } from '../../lib/doc'
import {
  fileIdentity,
  fmtProject,
  type ManifestFile,
  newId as newIdFrom,
  printCanonicalJson,
  projectIdentity,
  validateFormatFile,
} from '../../lib/formats'
import type { SpecKind, SpecSerialization } from '../../lib/formats/spec'
import { type Problem, problem } from '../../lib/problems'
import { validateProject } from '../../lib/validation'
import type { FolderFile } from './read-project-folder'

export type ProjectFiles = Record<string, string>

/** lib stays pure: the randomness of new ids comes from here. */
function newId(prefix: string): string {
  return newIdFrom(prefix, (n) => new Uint8Array(randomBytes(n)))
}

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

/** Every problem of the project: formats, specs and the cross-file rules (lib/validation). */
export async function validateProjectFiles(files: readonly FolderFile[]): Promise<Problem[]> {
  return (await validateProject(toFileMap(files))).problems
}

/**
 * The canonical form of every file (lib/formats fmtProject). Files fmt cannot read keep their bytes and come
 * with the problems that say why.
 */
export function formatProjectFiles(files: readonly FolderFile[]): { files: FolderFile[]; problems: Problem[] } {
  const result = fmtProject(toFileMap(files))
  return { files: toFolderFiles(result.files), problems: result.problems }
}

export type HashResult = { files: { path: string; identity: string }[]; project: string; problems: Problem[] }

/**
 * Identities per DESIGN §3 (lib/formats fileIdentity/projectIdentity). A file of ours that does not parse would
 * only get a raw-bytes identity; `hash` refuses it instead, so a printed identity always means parsed content.
 */
export async function hashProjectFiles(files: readonly FolderFile[]): Promise<HashResult> {
  const problems: Problem[] = []
  for (const file of files) {
    if (file.path.endsWith('.json') || file.path.startsWith('apis/')) {
      const syntax = fmtProject({ [file.path]: file.text }).problems.filter(
        (p) => p.severity === 'error' && p.rule.endsWith('syntax'),
      )
      problems.push(...syntax)
    }
  }
  const map = toFileMap(files)
  const identities = []
  for (const file of files) identities.push({ path: file.path, identity: await fileIdentity(file.path, file.text) })
  return { files: identities, project: await projectIdentity(map), problems }
}

/**
 * folder -> Y.Doc (importProject) -> one Yjs update. Never refuses: an invalid design, and even a file that does
 * not parse (kept verbatim by importProject), is packed as it is — the working copy may be invalid. The problems
 * importProject noticed come back for the shell to show.
 */
export function packProjectFiles(files: readonly FolderFile[]): { update: Uint8Array; problems: Problem[] } {
  const { doc, problems } = importProject(toFileMap(files))
  return { update: Y.encodeStateAsUpdate(doc), problems }
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
  const migrated = migrateDocument(doc)
  if (migrated.problems.some((p) => p.severity === 'error')) return { problems: migrated.problems }
  const files = exportProject(doc)
  if (Object.keys(files).length === 0 || files['backplane.json'] === undefined) {
    return { error: 'a Yjs update, but not a Backplane design document (it holds no project)', problems: [] }
  }
  return { files: toFolderFiles(files), problems: [] }
}
