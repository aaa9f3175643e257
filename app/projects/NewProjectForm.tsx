'use client'
import { useState } from 'react'
import { apiCall, messageOf } from '../account/api-call'
import type { OrgChoice } from './org-choice'

const templates = [
  { value: '', label: 'Blank project' },
  { value: 'shop', label: 'Example: shop' },
  { value: 'webhooks', label: 'Example: webhooks' },
  { value: 'chat', label: 'Example: chat' },
]

export function NewProjectForm(props: { orgs: OrgChoice[] }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="row"
      style={{ flexWrap: 'wrap' }}
      onSubmit={async (event) => {
        event.preventDefault()
        const form = new FormData(event.currentTarget)
        const orgId = String(form.get('orgId') ?? '')
        const example = String(form.get('example') ?? '')
        setBusy(true)
        try {
          const { project } = await apiCall<{ project: { id: string } }>(`/api/v1/orgs/${orgId}/projects`, {
            body: { name: String(form.get('name') ?? ''), ...(example ? { example } : {}) },
          })
          window.location.assign(`/projects/${project.id}`)
        } catch (err) {
          setBusy(false)
          setError(messageOf(err))
        }
      }}
    >
      <input name="name" placeholder="New project name" aria-label="New project name" required />
      <select name="example" aria-label="Start from" data-testid="new-project-template" defaultValue="">
        {templates.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </select>
      <select name="orgId" aria-label="Organization" data-testid="new-project-org">
        {props.orgs.map((o) => (
          <option key={o.id} value={o.id}>
            in {o.name}
          </option>
        ))}
      </select>
      <button className="primary" type="submit" disabled={busy}>
        Create project
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  )
}
