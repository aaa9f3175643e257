'use client'
import { useEffect, useState } from 'react'
import { apiCall, messageOf } from '../account/api-call'

type Role = 'owner' | 'editor' | 'commenter' | 'viewer'
interface Member {
  userId: string
  email: string
  name: string
  role: Role
}
const roles: Role[] = ['owner', 'editor', 'commenter', 'viewer']

/** The project's members and roles (the project members route); owners add, change and remove. */
export function ProjectMembers(props: { projectId: string; canManage: boolean }) {
  const base = `/api/v1/projects/${props.projectId}/members`
  const [members, setMembers] = useState<Member[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = async () => setMembers((await apiCall<{ members: Member[] }>(base)).members)
  const run = async (action: () => Promise<void>) => {
    try {
      await action()
      await reload()
      setError(null)
    } catch (err) {
      setError(messageOf(err))
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per opened panel
  useEffect(() => {
    void run(async () => {})
  }, [])
  return (
    <div style={{ marginTop: 8 }} data-testid="project-members-panel">
      {members === null ? (
        <p className="muted">Loading members…</p>
      ) : (
        <ul>
          {members.map((m) => (
            <li key={m.userId} className="row">
              <span>{m.email}</span>
              {props.canManage ? (
                <select
                  aria-label={`Role of ${m.email}`}
                  value={m.role}
                  onChange={(e) =>
                    void run(async () => void (await apiCall(base, { body: { email: m.email, role: e.target.value } })))
                  }
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="badge">{m.role}</span>
              )}
              {props.canManage && (
                <button
                  type="button"
                  onClick={() =>
                    void run(async () => void (await apiCall(`${base}/${m.userId}`, { method: 'DELETE' })))
                  }
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.canManage && (
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault()
            const form = new FormData(event.currentTarget)
            void run(async () => {
              await apiCall(base, { body: { email: form.get('memberEmail'), role: form.get('memberRole') } })
            })
          }}
        >
          <input name="memberEmail" type="email" placeholder="Their account email" aria-label="Member email" required />
          <select name="memberRole" aria-label="Member role" defaultValue="editor">
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit">Add</button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
