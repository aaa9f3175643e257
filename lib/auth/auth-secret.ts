import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** File under the data folder that keeps the generated secret across restarts of `npm start`. */
export const authSecretFileName = 'auth-secret'

/** The secret from configuration: `BACKPLANE_AUTH_SECRET`, else `NEXTAUTH_SECRET`; undefined when neither is set. */
export function authSecretFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const value = env.BACKPLANE_AUTH_SECRET || env.NEXTAUTH_SECRET
  return value && value.length > 0 ? value : undefined
}

/**
 * Reads `<dataDir>/auth-secret`, or creates it (32 random bytes, base64url, mode 0600) when missing. Used by
 * `npm start` when no secret is configured, so sessions survive restarts without setup.
 */
export function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, authSecretFileName)
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim()
    if (existing.length >= 32) return existing
  }
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return secret
}

/** Configuration first, then the data folder's kept secret. */
export function resolveAuthSecret(options: { dataDir: string; env?: Record<string, string | undefined> }): string {
  return authSecretFromEnv(options.env) ?? loadOrCreateSecret(options.dataDir)
}
