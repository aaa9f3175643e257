import { notFound } from 'next/navigation'
import { getOrganization, getOrganizationRole } from '../../../lib/service/accounts'
import { listInvitations, listOrganizationMembers } from '../../../lib/service/web-accounts'
import { currentUserOrRedirect } from '../../_lib/current-user'
import { serverContext } from '../../_lib/server-context'
import { OrganizationAdmin } from './OrganizationAdmin'

export const dynamic = 'force-dynamic'

export default async function OrganizationPage(props: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await props.params
  const { user } = await currentUserOrRedirect()
  const { db } = serverContext()
  const [org, role] = await Promise.all([getOrganization(db, orgId), getOrganizationRole(db, orgId, user.id)])
  if (!org || !role) notFound()
  const [members, invitations] = await Promise.all([listOrganizationMembers(db, orgId), listInvitations(db, orgId)])
  return (
    <main className="page">
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <h1 data-testid="org-name">{org.name}</h1>
        <nav className="row">
          <a href="/orgs">Organizations</a>
          <a href="/projects">Projects</a>
        </nav>
      </header>
      <OrganizationAdmin
        orgId={org.id}
        personal={org.personal}
        myRole={role}
        myId={user.id}
        members={members}
        invitations={invitations.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          expiresAt: i.expiresAt.toISOString(),
        }))}
      />
    </main>
  )
}
