'use client'
import { signIn } from 'next-auth/react'
import { useState } from 'react'

export function SignInForm() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault()
        const form = new FormData(event.currentTarget)
        setBusy(true)
        setError(null)
        const result = await signIn('credentials', {
          email: String(form.get('email') ?? ''),
          password: String(form.get('password') ?? ''),
          redirect: false,
        })
        setBusy(false)
        if (result?.ok) window.location.assign('/projects')
        else
          setError(
            result?.error === 'CredentialsSignin' ? 'Wrong email or password.' : (result?.error ?? 'Sign-in failed.'),
          )
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
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        Sign in
      </button>
      <p className="muted">
        No account? <a href="/signup">Sign up</a>
      </p>
    </form>
  )
}
