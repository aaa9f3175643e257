import type { SessionUser } from '../../lib/auth'
import { readSessionCookie, verifySessionToken } from '../../lib/auth'
import type { Db } from '../../lib/db'
import { ApiError, apiError } from './api-error'
import { serverContext } from './server-context'

export interface RouteContext {
  db: Db
  secret: string
  user: SessionUser
  /** The raw session token, for server-side collab clients acting as this user. */
  token: string
}

type Params = Record<string, string | string[]>

/**
 * Route wrapper: authenticates the session cookie (sessionVersion re-checked on every request) and maps errors
 * once — ApiError to its status, anything else to an opaque 500 (logged). Nothing more (STYLE §9).
 */
export function withSession<P extends Params>(
  handler: (req: Request, ctx: RouteContext, params: P) => Promise<Response>,
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const { db, secret } = serverContext()
      const token = readSessionCookie(req.headers.get('cookie'))
      if (!token) return apiError('unauthenticated', 'sign in first')
      const check = await verifySessionToken({ db, token, secret })
      if (!check.ok)
        return apiError('unauthenticated', `your session is no longer valid (${check.reason}); sign in again`)
      return await handler(req, { db, secret, user: check.user, token }, await route.params)
    } catch (err) {
      return mapError(err)
    }
  }
}

/** For routes without a session (sign-up): the same error mapping. */
export function withErrors<P extends Params>(handler: (req: Request, db: Db, params: P) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      return await handler(req, serverContext().db, await route.params)
    } catch (err) {
      return mapError(err)
    }
  }
}

function mapError(err: unknown): Response {
  if (err instanceof ApiError) return apiError(err.code, err.message, err.problems)
  console.error('web: unexpected error', err)
  return apiError('internal', 'something went wrong on our side; it has been logged')
}

/** Reads a JSON object body or throws a 400 saying what is wrong with it. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await req.json()
  } catch {
    throw new ApiError('invalid-request', 'the request body must be JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid-request', 'the request body must be a JSON object')
  }
  return body as Record<string, unknown>
}

export function stringField(body: Record<string, unknown>, key: string, options: { optional?: boolean } = {}): string {
  const value = body[key]
  if (value === undefined && options.optional) return ''
  if (typeof value !== 'string') throw new ApiError('invalid-request', `"${key}" must be a string`)
  return value
}
