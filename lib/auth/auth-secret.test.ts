import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { authSecretFromEnv, loadOrCreateSecret, resolveAuthSecret } from './auth-secret'

describe('auth secret', () => {
  it('prefers configuration, BACKPLANE_AUTH_SECRET over NEXTAUTH_SECRET', () => {
    expect(authSecretFromEnv({ BACKPLANE_AUTH_SECRET: 'a', NEXTAUTH_SECRET: 'b' })).toBe('a')
    expect(authSecretFromEnv({ NEXTAUTH_SECRET: 'b' })).toBe('b')
    expect(authSecretFromEnv({})).toBeUndefined()
    expect(resolveAuthSecret({ dataDir: '/nonexistent', env: { NEXTAUTH_SECRET: 'cfg' } })).toBe('cfg')
  })

  it('generates a secret once in the data folder (mode 0600) and keeps it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bp-secret-')), 'data')
    const first = loadOrCreateSecret(dir)
    expect(first.length).toBeGreaterThanOrEqual(40)
    expect(loadOrCreateSecret(dir)).toBe(first)
    expect(resolveAuthSecret({ dataDir: dir, env: {} })).toBe(first)
    expect(readFileSync(join(dir, 'auth-secret'), 'utf8').trim()).toBe(first)
    expect(statSync(join(dir, 'auth-secret')).mode & 0o777).toBe(0o600)
  })
})
