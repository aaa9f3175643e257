import { SignUpForm } from './SignUpForm'

export default function SignUpPage() {
  return (
    <main className="auth-page">
      <div className="card">
        <h1>Create your account</h1>
        <SignUpForm />
      </div>
    </main>
  )
}
