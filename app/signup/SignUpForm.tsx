'use client'
import { signIn } from 'next-auth/react'
import { useState } from 'react'
import { safeCallbackUrl } from '../signin/sign-in-messages'

export function SignUpForm(props: { callbackUrl?: string }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault()
        const form = new FormData(event.currentTarget)
        const email = String(form.get('email') ?? '')
        const password = String(form.get('password') ?? '')
        setBusy(true)
        setError(null)
        const response = await fetch('/api/v1/signup', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password, name: String(form.get('name') ?? '') }),
        })
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null
          setBusy(false)
          setError(body?.error?.message ?? 'Sign-up failed.')
          return
        }
        const result = await signIn('credentials', { email, password, redirect: false })
        setBusy(false)
        if (result?.ok) window.location.assign(safeCallbackUrl(props.callbackUrl))
        else setError('Your account was created, but signing in failed; try the sign-in page.')
      }}
    >
      <label>
        Name
        <input name="name" autoComplete="name" />
      </label>
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password (8 characters or more)
        <input name="password" type="password" autoComplete="new-password" minLength={8} required />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        Sign up
      </button>
      <p className="muted">
        Have an account? <a href="/signin">Sign in</a>
      </p>
    </form>
  )
}
