/** Expected refusals of the web-accounts service, as values (STYLE §5); routes map `code` to a status once. */
export const WebAccountErrorCode = {
  notFound: 'not-found',
  forbidden: 'forbidden',
  invalidCode: 'invalid-code',
  twoFactorNotEnabled: 'two-factor-not-enabled',
  twoFactorAlreadyEnabled: 'two-factor-already-enabled',
  invitationUnusable: 'invitation-unusable',
  wrongAccount: 'wrong-account',
  emailUnverified: 'email-unverified',
  personalOrganization: 'personal-organization',
  lastOwner: 'last-owner',
  invalidRole: 'invalid-role',
  invalidEmail: 'invalid-email',
  invalidName: 'invalid-name',
  confirmationMismatch: 'confirmation-mismatch',
  invalidRequest: 'invalid-request',
} as const
export type WebAccountErrorCode = (typeof WebAccountErrorCode)[keyof typeof WebAccountErrorCode]

export interface WebAccountError {
  code: WebAccountErrorCode
  message: string
}

export type WebAccountResult<T> = { ok: true; value: T } | { ok: false; error: WebAccountError }

export function ok<T>(value: T): WebAccountResult<T> {
  return { ok: true, value }
}

export function fail<T>(code: WebAccountErrorCode, message: string): WebAccountResult<T> {
  return { ok: false, error: { code, message } }
}

const shared: readonly string[] = Object.values(WebAccountErrorCode)

/** An accounts-service refusal as ours: the codes both services share keep their name. */
export function fromAccountError<T>(error: { code: string; message: string }): WebAccountResult<T> {
  const code = shared.includes(error.code) ? (error.code as WebAccountErrorCode) : WebAccountErrorCode.invalidRequest
  return fail(code, error.message)
}
