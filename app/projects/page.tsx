import { listProjectsForUser } from '../../lib/service/accounts'
import { currentUserOrRedirect } from '../_lib/current-user'
import { serverContext } from '../_lib/server-context'
import { NewProjectForm } from './NewProjectForm'
import { SignOutButton } from './SignOutButton'

export const dynamic = 'force-dynamic'

export default async function ProjectsPage() {
  const { user } = await currentUserOrRedirect()
  const projects = await listProjectsForUser(serverContext().db, user.id)
  return (
    <main className="page">
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Projects</h1>
        <div className="row">
          <span className="muted">{user.email}</span>
          <SignOutButton />
        </div>
      </header>
      <NewProjectForm />
      <ul data-testid="project-list">
        {projects
          .filter((p) => !p.archived)
          .map((p) => (
            <li key={p.id}>
              <a href={`/projects/${p.id}`}>{p.name}</a>
            </li>
          ))}
      </ul>
      {projects.length === 0 && <p className="muted">No projects yet: create one above.</p>}
    </main>
  )
}
