'use client'
import { useState } from 'react'
import { apiCall, messageOf } from '../account/api-call'

export function NewOrganizationForm() {
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="row"
      onSubmit={async (event) => {
        event.preventDefault()
        const name = String(new FormData(event.currentTarget).get('orgName') ?? '')
        try {
          const { organization } = await apiCall<{ organization: { id: string } }>('/api/v1/orgs', { body: { name } })
          window.location.assign(`/orgs/${organization.id}`)
        } catch (err) {
          setError(messageOf(err))
        }
      }}
    >
      <input name="orgName" placeholder="New organization name" aria-label="New organization name" required />
      <button type="submit" className="primary" data-testid="create-org">
        Create organization
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  )
}
