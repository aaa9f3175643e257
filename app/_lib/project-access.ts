import { type ProjectAccess, resolveProjectAccess } from '../../lib/service/accounts'
import { ApiError } from './api-error'
import type { RouteContext } from './with-session'

/**
 * The caller's access to a project, or a 404/403 ApiError. `need` is what the route does to the design:
 * read (history, diff, validate), write (commit, restore) or admin (members, share links: owners only).
 */
export async function requireProjectAccess(
  ctx: RouteContext,
  projectId: string,
  need: 'read' | 'write' | 'admin',
): Promise<ProjectAccess> {
  const check = await resolveProjectAccess(ctx.db, { token: ctx.token, secret: ctx.secret, projectId })
  if (!check.ok) {
    if (check.reason === 'unknown-project' || check.reason === 'not-a-member') {
      throw new ApiError('not-found', `no project ${projectId} that you can open`)
    }
    throw new ApiError('unauthenticated', `access refused: ${check.reason}`)
  }
  const { access } = check
  if (need === 'write' && access.design !== 'write')
    throw new ApiError('forbidden', `a ${access.role} cannot change this project`)
  if (need === 'admin' && access.role !== 'owner') throw new ApiError('forbidden', 'only an owner can do this')
  return access
}
