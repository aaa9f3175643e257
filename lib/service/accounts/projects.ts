import { and, eq, inArray, or } from 'drizzle-orm'
import type { Db } from '../../db'
import { IdPrefix, newId, organizationMembers, projectMembers, projects } from '../../db'
import { AccountErrorCode, type AccountResult, fail, ok } from './account-result'

export type Project = typeof projects.$inferSelect

/** Creates a project in an organization; its creator becomes the project's owner. */
export async function createProject(
  db: Db,
  input: { orgId: string; name: string; ownerId: string; id?: string },
): Promise<AccountResult<Project>> {
  const name = input.name.trim()
  if (!name) return fail(AccountErrorCode.invalidName, 'a project needs a name')
  return db.transaction(async (tx) => {
    const [project] = await tx
      .insert(projects)
      .values({ id: input.id ?? newId(IdPrefix.project), orgId: input.orgId, name })
      .returning()
    if (!project) throw new Error('insert returned no row')
    await tx.insert(projectMembers).values({ projectId: project.id, userId: input.ownerId, role: 'owner' })
    return ok(project)
  })
}

export async function getProject(db: Db, projectId: string): Promise<Project | null> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId))
  return project ?? null
}

export async function renameProject(
  db: Db,
  input: { projectId: string; name: string },
): Promise<AccountResult<Project>> {
  const name = input.name.trim()
  if (!name) return fail(AccountErrorCode.invalidName, 'a project needs a name')
  const [row] = await db.update(projects).set({ name }).where(eq(projects.id, input.projectId)).returning()
  return row ? ok(row) : fail(AccountErrorCode.notFound, `no project ${input.projectId}`)
}

/** Archived projects stay readable; nobody but a service credential may edit them. */
export async function setProjectArchived(
  db: Db,
  input: { projectId: string; archived: boolean },
): Promise<AccountResult<Project>> {
  const [row] = await db
    .update(projects)
    .set({ archived: input.archived })
    .where(eq(projects.id, input.projectId))
    .returning()
  return row ? ok(row) : fail(AccountErrorCode.notFound, `no project ${input.projectId}`)
}

/** Projects the user is a member of, plus every project of organizations they own or administer. */
export async function listProjectsForUser(db: Db, userId: string): Promise<Project[]> {
  const memberOf = db
    .select({ id: projectMembers.projectId })
    .from(projectMembers)
    .where(eq(projectMembers.userId, userId))
  const adminOf = db
    .select({ id: organizationMembers.orgId })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.userId, userId), inArray(organizationMembers.role, ['owner', 'admin'])))
  return db
    .select()
    .from(projects)
    .where(or(inArray(projects.id, memberOf), inArray(projects.orgId, adminOf)))
    .orderBy(projects.createdAt)
}
