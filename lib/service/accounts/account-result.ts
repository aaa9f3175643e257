/** Expected refusals of the accounts service, as values (STYLE §5). Routes map `code` to an HTTP status once. */
export const AccountErrorCode = {
  emailTaken: 'email-taken',
  invalidEmail: 'invalid-email',
  weakPassword: 'weak-password',
  notFound: 'not-found',
  personalOrganization: 'personal-organization',
  lastOwner: 'last-owner',
  invalidRole: 'invalid-role',
  invalidName: 'invalid-name',
} as const
export type AccountErrorCode = (typeof AccountErrorCode)[keyof typeof AccountErrorCode]

export interface AccountError {
  code: AccountErrorCode
  message: string
}

export type AccountResult<T> = { ok: true; value: T } | { ok: false; error: AccountError }

export function ok<T>(value: T): AccountResult<T> {
  return { ok: true, value }
}

export function fail<T>(code: AccountErrorCode, message: string): AccountResult<T> {
  return { ok: false, error: { code, message } }
}
