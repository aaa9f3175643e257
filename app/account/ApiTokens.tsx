'use client'
import { useState } from 'react'
import type { ApiToken } from '../../lib/service/web-accounts/api-tokens'
import { apiCall, messageOf } from './api-call'

const lifetimes = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'No expiry', days: null },
] as const

/** Dates arrive as JSON strings from the routes and as Dates from the server page: show both the same way. */
function when(value: Date | string | null): string {
  return value ? new Date(value).toISOString().slice(0, 16).replace('T', ' ') : '—'
}

/**
 * API tokens for scripts and CI (`Authorization: Bearer bpt_…`): create (shown once), list, revoke. A token acts
 * as you with your current project roles; limited to one project when chosen; never manages the account.
 */
export function ApiTokens(props: { initial: ApiToken[]; projects: { id: string; name: string }[] }) {
  const [tokens, setTokens] = useState(props.initial)
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const projectName = (id: string | null) =>
    id ? (props.projects.find((p) => p.id === id)?.name ?? id) : 'All your projects'
  return (
    <section className="card" data-testid="api-tokens">
      <h2>API tokens</h2>
      <p className="muted">
        For scripts and CI calling the HTTP API, e.g. the run endpoint: send{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you, with your current role in each project;
        it cannot change your account.
      </p>
      <form
        style={{ display: 'grid', gap: 8 }}
        onSubmit={async (event) => {
          event.preventDefault()
          const formElement = event.currentTarget
          const form = new FormData(formElement)
          const days = String(form.get('lifetime'))
          try {
            const result = await apiCall<{ apiToken: ApiToken; token: string }>('/api/v1/account/api-tokens', {
              body: {
                name: form.get('name'),
                projectId: form.get('projectId') || undefined,
                expiresInDays: days === 'never' ? null : Number(days),
              },
            })
            setTokens((list) => [result.apiToken, ...list])
            setCreated({ name: result.apiToken.name, token: result.token })
            setError(null)
            formElement.reset()
          } catch (err) {
            setError(messageOf(err))
          }
        }}
      >
        <label>
          Name
          <input name="name" placeholder="e.g. CI deploy" maxLength={100} required data-testid="api-token-name" />
        </label>
        <label>
          Projects
          <select name="projectId" defaultValue="" data-testid="api-token-project">
            <option value="">All your projects</option>
            {props.projects.map((p) => (
              <option key={p.id} value={p.id}>
                Only {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Expires after
          <select name="lifetime" defaultValue="90" data-testid="api-token-lifetime">
            {lifetimes.map((l) => (
              <option key={l.label} value={l.days ?? 'never'}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="api-token-create">
          Create token
        </button>
      </form>
      {created && (
        <div role="status">
          <p>
            <strong>{created.name}</strong>: copy this token now — it is not shown again.
          </p>
          <code data-testid="api-token-value" style={{ userSelect: 'all', wordBreak: 'break-all' }}>
            {created.token}
          </code>{' '}
          <button type="button" onClick={() => navigator.clipboard?.writeText(created.token)}>
            Copy
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <table data-testid="api-token-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Projects</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const expired = t.expiresAt !== null && new Date(t.expiresAt).getTime() <= Date.now()
              return (
                <tr key={t.id} data-testid="api-token-row">
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{projectName(t.projectId)}</td>
                  <td>{when(t.createdAt)}</td>
                  <td data-testid="api-token-last-used">{when(t.lastUsedAt)}</td>
                  <td>{t.expiresAt ? `${when(t.expiresAt)}${expired ? ' (expired)' : ''}` : 'never'}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Revoke ${t.name}`}
                      onClick={async () => {
                        if (!window.confirm(`Revoke "${t.name}"? Anything using it stops working at once.`)) return
                        try {
                          await apiCall(`/api/v1/account/api-tokens/${t.id}`, { method: 'DELETE' })
                          setTokens((list) => list.filter((x) => x.id !== t.id))
                          setError(null)
                        } catch (err) {
                          setError(messageOf(err))
                        }
                      }}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
