import { getProjectRole, listOrganizationsForUser, listProjectsForUser } from '../../lib/service/accounts'
import { headCommitId } from '../../lib/service/commits'
import { currentUserOrRedirect } from '../_lib/current-user'
import { serverContext } from '../_lib/server-context'
import { ImportProjectForm } from './ImportProjectForm'
import { NewProjectForm } from './NewProjectForm'
import { type DashboardProject, ProjectList } from './ProjectList'
import { SignOutButton } from './SignOutButton'

export const dynamic = 'force-dynamic'

export default async function ProjectsPage() {
  const { user } = await currentUserOrRedirect()
  const { db } = serverContext()
  const [projects, orgs] = await Promise.all([listProjectsForUser(db, user.id), listOrganizationsForUser(db, user.id)])
  const orgName = new Map(orgs.map((o) => [o.id, o.personal ? 'Personal' : o.name]))
  const rows: DashboardProject[] = await Promise.all(
    projects.map(async (p) => ({
      id: p.id,
      name: p.name,
      archived: p.archived,
      orgId: p.orgId,
      orgName: orgName.get(p.orgId) ?? 'Shared with you',
      role: (await getProjectRole(db, p.id, user.id)) ?? 'viewer',
      headCommitId: await headCommitId(db, p.id),
      createdAt: p.createdAt.toISOString(),
    })),
  )
  // Newest first: what you made last is what you open next.
  rows.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
  const orgChoices = orgs
    .map((o) => ({ id: o.id, name: o.personal ? 'Personal' : o.name, personal: o.personal }))
    .sort((a, b) => Number(b.personal) - Number(a.personal))
  return (
    <main className="page">
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Projects</h1>
        <div className="row">
          <a href="/orgs">Organizations</a>
          <a href="/account" data-testid="account-link">
            Account
          </a>
          <span className="muted">{user.email}</span>
          <SignOutButton />
        </div>
      </header>
      <NewProjectForm orgs={orgChoices} />
      <ImportProjectForm orgs={orgChoices} />
      <ProjectList projects={rows} orgs={orgChoices} />
    </main>
  )
}
