import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { eq } from 'drizzle-orm'
import { type Db, projects } from '../../db'
import { printCanonicalJson } from '../../formats'
import { newId } from '../../formats/ids/new-id'
import { importSpecText } from '../../formats/spec/import-spec-text'
import { printSpec } from '../../formats/spec/print-spec'
import {
  type CommitResult,
  type ImportOutcome,
  importProjectArchive,
  type LiveEditor,
  type ProjectEntry,
  workingCopyFiles,
} from '../commits'
import { fail, ok, WebAccountErrorCode, type WebAccountResult } from './web-account-result'

/** The examples a dashboard offers (folders of `examples/`). */
export const exampleNames = ['shop', 'webhooks', 'chat'] as const
export type ExampleName = (typeof exampleNames)[number]

export function isExampleName(value: unknown): value is ExampleName {
  return typeof value === 'string' && (exampleNames as readonly string[]).includes(value)
}

const encoder = new TextEncoder()

/** Every file of an example folder as import entries (paths relative to the folder, `/`-separated). */
export async function readExampleEntries(examplesDir: string, name: ExampleName): Promise<ProjectEntry[]> {
  const root = join(examplesDir, name)
  const entries: ProjectEntry[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, item.name)
      if (item.isDirectory()) await walk(full)
      else if (item.isFile()) {
        entries.push({ path: relative(root, full).split('\\').join('/'), bytes: new Uint8Array(await readFile(full)) })
      }
    }
  }
  await walk(root)
  return entries.sort((a, b) => (a.path < b.path ? -1 : 1))
}

/**
 * A copy of a project's working copy (the live design, exported) as a new project of `orgId` owned by `ownerId`.
 * The copy gets a new project id (importProjectArchive writes it into the manifest) and is seeded through collab.
 */
export async function duplicateProject(
  db: Db,
  input: { projectId: string; ownerId: string; orgId: string; name: string; edit: LiveEditor },
): Promise<CommitResult<ImportOutcome>> {
  const files = await workingCopyFiles(db, input.projectId)
  const entries = Object.entries(files).map(([path, text]) => ({ path, bytes: encoder.encode(text) }))
  return importProjectArchive(db, {
    ownerId: input.ownerId,
    orgId: input.orgId,
    source: { entries },
    name: input.name,
    edit: input.edit,
  })
}

/** An API surface name (a slug) from a spec's file name: `Orders API.openapi.yaml` → `orders-api`. */
export function apiNameFromFileName(fileName: string): string {
  const stem = (fileName.split(/[\\/]/).pop() ?? '')
    .replace(/\.(ya?ml|json)$/i, '')
    .replace(/\.(openapi|asyncapi|swagger)$/i, '')
  const slug = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
  return slug || 'api'
}

/**
 * The folder of a new project holding one API surface: the spec (imported as `backplane add-api` does: converted
 * from Swagger 2 / AsyncAPI 2 when needed, printed in its own serialization), a manifest naming it, an empty
 * canvas. A spec that does not import is refused with its located problems.
 */
export function specProjectEntries(input: {
  fileName: string
  text: string
  projectName: string
}): CommitResult<ProjectEntry[]> {
  const imported = importSpecText({ path: input.fileName, text: input.text })
  if (!imported.spec) {
    return {
      ok: false,
      error: {
        code: 'invalid-archive',
        message: `${input.fileName} is not an OpenAPI 3 or AsyncAPI 3 document we can import`,
        problems: imported.problems,
      },
    }
  }
  const { spec } = imported
  const api = apiNameFromFileName(input.fileName)
  const file = `apis/${api}.${spec.kind}.${spec.serialization === 'json' ? 'json' : 'yaml'}`
  const random = (n: number) => new Uint8Array(randomBytes(n))
  const manifest = printCanonicalJson('manifest', {
    format: 'backplane.project/v1',
    id: newId('prj', random),
    name: input.projectName,
    description: '',
    apis: { [api]: { id: newId('api', random), type: spec.kind === 'openapi' ? 'rest' : 'event', file } },
  })
  const canvas = printCanonicalJson('canvas', { format: 'backplane.canvas/v1', canvases: {} })
  return {
    ok: true,
    value: [
      { path: 'backplane.json', bytes: encoder.encode(manifest) },
      { path: 'canvas.json', bytes: encoder.encode(canvas) },
      { path: file, bytes: encoder.encode(printSpec(spec)) },
    ],
  }
}

/**
 * Deletes a project for good (its documents, commits and share links cascade). `confirmName` must repeat the
 * project's name exactly — the typed confirmation of the dashboard, checked here so every client needs it.
 */
export async function deleteProject(
  db: Db,
  input: { projectId: string; confirmName: string },
): Promise<WebAccountResult<true>> {
  const [project] = await db.select({ name: projects.name }).from(projects).where(eq(projects.id, input.projectId))
  if (!project) return fail(WebAccountErrorCode.notFound, `no project ${input.projectId}`)
  if (input.confirmName.trim() !== project.name) {
    return fail(WebAccountErrorCode.confirmationMismatch, `type the project's name, "${project.name}", to delete it`)
  }
  await db.delete(projects).where(eq(projects.id, input.projectId))
  return ok(true)
}
