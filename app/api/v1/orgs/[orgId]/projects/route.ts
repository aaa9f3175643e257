import { join } from 'node:path'
import { createProject } from '../../../../../../lib/service/accounts'
import { importProjectArchive, type ProjectEntry } from '../../../../../../lib/service/commits'
import {
  exampleNames,
  isExampleName,
  readExampleEntries,
  specProjectEntries,
} from '../../../../../../lib/service/web-accounts'
import { ApiError } from '../../../../../_lib/api-error'
import { readJsonObject, withSession } from '../../../../../_lib/with-session'
import { liveEditor, unwrap } from '../../../projects/[projectId]/commits/commit-api'
import { requireOrgMember } from '../../org-access'
import { unwrapAccount } from '../../web-account-api'

/** A single spec upload is one file: far below the project archive limits. */
const maxSpecBytes = 10 * 1024 * 1024

function examplesDir(): string {
  return process.env.BACKPLANE_EXAMPLES_DIR ?? join(process.cwd(), 'examples')
}

/**
 * POST /api/v1/orgs/:orgId/projects → 201 {project, problems}. Any member of the organization may create:
 * - JSON `{name}`: a blank project;
 * - JSON `{name?, example}` (shop | webhooks | chat): a copy of that example from `examples/`;
 * - multipart `spec` (one OpenAPI 3 / AsyncAPI 3 file, Swagger 2 and AsyncAPI 2 are converted) + `name?`: a
 *   project with that one API surface.
 * Examples and specs are imported through the commits service (importProjectArchive, seeded via collab). For a
 * project folder or .zip use POST /api/v1/projects/import.
 */
export const POST = withSession<{ orgId: string }>(async (req, ctx, { orgId }) => {
  await requireOrgMember(ctx.db, orgId, ctx.user.id)
  let entries: ProjectEntry[]
  let name = ''
  if ((req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => {
      throw new ApiError('invalid-request', 'the multipart body could not be read')
    })
    const spec = form.get('spec')
    if (!(spec instanceof File)) throw new ApiError('invalid-request', 'send the OpenAPI/AsyncAPI file as "spec"')
    if (spec.size > maxSpecBytes) throw new ApiError('payload-too-large', 'the spec file is larger than 10 MB')
    const given = form.get('name')
    name = (typeof given === 'string' && given.trim()) || spec.name.replace(/\.(ya?ml|json)$/i, '')
    entries = unwrap(specProjectEntries({ fileName: spec.name, text: await spec.text(), projectName: name }))
  } else {
    const body = await readJsonObject(req)
    name = typeof body.name === 'string' ? body.name : ''
    if (body.example === undefined || body.example === '' || body.example === null) {
      const project = unwrapAccount(await createProject(ctx.db, { orgId, name, ownerId: ctx.user.id }))
      return Response.json({ project, problems: [] }, { status: 201 })
    }
    if (!isExampleName(body.example)) {
      throw new ApiError('invalid-request', `"example" must be one of ${exampleNames.join(', ')}`)
    }
    entries = await readExampleEntries(examplesDir(), body.example)
  }
  const outcome = unwrap(
    await importProjectArchive(ctx.db, {
      ownerId: ctx.user.id,
      orgId,
      source: { entries },
      ...(name.trim() ? { name } : {}),
      edit: liveEditor(ctx, 'create'),
    }),
  )
  return Response.json({ project: outcome.project, problems: outcome.problems }, { status: 201 })
})
