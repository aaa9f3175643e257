import { getTwoFactorStatus } from '../../lib/service/web-accounts'
import { currentUserOrRedirect } from '../_lib/current-user'
import { serverContext } from '../_lib/server-context'
import { AccountSettings } from './AccountSettings'

export const dynamic = 'force-dynamic'

export default async function AccountPage() {
  const { user } = await currentUserOrRedirect()
  const twoFactor = await getTwoFactorStatus(serverContext().db, user.id)
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
      <AccountSettings twoFactor={twoFactor} />
    </main>
  )
}
