'use client'
import { signIn } from 'next-auth/react'
import { useState } from 'react'
import { safeCallbackUrl, signInMessage } from './sign-in-messages'

export function SignInForm(props: { providers: string[]; initialError?: string; callbackUrl?: string }) {
  const [error, setError] = useState<string | null>(props.initialError ? signInMessage(props.initialError) : null)
  const [needCode, setNeedCode] = useState(false)
  const [busy, setBusy] = useState(false)
  const next = safeCallbackUrl(props.callbackUrl)
  return (
    <>
      <form
        onSubmit={async (event) => {
          event.preventDefault()
          const form = new FormData(event.currentTarget)
          setBusy(true)
          setError(null)
          const result = await signIn('credentials', {
            email: String(form.get('email') ?? ''),
            password: String(form.get('password') ?? ''),
            code: String(form.get('code') ?? ''),
            redirect: false,
          })
          setBusy(false)
          if (result?.ok && !result.error) {
            window.location.assign(next)
            return
          }
          const code = result?.error ?? ''
          if (code === 'two-factor-required' || code === 'two-factor-invalid') setNeedCode(true)
          setError(signInMessage(code))
        }}
      >
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {needCode && (
          <label>
            Two-factor code
            <input
              name="code"
              data-testid="signin-code"
              autoComplete="one-time-code"
              inputMode="text"
              placeholder="123456 or a recovery code"
              required
              // biome-ignore lint/a11y/noAutofocus: the field appears because sign-in is waiting for it
              autoFocus
            />
          </label>
        )}
        {error && (
          <p className="error" role="alert" data-testid="signin-error">
            {error}
          </p>
        )}
        <button className="primary" type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {props.providers.length > 0 && (
        <div className="row" style={{ marginTop: 12, gap: 8 }}>
          {props.providers.map((provider) => (
            <button key={provider} type="button" onClick={() => void signIn(provider, { callbackUrl: next })}>
              Continue with {provider === 'github' ? 'GitHub' : 'Google'}
            </button>
          ))}
        </div>
      )}
      <p className="muted">
        No account? <a href="/signup">Sign up</a>
      </p>
    </>
  )
}
