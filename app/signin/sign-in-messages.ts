/** What the sign-in form says for each refusal next-auth hands back (`error`), in plain words. */
export function signInMessage(error: string): string {
  switch (error) {
    case 'CredentialsSignin':
      return 'Wrong email or password.'
    case 'rate-limited':
      return 'Too many sign-in attempts for this email. Wait a minute, then try again.'
    case 'two-factor-required':
      return 'Two-factor code required: enter the 6-digit code from your authenticator app, or a recovery code.'
    case 'two-factor-invalid':
      return 'That two-factor code is not valid (codes work once, within about 30 seconds). Try the current one.'
    case 'oauth-email-unverified':
      return 'Your GitHub or Google account has no verified email address; verify one there, then try again.'
    case 'OAuthAccountNotLinked':
    case 'OAuthSignin':
    case 'OAuthCallback':
    case 'Callback':
      return 'Signing in with that provider failed; try again, or use your email and password.'
    case 'AccessDenied':
      return 'That sign-in was refused.'
    default:
      return 'Sign-in failed; try again.'
  }
}

/** Only same-site paths are followed after sign-in (an open redirect would hand the session page to anyone). */
export function safeCallbackUrl(value: string | null | undefined): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/projects'
}
