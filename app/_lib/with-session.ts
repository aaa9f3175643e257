import type { SessionUser } from '../../lib/auth'
import { issueSessionToken, readSessionCookie, verifySessionToken } from '../../lib/auth'
import type { Db } from '../../lib/db'
import { isApiToken, verifyApiToken } from '../../lib/service/web-accounts'
import { ApiError, apiError } from './api-error'
import { serverContext } from './server-context'

export interface RouteContext {
  db: Db
  secret: string
  user: SessionUser
  /** The raw session token, for server-side collab clients acting as this user. */
  token: string
  /** How the caller authenticated: the session cookie, or an API token (`Authorization: Bearer bpt_…`). */
  via: { kind: 'session' } | { kind: 'api-token'; tokenId: string; projectId: string | null }
}

// An API token stands in for a session for this long: enough for one request and the collab clients it opens.
const apiTokenSessionSeconds = 300

type Params = Record<string, string | string[]>

/**
 * Route wrapper: authenticates the session cookie (sessionVersion re-checked on every request) or an API token,
 * and maps errors once — ApiError to its status, anything else to an opaque 500 (logged). Nothing more (STYLE §9).
 */
export function withSession<P extends Params>(
  handler: (req: Request, ctx: RouteContext, params: P) => Promise<Response>,
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const { db, secret } = serverContext()
      const bearer = readBearer(req)
      if (bearer !== undefined) {
        const ctx = await apiTokenContext(req, bearer, db, secret)
        return await handler(req, ctx, await route.params)
      }
      const token = readSessionCookie(req.headers.get('cookie'))
      if (!token) return apiError('unauthenticated', 'sign in first')
      const check = await verifySessionToken({ db, token, secret })
      if (!check.ok)
        return apiError('unauthenticated', `your session is no longer valid (${check.reason}); sign in again`)
      return await handler(req, { db, secret, user: check.user, token, via: { kind: 'session' } }, await route.params)
    } catch (err) {
      return mapError(err)
    }
  }
}

/**
 * The token of an `Authorization: Bearer …` header. Other schemes are not ours and are ignored (a site behind
 * HTTP basic auth sends `Basic …` with every request; the session cookie still decides).
 */
function readBearer(req: Request): string | undefined {
  const header = req.headers.get('authorization')
  if (header === null || !/^Bearer(\s|$)/i.test(header)) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match?.[1]) throw new ApiError('unauthenticated', 'the Authorization header must be "Bearer <API token>"')
  return match[1]
}

/**
 * An API token acts as its user (the user's current roles decide every project check), never on the account
 * itself (a leaked token must not mint tokens or change the password), and only on its project when scoped.
 */
async function apiTokenContext(req: Request, token: string, db: Db, secret: string): Promise<RouteContext> {
  if (!isApiToken(token)) throw new ApiError('unauthenticated', 'that bearer token is not a Backplane API token')
  const check = await verifyApiToken(db, { token })
  if (!check.ok) throw new ApiError('unauthenticated', `API token refused (${check.reason})`)
  const path = new URL(req.url).pathname
  if (path === '/api/v1/account' || path.startsWith('/api/v1/account/'))
    throw new ApiError('forbidden', 'API tokens cannot manage the account; sign in to do this')
  const scope = check.projectId
  if (scope && path !== `/api/v1/projects/${scope}` && !path.startsWith(`/api/v1/projects/${scope}/`))
    throw new ApiError('forbidden', `this API token is limited to project ${scope}`)
  const session = await issueSessionToken({ user: check.user, secret, maxAgeSeconds: apiTokenSessionSeconds })
  return {
    db,
    secret,
    user: check.user,
    token: session,
    via: { kind: 'api-token', tokenId: check.tokenId, projectId: scope },
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
