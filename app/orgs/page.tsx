import { listOrganizationsForUser } from '../../lib/service/accounts'
import { currentUserOrRedirect } from '../_lib/current-user'
import { serverContext } from '../_lib/server-context'
import { NewOrganizationForm } from './NewOrganizationForm'

export const dynamic = 'force-dynamic'

export default async function OrganizationsPage() {
  const { user } = await currentUserOrRedirect()
  const orgs = await listOrganizationsForUser(serverContext().db, user.id)
  return (
    <main className="page">
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Organizations</h1>
        <nav className="row">
          <a href="/projects">Projects</a>
          <a href="/account">Account</a>
        </nav>
      </header>
      <p className="muted">
        Organizations own projects. Your personal one is yours alone; create a shared one to invite your team.
      </p>
      <NewOrganizationForm />
      <ul data-testid="org-list">
        {orgs.map((org) => (
          <li key={org.id}>
            <a href={`/orgs/${org.id}`}>{org.name}</a> <span className="badge">{org.role}</span>
            {org.personal && <span className="muted"> (personal)</span>}
          </li>
        ))}
      </ul>
    </main>
  )
}
