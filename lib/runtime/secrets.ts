import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../db'
import { openSecret, sealSecret } from './secret-box'
import { databaseBindings, type EnvironmentName, environments, secrets } from './tables'

export type EnvScope = { projectId: string; environment: EnvironmentName | string }

const context = (kind: string, scope: EnvScope, name: string) =>
  `${kind}:${scope.projectId}:${scope.environment}:${name}`

/** Creates `development` and `production` for a project when missing. Idempotent. */
export async function ensureEnvironments(db: Db, projectId: string): Promise<void> {
  await db
    .insert(environments)
    .values([
      { projectId, name: 'development' },
      { projectId, name: 'production' },
    ])
    .onConflictDoNothing()
}

/** Whether HTTP nodes of this environment may reach private, loopback and link-local addresses. */
export async function setPrivateNetworkAllowed(db: Db, scope: EnvScope, allowed: boolean): Promise<void> {
  await db
    .insert(environments)
    .values({ projectId: scope.projectId, name: scope.environment as EnvironmentName, allowPrivateNetwork: allowed })
    .onConflictDoUpdate({ target: [environments.projectId, environments.name], set: { allowPrivateNetwork: allowed } })
}

export async function environmentPolicy(db: Db, scope: EnvScope): Promise<{ allowPrivateNetwork: boolean }> {
  const rows = await db
    .select({ allow: environments.allowPrivateNetwork })
    .from(environments)
    .where(
      and(eq(environments.projectId, scope.projectId), eq(environments.name, scope.environment as EnvironmentName)),
    )
  return { allowPrivateNetwork: rows[0]?.allow ?? false }
}

/** Stores (or replaces) a secret, encrypted. Write-only: nothing returns a value but `readSecret` (worker only). */
export async function setSecret(db: Db, key: Uint8Array, scope: EnvScope, name: string, value: string): Promise<void> {
  const ciphertext = sealSecret(key, value, context('secret', scope, name))
  await db
    .insert(secrets)
    .values({ projectId: scope.projectId, environment: scope.environment as EnvironmentName, name, ciphertext })
    .onConflictDoUpdate({
      target: [secrets.projectId, secrets.environment, secrets.name],
      set: { ciphertext, updatedAt: new Date() },
    })
}

/** Names (never values) of an environment's secrets, for the UI. */
export async function listSecretNames(db: Db, scope: EnvScope): Promise<{ name: string; updatedAt: Date }[]> {
  return db
    .select({ name: secrets.name, updatedAt: secrets.updatedAt })
    .from(secrets)
    .where(and(eq(secrets.projectId, scope.projectId), eq(secrets.environment, scope.environment as EnvironmentName)))
    .orderBy(asc(secrets.name))
}

export async function deleteSecret(db: Db, scope: EnvScope, name: string): Promise<void> {
  await db
    .delete(secrets)
    .where(
      and(
        eq(secrets.projectId, scope.projectId),
        eq(secrets.environment, scope.environment as EnvironmentName),
        eq(secrets.name, name),
      ),
    )
}

/** Decrypted secret value for the worker's HTTP activity; undefined when not set. */
export async function readSecret(db: Db, key: Uint8Array, scope: EnvScope, name: string): Promise<string | undefined> {
  const rows = await db
    .select({ ciphertext: secrets.ciphertext })
    .from(secrets)
    .where(
      and(
        eq(secrets.projectId, scope.projectId),
        eq(secrets.environment, scope.environment as EnvironmentName),
        eq(secrets.name, name),
      ),
    )
  const row = rows[0]
  return row ? openSecret(key, row.ciphertext, context('secret', scope, name)) : undefined
}

/** Binds a SQL database block to a PostgreSQL URL in one environment (stored encrypted). */
export async function setDatabaseBinding(
  db: Db,
  key: Uint8Array,
  scope: EnvScope,
  database: string,
  url: string,
  options: { managed?: boolean } = {},
): Promise<void> {
  const urlCiphertext = sealSecret(key, url, context('binding', scope, database))
  const managed = options.managed ?? false
  await db
    .insert(databaseBindings)
    .values({
      projectId: scope.projectId,
      environment: scope.environment as EnvironmentName,
      database,
      urlCiphertext,
      managed,
    })
    .onConflictDoUpdate({
      target: [databaseBindings.projectId, databaseBindings.environment, databaseBindings.database],
      set: { urlCiphertext, managed, updatedAt: new Date() },
    })
}

/** The bound URL of a block (worker and deploy only), undefined when unbound. */
export async function readDatabaseUrl(
  db: Db,
  key: Uint8Array,
  scope: EnvScope,
  database: string,
): Promise<string | undefined> {
  const rows = await db
    .select({ urlCiphertext: databaseBindings.urlCiphertext })
    .from(databaseBindings)
    .where(
      and(
        eq(databaseBindings.projectId, scope.projectId),
        eq(databaseBindings.environment, scope.environment as EnvironmentName),
        eq(databaseBindings.database, database),
      ),
    )
  const row = rows[0]
  return row ? openSecret(key, row.urlCiphertext, context('binding', scope, database)) : undefined
}

/** Which blocks are bound in an environment (names and whether Backplane manages them; never the URL). */
export async function listDatabaseBindings(db: Db, scope: EnvScope): Promise<{ database: string; managed: boolean }[]> {
  return db
    .select({ database: databaseBindings.database, managed: databaseBindings.managed })
    .from(databaseBindings)
    .where(
      and(
        eq(databaseBindings.projectId, scope.projectId),
        eq(databaseBindings.environment, scope.environment as EnvironmentName),
      ),
    )
    .orderBy(asc(databaseBindings.database))
}

/** Why a secret name is refused (it is referenced as `{ "secret": NAME }` from process files), or undefined. Pure. */
export function secretNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,127}$/.test(name))
    return `secret name "${name}" must start with a letter and hold only letters, digits and _ (at most 128)`
  return undefined
}

/** Why a secret value is refused (empty, or above 64 KiB), or undefined. Pure. */
export function secretValueProblem(value: string): string | undefined {
  if (value.length === 0) return 'a secret value must not be empty'
  if (new TextEncoder().encode(value).byteLength > 65_536) return 'a secret value must be at most 64 KiB'
  return undefined
}

/** Why a binding URL is refused (the worker connects to it with postgres.js), or undefined. Pure. */
export function bindingUrlProblem(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'the binding url is not a URL'
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return `the binding url must be postgres:// or postgresql://, not ${parsed.protocol}//`
  if (!parsed.pathname.replace(/^\//, '')) return 'the binding url must name a database'
  return undefined
}
