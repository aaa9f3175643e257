import postgres from 'postgres'
import type { EnvScope } from './secrets'

/**
 * Name of the database Backplane gives an unbound SQL block: `bp_<project>_<environment>_<block>` (≤ 63 chars), or
 * `bp_<tag>_<project>_…` when the installation sets a tag (BACKPLANE_PROVISION_TAG: several installations sharing
 * one server, such as test stacks that import the same example project id).
 */
export function blockDatabaseName(scope: EnvScope, block: string, tag?: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_')
  const prefix = tag ? `bp_${clean(tag)}_` : 'bp_'
  return `${prefix}${clean(scope.projectId)}_${clean(scope.environment)}_${clean(block)}`.slice(0, 63)
}

/**
 * For `npm start` without a binding: creates (once) a database of its own for a SQL block on the server behind
 * `adminUrl` — never Backplane's own database — and returns its URL. Pass it to `deploy` as `provisionDatabase`.
 * Needs a server that supports CREATE DATABASE (PostgreSQL; not PGlite's single-database socket).
 */
export async function provisionBlockDatabase(
  adminUrl: string,
  scope: EnvScope,
  block: string,
  tag?: string,
): Promise<string> {
  const name = blockDatabaseName(scope, block, tag)
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    const existing = await sql`select 1 from pg_database where datname = ${name}`
    if (existing.length === 0) await sql.unsafe(`create database "${name}"`)
  } finally {
    await sql.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * How this installation gives an unbound SQL block its own database (`deploy`'s `provisionDatabase`), from
 * configuration: `BACKPLANE_PROVISION_URL` names the server (an admin URL); `BACKPLANE_PROVISION_MODE=embedded`
 * says it is `npm start`'s embedded server, where each database name is its own PGlite (no CREATE DATABASE).
 * `BACKPLANE_PROVISION_TAG` goes into every name (see blockDatabaseName). Undefined when unset: a deployment then
 * refuses an unbound block (bind one per environment).
 */
export function blockProvisionerFromEnv(
  env: Record<string, string | undefined>,
): ((scope: EnvScope, block: string) => Promise<string>) | undefined {
  const adminUrl = env.BACKPLANE_PROVISION_URL
  if (!adminUrl) return undefined
  const tag = env.BACKPLANE_PROVISION_TAG || undefined
  if (env.BACKPLANE_PROVISION_MODE === 'embedded') {
    return async (scope, block) => {
      const url = new URL(adminUrl)
      url.pathname = `/${blockDatabaseName(scope, block, tag)}`
      return url.toString()
    }
  }
  return (scope, block) => provisionBlockDatabase(adminUrl, scope, block, tag)
}
