import { listProjectsForUser } from '../../lib/service/accounts'
import { getTwoFactorStatus, listApiTokens } from '../../lib/service/web-accounts'
import { currentUserOrRedirect } from '../_lib/current-user'
import { serverContext } from '../_lib/server-context'
import { AccountSettings } from './AccountSettings'

export const dynamic = 'force-dynamic'

export default async function AccountPage() {
  const { user } = await currentUserOrRedirect()
  const { db } = serverContext()
  const [twoFactor, apiTokens, projects] = await Promise.all([
    getTwoFactorStatus(db, user.id),
    listApiTokens(db, user.id),
    listProjectsForUser(db, user.id),
  ])
  return (
    <main className="page">
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Account</h1>
        <nav className="row">
          <a href="/projects">Projects</a>
          <a href="/orgs">Organizations</a>
        </nav>
      </header>
      <p className="muted">
        Signed in as <strong>{user.email}</strong>
      </p>
      <AccountSettings
        twoFactor={twoFactor}
        apiTokens={apiTokens}
        projects={projects.map((p) => ({ id: p.id, name: p.name }))}
      />
    </main>
  )
}
