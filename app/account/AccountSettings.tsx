'use client'
import { signOut } from 'next-auth/react'
import { useState } from 'react'
import type { ApiToken } from '../../lib/service/web-accounts/api-tokens'
import type { TwoFactorStatus } from '../../lib/service/web-accounts/two-factor'
import { ApiTokens } from './ApiTokens'
import { apiCall, messageOf } from './api-call'

export function AccountSettings(props: {
  twoFactor: TwoFactorStatus
  apiTokens: ApiToken[]
  projects: { id: string; name: string }[]
}) {
  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 640 }}>
      <ChangePassword />
      <TwoFactor initial={props.twoFactor} />
      <ApiTokens initial={props.apiTokens} projects={props.projects} />
      <SignOutEverywhere />
    </div>
  )
}

function ChangePassword() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  return (
    <section className="card">
      <h2>Change password</h2>
      <form
        style={{ display: 'grid', gap: 8 }}
        onSubmit={async (event) => {
          event.preventDefault()
          const formElement = event.currentTarget
          const form = new FormData(formElement)
          try {
            await apiCall('/api/v1/account/password', {
              body: { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') },
            })
            formElement.reset()
            setMessage({ ok: true, text: 'Password changed. Every other session has been signed out.' })
          } catch (err) {
            setMessage({ ok: false, text: messageOf(err) })
          }
        }}
      >
        <label>
          Current password
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password (8 characters or more)
          <input name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
        </label>
        <button type="submit" className="primary" data-testid="change-password">
          Change password
        </button>
        {message && (
          <p className={message.ok ? 'muted' : 'error'} role="status" data-testid="password-message">
            {message.text}
          </p>
        )}
      </form>
    </section>
  )
}

function TwoFactor(props: { initial: TwoFactorStatus }) {
  const [status, setStatus] = useState(props.initial)
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  return (
    <section className="card" data-testid="two-factor">
      <h2>Two-factor sign-in</h2>
      {status.enabled ? (
        <>
          <p data-testid="two-factor-on">
            On. Sign-in asks for a code from your authenticator app. {status.recoveryCodesLeft} recovery codes left.
          </p>
          {recoveryCodes && (
            <div>
              <p>
                <strong>Your recovery codes</strong> — each works once if you lose your authenticator. Save them now:
                they are not shown again.
              </p>
              <ul className="code" data-testid="recovery-codes">
                {recoveryCodes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          )}
          <form
            className="row"
            onSubmit={async (event) => {
              event.preventDefault()
              const code = String(new FormData(event.currentTarget).get('code') ?? '')
              try {
                await apiCall('/api/v1/account/two-factor', { method: 'DELETE', body: { code } })
                setStatus({ enabled: false, pending: false, recoveryCodesLeft: 0 })
                setRecoveryCodes(null)
                setError(null)
              } catch (err) {
                setError(messageOf(err))
              }
            }}
          >
            <input name="code" placeholder="Code or recovery code" aria-label="Code to turn two-factor off" required />
            <button type="submit">Turn off</button>
          </form>
        </>
      ) : enrolment ? (
        <>
          <p>
            Add this key to your authenticator app (Google Authenticator, 1Password, …): paste the setup key, or open
            the link on your phone.
          </p>
          <p>
            Setup key:{' '}
            <code data-testid="totp-secret" style={{ userSelect: 'all' }}>
              {enrolment.secret}
            </code>
          </p>
          <p style={{ wordBreak: 'break-all' }}>
            Link:{' '}
            <a href={enrolment.uri} data-testid="totp-uri">
              {enrolment.uri}
            </a>
          </p>
          <form
            className="row"
            onSubmit={async (event) => {
              event.preventDefault()
              const code = String(new FormData(event.currentTarget).get('code') ?? '')
              try {
                const result = await apiCall<{ recoveryCodes: string[] }>('/api/v1/account/two-factor/confirm', {
                  body: { code },
                })
                setRecoveryCodes(result.recoveryCodes)
                setStatus({ enabled: true, pending: false, recoveryCodesLeft: result.recoveryCodes.length })
                setEnrolment(null)
                setError(null)
              } catch (err) {
                setError(messageOf(err))
              }
            }}
          >
            <input
              name="code"
              data-testid="totp-confirm-code"
              placeholder="6-digit code"
              aria-label="Code from your app"
              autoComplete="one-time-code"
              required
            />
            <button type="submit" className="primary" data-testid="totp-confirm">
              Confirm and turn on
            </button>
          </form>
        </>
      ) : (
        <>
          <p className="muted">Off. Add a code from an authenticator app to every password sign-in.</p>
          <button
            type="button"
            data-testid="two-factor-start"
            onClick={async () => {
              try {
                setEnrolment(await apiCall<{ secret: string; uri: string }>('/api/v1/account/two-factor', { body: {} }))
                setError(null)
              } catch (err) {
                setError(messageOf(err))
              }
            }}
          >
            Set up two-factor sign-in
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

function SignOutEverywhere() {
  const [error, setError] = useState<string | null>(null)
  return (
    <section className="card">
      <h2>Sessions</h2>
      <p className="muted">Signs you out on every device and browser, this one included.</p>
      <button
        type="button"
        data-testid="sign-out-everywhere"
        onClick={async () => {
          try {
            await apiCall('/api/v1/account/sign-out-everywhere', { body: {} })
            await signOut({ callbackUrl: '/signin' })
          } catch (err) {
            setError(messageOf(err))
          }
        }}
      >
        Sign out everywhere
      </button>
      {error && <p className="error">{error}</p>}
    </section>
  )
}
