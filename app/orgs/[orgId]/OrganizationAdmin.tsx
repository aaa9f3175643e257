'use client'
import { useState } from 'react'
import { apiCall, messageOf } from '../../account/api-call'

type Role = 'owner' | 'admin' | 'member'
interface Member {
  userId: string
  email: string
  name: string
  role: Role
}
interface PendingInvitation {
  id: string
  email: string
  role: Role
  expiresAt: string
}

export function OrganizationAdmin(props: {
  orgId: string
  personal: boolean
  myRole: Role
  myId: string
  members: Member[]
  invitations: PendingInvitation[]
}) {
  const [members, setMembers] = useState(props.members)
  const [invitations, setInvitations] = useState(props.invitations)
  const [inviteUrl, setInviteUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const manager = props.myRole === 'owner' || props.myRole === 'admin'
  const base = `/api/v1/orgs/${props.orgId}`
  const run = async (action: () => Promise<void>) => {
    try {
      await action()
      setError(null)
    } catch (err) {
      setError(messageOf(err))
    }
  }
  const reloadMembers = async () => {
    setMembers((await apiCall<{ members: Member[] }>(`${base}/members`)).members)
  }
  if (props.personal) {
    return (
      <p className="muted">
        This is your personal organization: its projects are yours. Create a shared organization to work with others.
      </p>
    )
  }
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 760 }}>
      <section className="card">
        <h2>Members</h2>
        <table data-testid="org-members">
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {manager && m.userId !== props.myId ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      onChange={(event) =>
                        void run(async () => {
                          await apiCall(`${base}/members/${m.userId}`, {
                            method: 'PATCH',
                            body: { role: event.target.value },
                          })
                          await reloadMembers()
                        })
                      }
                    >
                      <option value="owner">owner</option>
                      <option value="admin">admin</option>
                      <option value="member">member</option>
                    </select>
                  ) : (
                    <span className="badge">{m.role}</span>
                  )}
                </td>
                <td>
                  {m.userId === props.myId ? (
                    <button
                      type="button"
                      data-testid="leave-org"
                      onClick={() =>
                        void run(async () => {
                          await apiCall(`${base}/members/${m.userId}`, { method: 'DELETE' })
                          window.location.assign('/orgs')
                        })
                      }
                    >
                      Leave
                    </button>
                  ) : (
                    manager && (
                      <button
                        type="button"
                        onClick={() =>
                          void run(async () => {
                            await apiCall(`${base}/members/${m.userId}`, { method: 'DELETE' })
                            await reloadMembers()
                          })
                        }
                      >
                        Remove
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {manager && (
        <section className="card">
          <h2>Invite someone</h2>
          <form
            className="row"
            onSubmit={(event) => {
              event.preventDefault()
              const form = new FormData(event.currentTarget)
              void run(async () => {
                const result = await apiCall<{ url: string; invitation: PendingInvitation }>(`${base}/invitations`, {
                  body: { email: form.get('inviteEmail'), role: form.get('inviteRole') },
                })
                setInviteUrl(result.url)
                setInvitations((list) => [result.invitation, ...list])
              })
            }}
          >
            <input name="inviteEmail" type="email" placeholder="colleague@example.com" aria-label="Email" required />
            <select name="inviteRole" aria-label="Role" defaultValue="member">
              <option value="member">member</option>
              <option value="admin">admin</option>
              {props.myRole === 'owner' && <option value="owner">owner</option>}
            </select>
            <button type="submit" className="primary" data-testid="invite">
              Create invite link
            </button>
          </form>
          {inviteUrl && (
            <p>
              No email is sent: copy this link to them (it works once, for that email, for 7 days):{' '}
              <code data-testid="invite-url" style={{ userSelect: 'all', wordBreak: 'break-all' }}>
                {inviteUrl}
              </code>{' '}
              <button type="button" onClick={() => void navigator.clipboard?.writeText(inviteUrl)}>
                Copy
              </button>
            </p>
          )}
          {invitations.length > 0 && (
            <>
              <h3>Open invitations</h3>
              <ul data-testid="org-invitations">
                {invitations.map((i) => (
                  <li key={i.id}>
                    {i.email} <span className="badge">{i.role}</span>{' '}
                    <button
                      type="button"
                      onClick={() =>
                        void run(async () => {
                          await apiCall(`${base}/invitations/${i.id}`, { method: 'DELETE' })
                          setInvitations((list) => list.filter((x) => x.id !== i.id))
                        })
                      }
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
