import { configuredOAuthProviders } from '../_lib/auth-options'
import { SignInForm } from './SignInForm'

export const dynamic = 'force-dynamic'

export default async function SignInPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const query = await props.searchParams
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  const error = first(query.error)
  const callbackUrl = first(query.callbackUrl)
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Sign in to Backplane</h1>
        <SignInForm
          providers={configuredOAuthProviders()}
          {...(error ? { initialError: error } : {})}
          {...(callbackUrl ? { callbackUrl } : {})}
        />
      </div>
    </main>
  )
}
