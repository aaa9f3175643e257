import { SignInForm } from './SignInForm'

export default function SignInPage() {
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Sign in to Backplane</h1>
        <SignInForm />
      </div>
    </main>
  )
}
