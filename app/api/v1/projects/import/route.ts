import { getOrganizationRole, getUserById } from '../../../../../lib/service/accounts'
import { archiveLimits, importProjectArchive, type ProjectEntry } from '../../../../../lib/service/commits'
import { ApiError } from '../../../../_lib/api-error'
import { withSession } from '../../../../_lib/with-session'
import { liveEditor, unwrap } from '../[projectId]/commits/commit-api'

type Source = { zip: Uint8Array } | { entries: ProjectEntry[] }

/**
 * The upload: a raw `.zip` body (application/zip or application/octet-stream), or multipart/form-data with either
 * `archive` (a .zip file) or one `files` part per file of a folder (its relative path as the part's file name, or
 * in a `paths` field at the same position), plus optional `name` and `orgId` fields.
 */
async function readUpload(req: Request): Promise<{ source: Source; name?: string; orgId?: string }> {
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > archiveLimits.totalBytes) throw new ApiError('payload-too-large', 'the upload is too large')
  const type = req.headers.get('content-type') ?? ''
  const query = new URL(req.url).searchParams
  const fromQuery = {
    ...(query.get('name') ? { name: query.get('name') ?? '' } : {}),
    ...(query.get('orgId') ? { orgId: query.get('orgId') ?? '' } : {}),
  }
  if (!type.startsWith('multipart/form-data')) {
    return { source: { zip: await readCapped(req, archiveLimits.archiveBytes) }, ...fromQuery }
  }
  let form: FormData
  try {
    form = await req.formData()
  } catch {
    throw new ApiError('invalid-request', 'the multipart body could not be read')
  }
  const text = (key: string) => {
    const v = form.get(key)
    return typeof v === 'string' && v.trim() ? v.trim() : undefined
  }
  const fields = {
    ...fromQuery,
    ...(text('name') ? { name: text('name') } : {}),
    ...(text('orgId') ? { orgId: text('orgId') } : {}),
  }
  const archive = form.get('archive')
  if (archive instanceof File) return { source: { zip: new Uint8Array(await archive.arrayBuffer()) }, ...fields }
  const parts = form.getAll('files')
  const paths = form.getAll('paths')
  if (parts.length === 0) throw new ApiError('invalid-request', 'send a .zip as "archive", or the folder as "files"')
  const entries: ProjectEntry[] = []
  for (const [i, part] of parts.entries()) {
    if (!(part instanceof File)) throw new ApiError('invalid-request', `"files" part ${i + 1} is not a file`)
    const path = paths[i]
    entries.push({ path: typeof path === 'string' ? path : part.name, bytes: new Uint8Array(await part.arrayBuffer()) })
  }
  return { source: { entries }, ...fields }
}

/** The raw body, refused (413) as soon as it grows past `limit`, whatever Content-Length said. */
async function readCapped(req: Request, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  if (req.body) {
    const reader = req.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel()
        throw new ApiError('payload-too-large', `the archive is larger than ${limit} bytes`)
      }
      chunks.push(value)
    }
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/**
 * POST /api/v1/projects/import → 201 {project, skipped, problems}: a project folder or .zip becomes a new project
 * owned by the caller (in their personal organization unless `orgId` names another they belong to). A bad archive
 * (not a zip, paths leaving the folder, non-UTF-8 files, too big, no backplane.json) → 400/413 with the reason,
 * and nothing is created.
 */
export const POST = withSession(async (req, ctx) => {
  const upload = await readUpload(req)
  let orgId = upload.orgId
  if (orgId) {
    if (!(await getOrganizationRole(ctx.db, orgId, ctx.user.id)))
      throw new ApiError('not-found', `no organization ${orgId} that you belong to`)
  } else {
    const user = await getUserById(ctx.db, ctx.user.id)
    orgId = user?.personalOrgId ?? undefined
    if (!orgId) throw new ApiError('invalid-request', 'name the organization ("orgId") to import into')
  }
  const outcome = unwrap(
    await importProjectArchive(ctx.db, {
      ownerId: ctx.user.id,
      orgId,
      source: upload.source,
      ...(upload.name ? { name: upload.name } : {}),
      edit: liveEditor(ctx, 'import'),
    }),
  )
  return Response.json(
    { project: outcome.project, skipped: outcome.skipped, problems: outcome.problems },
    { status: 201 },
  )
})
