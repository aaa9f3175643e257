import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db'
import { organizationMembers, ProjectRole, projectMembers, projects, users } from '../../db'
import { AccountErrorCode, type AccountResult, fail, ok } from './account-result'

export type ProjectMember = typeof projectMembers.$inferSelect

const roleRank: Record<ProjectRole, number> = { owner: 3, editor: 2, commenter: 1, viewer: 0 }

export function isProjectRole(value: unknown): value is ProjectRole {
  return typeof value === 'string' && value in roleRank
}

/** The stronger of two roles (null = no access). */
export function strongerRole(a: ProjectRole | null, b: ProjectRole | null): ProjectRole | null {
  if (!a) return b
  if (!b) return a
  return roleRank[a] >= roleRank[b] ? a : b
}

/** Adds a member or changes their role. */
export async function setProjectMember(
  db: Db,
  input: { projectId: string; userId: string; role: ProjectRole },
): Promise<AccountResult<ProjectMember>> {
  if (!isProjectRole(input.role)) return fail(AccountErrorCode.invalidRole, `unknown role "${String(input.role)}"`)
  const [row] = await db
    .insert(projectMembers)
    .values(input)
    .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role: input.role } })
    .returning()
  if (!row) throw new Error('upsert returned no row')
  return ok(row)
}

/** Removes a member; their live collab connections close within seconds (the collab server re-checks grants). */
export async function removeProjectMember(
  db: Db,
  input: { projectId: string; userId: string },
): Promise<AccountResult<true>> {
  const members = await db.select().from(projectMembers).where(eq(projectMembers.projectId, input.projectId))
  const target = members.find((m) => m.userId === input.userId)
  if (!target) return fail(AccountErrorCode.notFound, `${input.userId} is not a member`)
  if (target.role === ProjectRole.owner && members.filter((m) => m.role === ProjectRole.owner).length === 1) {
    return fail(AccountErrorCode.lastOwner, 'a project keeps at least one owner')
  }
  await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, input.projectId), eq(projectMembers.userId, input.userId)))
  return ok(true)
}

export async function listProjectMembers(
  db: Db,
  projectId: string,
): Promise<Array<{ userId: string; email: string; name: string; role: ProjectRole }>> {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(users.email)
}

/**
 * A user's effective role on a project: their project membership, raised to owner when they own or administer
 * the project's organization. Null = no access (also for an unknown project).
 */
export async function getProjectRole(db: Db, projectId: string, userId: string): Promise<ProjectRole | null> {
  const [row] = await db
    .select({ memberRole: projectMembers.role, orgRole: organizationMembers.role })
    .from(projects)
    .leftJoin(projectMembers, and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId)))
    .leftJoin(
      organizationMembers,
      and(eq(organizationMembers.orgId, projects.orgId), eq(organizationMembers.userId, userId)),
    )
    .where(eq(projects.id, projectId))
  if (!row) return null
  const viaOrg = row.orgRole === 'owner' || row.orgRole === 'admin' ? ProjectRole.owner : null
  return strongerRole(row.memberRole, viaOrg)
}
