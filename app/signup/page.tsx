import { SignUpForm } from './SignUpForm'

export const dynamic = 'force-dynamic'

export default async function SignUpPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const raw = (await props.searchParams).callbackUrl
  const callbackUrl = Array.isArray(raw) ? raw[0] : raw
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Create your account</h1>
        <SignUpForm {...(callbackUrl ? { callbackUrl } : {})} />
      </div>
    </main>
  )
}
