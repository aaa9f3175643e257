import type { Problem } from '../../lib/problems'

/** Every error code a /api/v1 route may answer with, and its HTTP status (one table, STYLE §5). */
export const apiErrorStatus = {
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'invalid-request': 400,
  'invalid-design': 422,
  conflict: 409,
  'email-taken': 409,
  'invalid-email': 400,
  'weak-password': 400,
  'invalid-name': 400,
  'invalid-role': 400,
  'last-owner': 409,
  'personal-organization': 409,
  'rate-limited': 429,
  internal: 500,
  'invalid-archive': 400,
  'payload-too-large': 413,
  unavailable: 503,
  'wrong-password': 400,
  'invalid-code': 400,
  'two-factor-not-enabled': 409,
  'two-factor-already-enabled': 409,
  'invitation-unusable': 410,
  'wrong-account': 403,
  'email-unverified': 403,
  'confirmation-mismatch': 400,
  // The runtime (docs/runtime-api.md).
  'invalid-input': 400,
  'invalid-definition': 422,
  'not-deployed': 409,
  'needs-confirmation': 409,
  'not-running': 409,
} as const
export type ApiErrorCode = keyof typeof apiErrorStatus

export interface ApiErrorBody {
  /** `details`: what the caller needs to act on the refusal (needs-confirmation: `{ migration }`). */
  error: { code: ApiErrorCode; message: string; problems?: Problem[]; details?: Record<string, unknown> }
}

/** A JSON error response: `{ error: { code, message, problems, details } }` with the status of its code. */
export function apiError(
  code: ApiErrorCode,
  message: string,
  problems?: Problem[],
  details?: Record<string, unknown>,
): Response {
  const body: ApiErrorBody = {
    error: { code, message, ...(problems ? { problems } : {}), ...(details ? { details } : {}) },
  }
  return Response.json(body, { status: apiErrorStatus[code] })
}

/** Thrown inside a route to answer with an API error; anything else becomes an opaque 500. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly problems?: Problem[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** The response of an ApiError, details included. */
export function apiErrorResponse(error: ApiError): Response {
  return apiError(error.code, error.message, error.problems, error.details)
}

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(apiErrorStatus, code)
}
