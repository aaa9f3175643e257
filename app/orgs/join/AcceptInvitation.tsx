'use client'
import { useState } from 'react'
import { apiCall, messageOf } from '../../account/api-call'

export function AcceptInvitation(props: { token: string; signedInAs: string }) {
  const [error, setError] = useState<string | null>(null)
  return (
    <>
      <p className="muted">Signed in as {props.signedInAs}.</p>
      <button
        type="button"
        className="primary"
        data-testid="accept-invitation"
        onClick={async () => {
          try {
            const { orgId } = await apiCall<{ orgId: string }>('/api/v1/account/invitations', {
              body: { token: props.token },
            })
            window.location.assign(`/orgs/${orgId}`)
          } catch (err) {
            setError(messageOf(err))
          }
        }}
      >
        Accept invitation
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  )
}
