import { eq } from 'drizzle-orm'
import { type Db, IdPrefix, newId, projects } from '../../db'
import { applyFiles } from '../../doc'
import { parseOurJson } from '../../formats'
import type { Problem } from '../../problems'
import { createProject, type Project } from '../accounts'
import { CommitErrorCode, type CommitResult, fail, ok } from './commit-result'
import type { LiveEditor } from './live-editor'
import {
  type ArchiveLimits,
  archiveLimits,
  type ProjectEntry,
  readProjectArchive,
  readProjectEntries,
} from './read-project-archive'
import { guarded, messageOf } from './restore-commit'

export interface ImportOutcome {
  project: Project
  /** Paths left out (hidden files, `__MACOSX/`). */
  skipped: string[]
  /** Import problems of the files (the design may be invalid: it imports, and validation lists why). */
  problems: Problem[]
  /** True when the manifest's project id was taken and the project got a new one (written into the manifest). */
  newId: boolean
}

const MANIFEST = 'backplane.json'

/**
 * Imports a project folder (its entries) or a `.zip` as a new project of `orgId` owned by `ownerId`. The archive is
 * checked first (readProjectArchive / readProjectEntries): a bad one is refused with the reason and nothing is
 * created. Then the project row is created — with the manifest's id when it is a free `prj_` id, so a project
 * keeps its identity across servers; otherwise with a new id, written into the manifest — and its design document
 * is seeded through the collab server (`edit`, applyFiles on the empty live document). If seeding fails, the
 * project row is deleted again (`collab-unavailable`): an import creates a whole project or nothing.
 */
export async function importProjectArchive(
  db: Db,
  input: {
    ownerId: string
    orgId: string
    /** A `.zip` archive, or the entries of an uploaded folder. */
    source: { zip: Uint8Array } | { entries: readonly ProjectEntry[] }
    /** Default: the manifest's name. */
    name?: string
    edit: LiveEditor
    limits?: ArchiveLimits
  },
): Promise<CommitResult<ImportOutcome>> {
  const limits = input.limits ?? archiveLimits
  const read =
    'zip' in input.source
      ? readProjectArchive(input.source.zip, limits)
      : readProjectEntries(input.source.entries, limits)
  if (!read.ok) return read
  let files = read.value.files
  const manifestText = files[MANIFEST] ?? ''
  const manifest = parseOurJson({ path: MANIFEST, text: manifestText }).value as Record<string, unknown>
  const wanted =
    typeof manifest.id === 'string' && /^prj_[A-Za-z0-9]{8,64}$/.test(manifest.id) ? manifest.id : undefined
  const taken = wanted
    ? (await db.select({ id: projects.id }).from(projects).where(eq(projects.id, wanted))).length > 0
    : true
  const id = wanted && !taken ? wanted : newId(IdPrefix.project)
  if (id !== wanted && typeof manifest.id === 'string' && manifestText.includes(JSON.stringify(manifest.id))) {
    // Replace the one string in place: the rest of the file keeps its bytes.
    files = { ...files, [MANIFEST]: manifestText.replace(JSON.stringify(manifest.id), JSON.stringify(id)) }
  }
  const name = input.name?.trim() || (typeof manifest.name === 'string' && manifest.name.trim()) || 'Imported project'
  const created = await createProject(db, { orgId: input.orgId, name, ownerId: input.ownerId, id })
  if (!created.ok) return fail(CommitErrorCode.invalidRequest, created.error.message)
  const seed = guarded((doc) => applyFiles(doc, files).problems)
  try {
    const problems = await input.edit(id, seed.run)
    return ok({ project: created.value, skipped: read.value.skipped, problems, newId: id !== wanted })
  } catch (err) {
    await db.delete(projects).where(eq(projects.id, id))
    seed.rethrowBug()
    return fail(CommitErrorCode.collabUnavailable, `the project could not be seeded: ${messageOf(err)}`)
  }
}
