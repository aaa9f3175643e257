import { Client, Connection, ServiceError } from '@temporalio/client'
import type { EnvScope, RuntimeContext, RuntimeFailure } from '../../lib/runtime'
import { blockProvisionerFromEnv, EnvironmentName } from '../../lib/runtime'
import { resolveRuntimeKey } from '../../server/worker/runtime-key'
import { ApiError, apiErrorResponse } from './api-error'
import { requireProjectAccess } from './project-access'
import { serverContext } from './server-context'
import { type RouteContext, withSession } from './with-session'

/**
 * The web process's runtime: Backplane's database, a Temporal client, the worker's task queue, the secrets key,
 * and how unbound SQL blocks get their own database. Created on first use, never at import (`next build` has no
 * Temporal), and kept on globalThis like server-context.ts. Environment: TEMPORAL_ADDRESS (127.0.0.1:7233),
 * TEMPORAL_NAMESPACE (default), BACKPLANE_TASK_QUEUE (backplane), BACKPLANE_SECRET_KEY or BACKPLANE_DATA_DIR's key
 * file, BACKPLANE_PROVISION_URL / BACKPLANE_PROVISION_MODE.
 */
export interface WebRuntime {
  context: RuntimeContext
  provisionDatabase: ((scope: EnvScope, block: string) => Promise<string>) | undefined
}

const globalKey = Symbol.for('backplane.web.runtime')
type GlobalWithRuntime = typeof globalThis & { [globalKey]?: Promise<WebRuntime> }

export function webRuntime(): Promise<WebRuntime> {
  const g = globalThis as GlobalWithRuntime
  const existing = g[globalKey]
  if (existing) return existing
  const created = createWebRuntime()
  g[globalKey] = created
  // A Temporal that was down at first use must not stay down for this process: try again next time.
  created.catch(() => {
    if (g[globalKey] === created) delete g[globalKey]
  })
  return created
}

async function createWebRuntime(): Promise<WebRuntime> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233'
  let connection: Connection
  try {
    connection = await Connection.connect({ address, connectTimeout: '5s' })
  } catch (error) {
    console.error('web: Temporal unreachable', error)
    throw new ApiError('unavailable', `the runtime is unavailable: Temporal at ${address} does not answer`)
  }
  return {
    context: {
      db: serverContext().db,
      temporal: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' }),
      taskQueue: process.env.BACKPLANE_TASK_QUEUE ?? 'backplane',
      key: resolveRuntimeKey({ dataDir: process.env.BACKPLANE_DATA_DIR ?? 'data' }),
    },
    provisionDatabase: blockProvisionerFromEnv(process.env),
  }
}

/** The secrets key alone (secret and binding writes need no Temporal). */
export function runtimeKey(): Uint8Array {
  return resolveRuntimeKey({ dataDir: process.env.BACKPLANE_DATA_DIR ?? 'data' })
}

/** A refusal of the runtime service as the ApiError its code maps to (problems and details kept). */
export function runtimeError(error: RuntimeFailure): ApiError {
  return new ApiError(error.code, error.message, error.problems, error.details)
}

/** The value of a runtime-service result, or the ApiError its refusal maps to. */
export function unwrapRuntime<R extends { ok: true } | { ok: false; error: RuntimeFailure }>(
  result: R,
): Extract<R, { ok: true }> {
  if (!result.ok) throw runtimeError(result.error)
  return result as Extract<R, { ok: true }>
}

/**
 * withSession for runtime routes: the same authentication, plus the mapping of errors withSession does not know —
 * an ApiError with details (it keeps them) and Temporal refusing a call (503 unavailable).
 */
export function withRuntimeSession<P extends Record<string, string | string[]>>(
  handler: (req: Request, ctx: RouteContext, params: P) => Promise<Response>,
) {
  return withSession<P>(async (req, ctx, params) => {
    try {
      return await handler(req, ctx, params)
    } catch (error) {
      if (error instanceof ApiError && error.details) return apiErrorResponse(error)
      if (error instanceof ServiceError) {
        console.error('web: Temporal refused a call', error)
        throw new ApiError('unavailable', 'the runtime is unavailable (Temporal refused the call); try again')
      }
      throw error
    }
  })
}

/** An `environment` query or path value: development (when absent and `fallback` allows) or production. */
export function parseEnvironment(value: string | null | undefined): EnvironmentName {
  if (value === null || value === undefined || value === '') return EnvironmentName.development
  if (value === EnvironmentName.development || value === EnvironmentName.production) return value
  throw new ApiError('invalid-request', `unknown environment "${value}": use development or production`)
}

/**
 * What a runtime route does to an environment, and who may: `read` (lists) anyone who can open the project; `run`
 * (run, start, cancel, deploy, replay) owners and editors in development, owners only in production; `configure`
 * (secrets, bindings, network policy) owners only.
 */
export async function requireEnvironmentAccess(
  ctx: RouteContext,
  projectId: string,
  environment: EnvironmentName,
  action: 'read' | 'run' | 'configure',
): Promise<void> {
  const need = action === 'read' ? 'read' : action === 'configure' || environment === 'production' ? 'admin' : 'write'
  await requireProjectAccess(ctx, projectId, need)
}
